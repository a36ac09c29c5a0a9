// The CSP nonce of the document being rendered (see app/security-headers.server.ts): entry.server.tsx provides it,
// the root layout hands it to <Scripts> and <ScrollRestoration> so Remix's inline scripts may run. In the browser
// it is undefined (browsers hide nonces from the DOM), which is fine: those scripts are not rendered again there.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
