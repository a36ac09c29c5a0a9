// Worker bootstrap: worker threads ignore --import in execArgv, so register tsx's loader here, then run the
// TypeScript entry.
import { register } from "tsx/esm/api";

register();
await import("./producer-worker.ts");
