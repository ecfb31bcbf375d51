import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { slot } from '../app-state.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Ctx } from '../auth/actor.ts';
import type { CredentialsTable } from '../db/tables.ts';
import { nowIso } from '../db/time.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../http/errors.ts';
import type { Lang } from '../i18n/i18n.ts';
import { ERASED } from '../personal-data.ts';
import {
  checkRevocation,
  checkSignature,
  DID_V1,
  deriveIssuerKey,
  type IssuerKey,
  MULTIKEY_V1,
  multikeyMethod,
  OB_V3,
  type Resolve,
  STATUS_LIST_LENGTH,
  signCredential,
  signStatusList,
  VC_V2,
} from './signing.ts';

export type Bilingual = { ar: string; en: string };

/** What a module asks to certify. */
export interface IssueInput {
  /** The issuing module's name and its own reference; one credential per (source, sourceRef). */
  source: string;
  sourceRef: string;
  /** The language the signed document is written in (the recipient's). */
  lang: Lang;
  recipient: { name: string; email?: string | null };
  achievement: {
    /** A stable key of the achievement within the source, e.g. `cycle-2/branch-3/winner`. */
    key: string;
    /** Open Badges achievementType: Award for prizes, Certificate or Course for training. */
    type: 'Award' | 'Certificate' | 'Course' | 'Competency';
    name: Bilingual;
    description: Bilingual;
    criteria: Bilingual;
  };
  /** When the achievement was reached (validFrom and the date printed); default now. */
  issuedAt?: Date;
}

export interface IssuedCredential {
  serial: string;
  /** Path of the public verification page, without the language prefix. */
  verifyPath: string;
  /** Path of the signed JSON-LD document. */
  documentPath: string;
}

export type CredentialRow = Omit<CredentialsTable, 'id'> & { id: number };

/** Where the issuer's documents live (they are served there for anyone's verifier). */
export const issuerIdOf = (baseUrl: string) => `${baseUrl}/credentials/issuer`;
export const statusListUrl = (baseUrl: string, list: number) => `${baseUrl}/credentials/status/${list}`;
export const credentialUrl = (baseUrl: string, serial: string) => `${baseUrl}/credentials/${serial}`;

const keySlot = slot<Promise<IssuerKey>>('credentials.key');
const statusSlot = slot<Map<number, { stamp: string; doc: Promise<Record<string, unknown>> }>>('credentials.statusLists');

/** The program's current signing key (derived once per app). */
export function issuerKey(deps: Deps): Promise<IssuerKey> {
  return deps.state.get(keySlot, () =>
    deriveIssuerKey(deps.config.credentialKey ?? deps.config.secretKey, issuerIdOf(deps.config.baseUrl)),
  );
}

