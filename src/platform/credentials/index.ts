/**
 * Verifiable certificates, built once for every module that certifies something (award winners,
 * training completions): Open Badges 3.0 credentials signed with the program's Ed25519 key
 * (Data Integrity, eddsa-rdfc-2022), revocable through a Bitstring Status List, verifiable by
 * anyone at the public pages of the `credentials` module (/verify/<serial>, and the issuer's
 * documents under /credentials/…).
 *
 * Use from a module's service, inside the transaction that records the achievement:
 *
 *   const c = await issueCredential(deps, trx, ctx, {
 *     source: 'training', sourceRef: `enrolment:${id}`, lang: person.lang,
 *     recipient: { name: person.name, email: person.email },
 *     achievement: { key: `programme-${p.id}`, type: 'Certificate',
 *       name: { ar, en }, description: { ar, en }, criteria: { ar, en } },
 *   });
 *   // c.serial, c.verifyPath ('/verify/…', prefix the language), c.documentPath ('/credentials/….json')
 *
 * and `revokeCredential(trx, ctx, serial, reason)` to withdraw one. Both write their audit record
 * in the caller's transaction. `credentialFor(db, source, sourceRef)` finds what was issued.
 */
export {
  type Bilingual,
  type CredentialRow,
  credentialBySerial,
  credentialFor,
  ERASED_DOCUMENT,
  eraseCredentialRecipient,
  type IssuedCredential,
  type IssueInput,
  issueCredential,
  revokeCredential,
} from './credentials.ts';
