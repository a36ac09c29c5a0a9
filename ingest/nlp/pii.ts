// Personal data (phone numbers, ID cards, bank cards, e-mail, names in signatures): one implementation, in
// db/privacy/mask.ts, shared by the NLP pass (which counts what it finds), the pages, the exports and the bulletin.
export * from "../../db/privacy/mask";
