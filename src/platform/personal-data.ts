import { sql } from 'kysely';
import type { Executor } from '../db.ts';
import type { MessageKey } from '../messages.ts';
import { slot } from './app-state.ts';
import type { Deps } from './deps.ts';

/**
 * What a module tells the privacy office about the personal data it holds (its manifest's
 * `personalData`): the register of data kinds, and how to export, erase and purge a person's data.
 * The privacy module reaches every module through this port, never through their tables.
 */

/** A data subject as verified: a lower-cased email and/or an E.164 phone. */
export interface Subject {
  email: string | null;
  phone: string | null;
}

export const legalBases = ['consent', 'public_task', 'legal_obligation', 'legitimate_interest'] as const;
export type LegalBasis = (typeof legalBases)[number];

export const periodUnits = ['days', 'months', 'years', 'hijri_months', 'hijri_years'] as const;
export type PeriodUnit = (typeof periodUnits)[number];
/** A retention period; Hijri units count Umm al-Qura months and years. */
export interface RetentionPeriod {
  n: number;
  unit: PeriodUnit;
}

/** One kind of personal data a module holds. */
export interface DataKind {
  /** Unique, prefixed with the module's name, e.g. `feedback.case_contact`. */
  key: string;
  label: MessageKey;
  /** Where it lives (tables and fields, or stored files), as the register shows it. */
  where: string;
  purpose: MessageKey;
  basis: LegalBasis;
  /** When the retention clock starts and what happens then, in words. */
  retention: MessageKey;
  /** The period the module ships with; null: kept as long as its purpose lasts (no purger). */
  defaultPeriod: RetentionPeriod | null;
  /** Where and how the person gets it corrected (the register and the privacy notice show it). */
  correction?: MessageKey;
}

/** One kind's part of a person's archive: rows as plain JSON, and the stored files that belong to them. */
export interface ExportedKind {
  kind: string;
  records: Record<string, unknown>[];
  files: { name: string; storageKey: string }[];
}

/** What erasing or purging did: how many records per kind, and stored files to remove once committed. */
export interface ErasureResult {
  counts: Record<string, number>;
  files: string[];
}

/**
 * What purging one kind did; `subjects`: people whose retention ran out as a whole (a closed staff
 * account), whom the privacy office then erases in the same transaction exactly as an approved
 * erasure request would (every module's `erase`), counting it in the run's report.
 */
export interface PurgeResult extends ErasureResult {
  subjects?: Subject[];
}

export interface PersonalDataPort {
  kinds: readonly DataKind[];
  /** Audit actions that record a staff read of personal data (the office's access log lists them). */
  readActions?: readonly string[];
  /** Everything held about the subject. */
  export(deps: Deps, subject: Subject): Promise<ExportedKind[]>;
  /** Removes or pseudonymises the subject's personal data in the caller's transaction; aggregates survive. */
  erase(trx: Executor, deps: Deps, subject: Subject): Promise<ErasureResult>;
  /** Purges one kind's records whose retention clock started before `cutoff` (ISO), in the caller's transaction. */
  purge?(trx: Executor, deps: Deps, kind: string, cutoff: string): Promise<PurgeResult>;
  /**
   * A consent this module recorded was withdrawn in the register of consents (on My data): stop what
   * rested on it (e.g. the subscription), in the caller's transaction.
   */
  withdrawConsent?(trx: Executor, deps: Deps, consent: { purpose: string; ref: string; email: string }): Promise<void>;
  /**
   * The consents this module's current records rest on (a confirmed subscription, a comment shown by
   * name), as `before_register` consents with the record's own time and a wording saying so: the
   * register records those it has no record of — consents given before it existed.
   */
  priorConsents?(db: Executor, deps: Deps): Promise<ConsentGiven[]>;
  /** Only the module that keeps the register of consents (privacy) offers this. */
  consents?: ConsentRegister;
}

// Consent records. The modules that rest processing on consent (notify's subscriptions,
// participate's comments by name) sit below the privacy module, which keeps the register, so they
// cannot import its port: they call these functions in the transaction that confirms the consent or
// withdraws it, and the register offered through privacy's personal-data port records it there.

