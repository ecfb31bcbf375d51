import type { Executor } from '../../db.ts';
import type { MessageKey } from '../../messages.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { sha256 } from '../../platform/auth/crypto.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import {
  type ConsentGiven,
  type ConsentRegister,
  type ConsentWithdrawal,
  personalDataPorts,
  type Subject,
  subjectEmail,
} from '../../platform/personal-data.ts';

// The register of consents. Modules that rest processing on consent call the platform's
// recordConsent / withdrawConsent in the transaction that confirms or withdraws it (they sit below
// privacy, so they reach this register through privacy's personal-data port); the person sees their
// consents on My data and withdraws one there, which also stops what rested on it through the
// owning module's `withdrawConsent`.

/** The version of a wording: the SHA-256 of its language and its exact text. */
export const wordingVersion = (lang: 'ar' | 'en', text: string) => sha256(`${lang}\n${text}`);

/** The register's data kind a consent covers, which must rest on consent and belong to the purpose's module. */
function consentKind(deps: Deps, purpose: string, kind: string) {
  for (const { module, port } of personalDataPorts(deps)) {
    const k = port.kinds.find((x) => x.key === kind);
    if (!k) continue;
    if (k.basis !== 'consent' || !purpose.startsWith(`${module}.`) || !kind.startsWith(`${module}.`))
      throw new Error(`privacy: consent ${purpose} cannot cover ${kind} (basis ${k.basis}, module ${module})`);
    return { module, port, kind: k };
  }
  throw new Error(`privacy: consent ${purpose} names ${kind}, which no module declares`);
}

export const consentRegister: ConsentRegister = {
  async record(trx, deps, given: ConsentGiven) {
    consentKind(deps, given.purpose, given.kind);
    const email = given.email.trim().toLowerCase();
    const at = given.givenAt ?? nowIso();
    const version = wordingVersion(given.lang, given.wording);
    await trx
      .insertInto('privacy_consent_wordings')
      .values({ version, purpose: given.purpose, lang: given.lang, text: given.wording, first_shown_at: at })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
    await trx
      .insertInto('privacy_consents')
      .values({
        purpose: given.purpose,
        kind: given.kind,
        ref: given.ref,
        email,
        wording_version: version,
        given_at: at,
        given_channel: given.channel,
        given_form: given.form,
        withdrawn_at: null,
        withdrawn_channel: null,
      })
      .execute();
  },

  async withdraw(trx, _deps, w: ConsentWithdrawal) {
    let q = trx
      .updateTable('privacy_consents')
      .set({ withdrawn_at: nowIso(), withdrawn_channel: w.channel })
      .where('purpose', '=', w.purpose)
      .where('email', '=', w.email.trim().toLowerCase())
      .where('withdrawn_at', 'is', null);
    if (w.ref !== undefined) q = q.where('ref', '=', w.ref);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0);
  },
};

/**
 * Consents given before the register existed (issue 19): each module lists the consents its current
 * records rest on (`priorConsents`); those the register has no record of (by purpose and record) are
 * recorded as `before_register`, at the record's own time, with a wording that says the words shown
 * then were not kept — shown as such on My data and to the office, and withdrawn like any other.
 * Idempotent: the nightly retention job runs it first, so records made while privacy was not
 * installed are caught too. Audited with counts only. Returns how many it recorded, by purpose.
 */
export async function backfillPriorConsents(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  return deps.db.transaction().execute(async (trx) => {
    const counts: Record<string, number> = {};
    for (const { port } of personalDataPorts(deps)) {
      if (!port.priorConsents) continue;
      const prior = await port.priorConsents(trx, deps);
      if (prior.length === 0) continue;
      const purposes = [...new Set(prior.map((g) => g.purpose))];
      const known = await trx.selectFrom('privacy_consents').select(['purpose', 'ref']).where('purpose', 'in', purposes).execute();
      const have = new Set(known.map((k) => `${k.purpose}|${k.ref}`));
      for (const g of prior) {
        if (have.has(`${g.purpose}|${g.ref}`)) continue;
        await consentRegister.record(trx, deps, { ...g, channel: 'before_register' });
        have.add(`${g.purpose}|${g.ref}`);
        counts[g.purpose] = (counts[g.purpose] ?? 0) + 1;
      }
    }
    if (Object.keys(counts).length > 0)
      await recordAudit(trx, ctx, { action: 'privacy.consent_backfill', recordType: 'privacy_consent', after: { counts } });
    return counts;
  });
}