// Crockford's base32: no I, L, O or U, so a serial read aloud or typed is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 80 random bits in four groups (e.g. 7K2M-Q9XD-4TWA-H3RB): unguessable, so the public pages cannot be walked. */
export function newSerial(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(32)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
export const SERIAL_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/**
 * The issuer's controller document: every key it ever signed with, each allowed to assert
 * credentials. (The issuer's name and address travel inside each credential, as Open Badges'
 * Profile.)
 */
export async function issuerDocument(deps: Deps, executor: Executor = deps.db): Promise<Record<string, unknown>> {
  const issuerId = issuerIdOf(deps.config.baseUrl);
  const current = await issuerKey(deps);
  const stored = await executor.selectFrom('credential_keys').select('public_key_multibase').orderBy('created_at').execute();
  const keys = [...new Set([...stored.map((k) => k.public_key_multibase), current.publicKeyMultibase])];
  const methods = keys.map((k) => multikeyMethod(issuerId, k));
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: issuerId,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

const issuerName: Bilingual = { ar: 'برنامج التعاملات الإلكترونية الحكومية', en: 'E-Government Program' };

/** The signed status list `list`, re-signed only when its revocations changed. */
export async function statusListDocument(deps: Deps, list: number): Promise<Record<string, unknown> | undefined> {
  const revoked = await deps.db
    .selectFrom('credentials')
    .select('status_index')
    .where('status_list', '=', list)
    .where('revoked_at', 'is not', null)
    .orderBy('status_index')
    .execute();
  const used = await deps.db.selectFrom('credentials').select('id').where('status_list', '=', list).limit(1).executeTakeFirst();
  if (!used) return undefined;
  const stamp = revoked.map((r) => r.status_index).join(',');
  const cache = deps.state.get(statusSlot, () => new Map());
  const hit = cache.get(list);
  if (hit && hit.stamp === stamp) return hit.doc;
  const doc = (async () =>
    signStatusList(
      {
        id: statusListUrl(deps.config.baseUrl, list),
        issuerId: issuerIdOf(deps.config.baseUrl),
        revoked: revoked.map((r) => r.status_index),
        validFrom: isoSeconds(new Date()),
      },
      await issuerKey(deps),
      resolver(deps),
    ))();
  cache.set(list, { stamp, doc });
  doc.catch(() => cache.delete(list));
  return doc;
}

/** Resolves the issuer's own addresses from this database; nothing else (no network). */
export function resolver(deps: Deps): Resolve {
  const issuerId = issuerIdOf(deps.config.baseUrl);
  const statusPrefix = statusListUrl(deps.config.baseUrl, 0).replace(/0$/, '');
  return async (url) => {
    if (url === issuerId) return issuerDocument(deps);
    if (url.startsWith(`${issuerId}#`)) {
      const doc = await issuerDocument(deps);
      const method = (doc.verificationMethod as { id: string }[]).find((m) => m.id === url);
      return method && { '@context': MULTIKEY_V1, ...method };
    }
    if (url.startsWith(statusPrefix)) {
      const n = url.slice(statusPrefix.length);
      if (/^\d{1,6}$/.test(n)) return statusListDocument(deps, Number(n));
    }
    return undefined;
  };
}

const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** Open Badges' hashed identity: sha256 of the address and a salt, so the credential does not publish the email. */
function hashedEmail(email: string) {
  const salt = randomBytes(12).toString('hex');
  const hash = createHash('sha256')
    .update(email.trim().toLowerCase() + salt)
    .digest('hex');
  return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: `sha256$${hash}`, salt };
}

/**
 * Issues (signs and stores) an Open Badges 3.0 credential inside the caller's transaction, with
 * its audit record; asking again for the same (source, sourceRef) returns the one already issued.
 * The recipient's name is in the credential (it is what a verifier checks); an email only as a
 * salted hash.
 */
export async function issueCredential(deps: Deps, trx: Executor, ctx: Ctx, input: IssueInput): Promise<IssuedCredential> {
  const existing = await trx
    .selectFrom('credentials')
    .select('serial')
    .where('source', '=', input.source)
    .where('source_ref', '=', input.sourceRef)
    .executeTakeFirst();
  if (existing) return paths(existing.serial);
  const key = await issuerKey(deps);
  await trx
    .insertInto('credential_keys')
    .values({ public_key_multibase: key.publicKeyMultibase, created_at: nowIso() })
    .onConflict((oc) => oc.column('public_key_multibase').doNothing())
    .execute();
  const serial = newSerial();
  const issuedAt = input.issuedAt ?? new Date();
  const { id } = await trx
    .insertInto('credentials')
    .values({
      serial,
      source: input.source,
      source_ref: input.sourceRef,
      lang: input.lang,
      recipient_name: input.recipient.name,
      achievement_json: JSON.stringify(input.achievement),
      document: '',
      status_list: 0,
      status_index: 0,
      issued_at: issuedAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The row's id decides its place in the status lists: unique by construction, never reused.
  const list = Math.floor((id - 1) / STATUS_LIST_LENGTH) + 1;
  const index = (id - 1) % STATUS_LIST_LENGTH;
  const base = deps.config.baseUrl;
  const l = input.lang;
  const identifiers: object[] = [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: input.recipient.name }];
  if (input.recipient.email) identifiers.push(hashedEmail(input.recipient.email));
  const unsigned = {
    '@context': [VC_V2, OB_V3],
    id: credentialUrl(base, serial),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerIdOf(base), type: ['Profile'], name: issuerName[l], url: base },
    validFrom: isoSeconds(issuedAt),
    name: input.achievement.name[l],
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: identifiers,
      achievement: {
        id: `${base}/credentials/achievements/${input.source}/${input.achievement.key.split('/').map(encodeURIComponent).join('/')}`,
        type: ['Achievement'],
        achievementType: input.achievement.type,
        name: input.achievement.name[l],
        description: input.achievement.description[l],
        criteria: { narrative: input.achievement.criteria[l] },
        inLanguage: l,
      },
    },
    credentialStatus: {
      id: `${statusListUrl(base, list)}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: statusListUrl(base, list),
    },
  };
  const signed = await signCredential(unsigned, key, resolver(deps));
  await trx
    .updateTable('credentials')
    .set({ document: JSON.stringify(signed), status_list: list, status_index: index })
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, ctx, {
    action: 'credential.issue',
    recordType: 'credential',
    recordId: serial,
    after: {
      source: input.source,
      source_ref: input.sourceRef,
      achievement: input.achievement.key,
      status_list: list,
      status_index: index,
    },
  });
  return paths(serial);
}

const paths = (serial: string): IssuedCredential => ({
  serial,
  verifyPath: `/verify/${serial}`,
  documentPath: `/credentials/${serial}.json`,
});

/** Revokes a credential (its status bit is set from now on) with the reason the verification page shows. */
export async function revokeCredential(trx: Executor, ctx: Ctx, serial: string, reason: string): Promise<void> {
  const row = await trx
    .selectFrom('credentials')
    .select(['id', 'revoked_at', 'source', 'source_ref'])
    .where('serial', '=', serial)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (row.revoked_at) throw new ConflictError('error.credential_already_revoked');
  const at = nowIso();
  await trx.updateTable('credentials').set({ revoked_at: at, revoked_reason: reason }).where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, {
    action: 'credential.revoke',
    recordType: 'credential',
    recordId: serial,
    before: { revoked_at: null },
    after: { revoked_at: at, reason, source: row.source, source_ref: row.source_ref },
  });
}

/** What an erased credential's stored document is: the signed one carried the recipient's name. */
export const ERASED_DOCUMENT = '{"erased":true}';

/**
 * Erases a credential's recipient at their request, in the caller's transaction (the privacy
 * office's decision audits it): revoked, so a copy kept elsewhere no longer verifies, and the name
 * and the signed document that carries it removed. The row keeps its status slot, never reused.
 */
export async function eraseCredentialRecipient(trx: Executor, serial: string, reason: string): Promise<void> {
  const row = await trx.selectFrom('credentials').select(['id', 'revoked_at']).where('serial', '=', serial).executeTakeFirst();
  if (!row) return;
  await trx
    .updateTable('credentials')
    .set({ recipient_name: ERASED, document: ERASED_DOCUMENT, revoked_at: row.revoked_at ?? nowIso(), revoked_reason: reason })
    .where('id', '=', row.id)
    .execute();
}

/** The credential a source issued for one of its records, if any. */
export async function credentialFor(executor: Executor, source: string, sourceRef: string): Promise<CredentialRow | undefined> {
  return executor.selectFrom('credentials').selectAll().where('source', '=', source).where('source_ref', '=', sourceRef).executeTakeFirst();
}

export async function credentialBySerial(executor: Executor, serial: string): Promise<CredentialRow | undefined> {
  if (!SERIAL_PATTERN.test(serial)) return undefined;
  return executor.selectFrom('credentials').selectAll().where('serial', '=', serial).executeTakeFirst();
}

export type Verdict =
  | { outcome: 'valid'; row?: CredentialRow }
  | { outcome: 'revoked'; row?: CredentialRow }
  | { outcome: 'invalid'; reason: string }
  | { outcome: 'not_ours' };

/**
 * Verifies a credential document as any verifier would: the proof against the issuer's published
 * key, the validity dates, and the revocation bit through the signed status list. Only credentials
 * this program issued can be checked here (the loader never fetches another issuer's documents).
 */
export async function verifyDocument(deps: Deps, doc: unknown): Promise<Verdict> {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { outcome: 'invalid', reason: 'not a JSON object' };
  const d = doc as Record<string, unknown>;
  const issuer = typeof d.issuer === 'object' && d.issuer ? (d.issuer as { id?: unknown }).id : d.issuer;
  if (issuer !== issuerIdOf(deps.config.baseUrl)) return { outcome: 'not_ours' };
  const resolve = resolver(deps);
  const sig = await checkSignature(d, resolve);
  if (!sig.ok) return { outcome: 'invalid', reason: sig.reason };
  const status = await checkRevocation(d, resolve);
  if ('error' in status) return { outcome: 'invalid', reason: status.error };
  const serial = typeof d.id === 'string' ? d.id.slice(credentialUrl(deps.config.baseUrl, '').length) : '';
  const row = await credentialBySerial(deps.db, serial);
  return { outcome: status.revoked ? 'revoked' : 'valid', row };
}

/** Credentials for the office's list, newest first, optionally filtered by serial or name. */
export async function listCredentials(deps: Deps, opts: { q?: string; page: number; perPage?: number }) {
  const per = opts.perPage ?? 50;
  let q = deps.db.selectFrom('credentials').selectAll();
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('serial', '=', opts.q!.toUpperCase()), eb(sql`lower(recipient_name)`, 'like', sql`lower(${like}) escape '\\'`)]),
    );
  }
  const rows = await q
    .orderBy('id', 'desc')
    .limit(per + 1)
    .offset((opts.page - 1) * per)
    .execute();
  return { rows: rows.slice(0, per), hasNext: rows.length > per };
}