/** How a consent was given or withdrawn. */
/** `before_register`: a consent given before the register existed, recorded afterwards from the module's record (the words shown then were not kept). */
export const consentChannels = ['web_form', 'email_link', 'one_click', 'manage_page', 'my_data', 'erasure', 'before_register'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/** A consent as the module that asked for it saw it given. */
export interface ConsentGiven {
  /** `<module>.<purpose>`, e.g. `notify.subscription`. */
  purpose: string;
  /** The register's data kind (basis `consent`) the consent covers, e.g. `notify.subscriber`. */
  kind: string;
  /** What the consent is about, e.g. `notify_subscription:12`. */
  ref: string;
  email: string;
  /** The language the wording was shown in, and the wording exactly as shown. */
  lang: 'ar' | 'en';
  wording: string;
  channel: ConsentChannel;
  /** The form it was given on, e.g. `/subscriptions/confirm`. */
  form: string;
  /** When it was given, for a consent recorded afterwards (`before_register`); otherwise now. */
  givenAt?: string;
}

/** A withdrawal: every standing consent of the address for the purpose (for one record when `ref` is given). */
export interface ConsentWithdrawal {
  purpose: string;
  email: string;
  ref?: string;
  channel: ConsentChannel;
}

export interface ConsentRegister {
  record(trx: Executor, deps: Deps, given: ConsentGiven): Promise<void>;
  /** Returns how many consents it withdrew. */
  withdraw(trx: Executor, deps: Deps, withdrawal: ConsentWithdrawal): Promise<number>;
}

const consentRegister = (deps: Pick<Deps, 'state'>) => personalDataPorts(deps).find((p) => p.port.consents)?.port.consents;

/** Records a consent in the caller's transaction (nothing when no module keeps the register). */
export async function recordConsent(trx: Executor, deps: Deps, given: ConsentGiven): Promise<void> {
  await consentRegister(deps)?.record(trx, deps, given);
}

/** Records the withdrawal of standing consents in the caller's transaction; returns how many. */
export async function withdrawConsent(trx: Executor, deps: Deps, withdrawal: ConsentWithdrawal): Promise<number> {
  return (await consentRegister(deps)?.withdraw(trx, deps, withdrawal)) ?? 0;
}

/** The ports of the app's modules, in module order (filled by wireModules). */
export const personalDataSlot = slot<{ module: string; port: PersonalDataPort }[]>('platform.personal_data');

export const personalDataPorts = (deps: Pick<Deps, 'state'>) => deps.state.get(personalDataSlot, () => []);

/** Text put where erased free text was (the row stays, so counts and figures survive). */
export const ERASED = '[erased]';

/** The subject's normalised forms, for matching. */
export const subjectEmail = (s: Subject) => (s.email ? s.email.trim().toLowerCase() : null);

/**
 * Staff actions carry the actor's label, `Name <email>` (platform/auth/actor.ts): whether a label is
 * this address's. Matched on the address, as the name may have changed since.
 */
export const isStaffLabel = (label: string | null | undefined, email: string) =>
  !!label && label.toLowerCase().endsWith(`<${email.trim().toLowerCase()}>`);

/**
 * Replaces a staff member's label with ERASED in the given `table.column`s (each table with an `id`),
 * in the caller's transaction; what they did stays, who did it goes. Returns how many labels.
 */
export async function eraseStaffLabels(trx: Executor, email: string, targets: readonly (readonly [string, string])[]): Promise<number> {
  let n = 0;
  for (const [table, column] of targets) {
    const rows = await sql<{
      id: number;
      label: string | null;
    }>`select id, ${sql.ref(column)} as label from ${sql.table(table)} where ${sql.ref(column)} like ${`%<${email.trim().toLowerCase()}>`}`.execute(
      trx,
    );
    const ids = rows.rows.filter((r) => isStaffLabel(r.label, email)).map((r) => Number(r.id));
    if (ids.length === 0) continue;
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${ERASED} where id in (${sql.join(ids)})`.execute(trx);
    n += ids.length;
  }
  return n;
}