/** How many consents the register holds that were recorded before it existed, standing and withdrawn (the office's register page). */
export async function priorConsentCounts(deps: Deps): Promise<{ standing: number; withdrawn: number }> {
  const count = async (withdrawn: boolean) => {
    const r = await deps.db
      .selectFrom('privacy_consents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('given_channel', '=', 'before_register')
      .where('withdrawn_at', withdrawn ? 'is not' : 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return { standing: await count(false), withdrawn: await count(true) };
}

/** One of the person's consents as My data shows it: the wording they saw, and the purpose from the register. */
export interface ConsentItem {
  id: number;
  purpose: string;
  purposeLabel: MessageKey | null;
  ref: string;
  lang: 'ar' | 'en';
  wording: string;
  wordingVersion: string;
  givenAt: string;
  givenChannel: string;
  givenForm: string;
  withdrawnAt: string | null;
  withdrawnChannel: string | null;
}

const consentRows = (db: Executor, email: string) =>
  db
    .selectFrom('privacy_consents as c')
    .innerJoin('privacy_consent_wordings as w', 'w.version', 'c.wording_version')
    .select([
      'c.id',
      'c.purpose',
      'c.kind',
      'c.ref',
      'c.email',
      'c.wording_version',
      'c.given_at',
      'c.given_channel',
      'c.given_form',
      'c.withdrawn_at',
      'c.withdrawn_channel',
      'w.lang',
      'w.text',
    ])
    .where('c.email', '=', email)
    .orderBy('c.given_at', 'desc')
    .orderBy('c.id', 'desc');

/** The subject's consents, newest first (an address only: consents are given by address). */
export async function consentsOf(deps: Deps, subject: Subject): Promise<ConsentItem[]> {
  const email = subjectEmail(subject);
  if (!email) return [];
  const purposes = new Map(personalDataPorts(deps).flatMap(({ port }) => port.kinds.map((k) => [k.key, k.purpose] as const)));
  const rows = await consentRows(deps.db, email).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    purpose: r.purpose,
    purposeLabel: purposes.get(r.kind) ?? null,
    ref: r.ref,
    lang: r.lang,
    wording: r.text,
    wordingVersion: r.wording_version,
    givenAt: r.given_at,
    givenChannel: r.given_channel,
    givenForm: r.given_form,
    withdrawnAt: r.withdrawn_at,
    withdrawnChannel: r.withdrawn_channel,
  }));
}

/**
 * The person withdraws one of their consents on My data: recorded, and what rested on it stops in
 * the same transaction (a subscription ends, a comment no longer shows the name). Another address's
 * consent is a 404, as is one already withdrawn.
 */
export async function withdrawOwnConsent(deps: Deps, ctx: Ctx, subject: Subject, id: number): Promise<void> {
  const email = subjectEmail(subject);
  if (!email) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('privacy_consents')
      .selectAll()
      .where('id', '=', id)
      .where('email', '=', email)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (!c) throw new NotFoundError();
    const at = nowIso();
    await trx.updateTable('privacy_consents').set({ withdrawn_at: at, withdrawn_channel: 'my_data' }).where('id', '=', c.id).execute();
    const { port } = consentKind(deps, c.purpose, c.kind);
    await port.withdrawConsent?.(trx, deps, { purpose: c.purpose, ref: c.ref, email });
    await recordAudit(trx, ctx, {
      action: 'privacy.consent_withdraw',
      recordType: 'privacy_consent',
      recordId: c.id,
      after: { purpose: c.purpose, ref: c.ref, channel: 'my_data' },
    });
  });
}

/** The consents in the archive: what was agreed to, in which words, when and how, and when withdrawn. */
export async function exportConsents(db: Executor, email: string) {
  const rows = await consentRows(db, email).execute();
  return rows.map((r) => ({
    purpose: r.purpose,
    about: r.ref,
    wording: r.text,
    wording_language: r.lang,
    wording_version: r.wording_version,
    given_at: r.given_at,
    given_channel: r.given_channel,
    given_form: r.given_form,
    withdrawn_at: r.withdrawn_at,
    withdrawn_channel: r.withdrawn_channel,
  }));
}

/** Erasure: the address's consents go, then any wording no other consent was shown (a wording may hold a name). */
export async function eraseConsents(trx: Executor, email: string): Promise<number> {
  const versions = await trx.selectFrom('privacy_consents').select('wording_version').where('email', '=', email).execute();
  const r = await trx.deleteFrom('privacy_consents').where('email', '=', email).executeTakeFirst();
  await dropUnusedWordings(trx, versions);
  return Number(r.numDeletedRows ?? 0);
}

/**
 * Retention: consents withdrawn before `cutoff` have served as proof long enough and go (standing
 * consents stay whatever their age), then any wording no remaining consent was shown.
 */
export async function purgeWithdrawnConsents(trx: Executor, cutoff: string): Promise<number> {
  const old = trx.selectFrom('privacy_consents').where('withdrawn_at', 'is not', null).where('withdrawn_at', '<', cutoff);
  const versions = await old.select('wording_version').execute();
  const r = await trx
    .deleteFrom('privacy_consents')
    .where('withdrawn_at', 'is not', null)
    .where('withdrawn_at', '<', cutoff)
    .executeTakeFirst();
  await dropUnusedWordings(trx, versions);
  return Number(r.numDeletedRows ?? 0);
}

async function dropUnusedWordings(trx: Executor, versions: { wording_version: string }[]): Promise<void> {
  const mine = [...new Set(versions.map((v) => v.wording_version))];
  if (mine.length > 0) {
    await trx
      .deleteFrom('privacy_consent_wordings')
      .where('version', 'in', mine)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('privacy_consents')
              .select('id')
              .whereRef('privacy_consents.wording_version', '=', 'privacy_consent_wordings.version'),
          ),
        ),
      )
      .execute();
  }
}
