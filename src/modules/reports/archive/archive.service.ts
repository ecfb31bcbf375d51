import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../../db.ts';
import { recordAudit, recordAuditNow } from '../../../platform/audit/audit.ts';
import { type Actor, actorLabel, type Ctx, systemCtx } from '../../../platform/auth/actor.ts';
import { signToken, verifyToken } from '../../../platform/auth/crypto.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { nowIso } from '../../../platform/db/time.ts';
import type { Deps } from '../../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../../platform/http/errors.ts';
import { formField, parseInput } from '../../../platform/http/validation.ts';
import { type Lang, translate } from '../../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../../platform/messaging/person-email.ts';
import { findUsers } from '../../identity/public.ts';
import type { Frequency, ReportsArchiveTable, ReportsRecipientsTable } from '../reports.tables.ts';
import { archivePolicy } from './archive.policy.ts';
import { lastClosedPeriod, periodNames, type ReportPeriod, reportPeriod } from './period.ts';
import { buildSnapshot, type Snapshot } from './snapshot.ts';

// The leadership report: the office's schedule and extra recipients; generation from the dashboard's
// panels into the archive (one per period, enforced by a unique key) with its audit record and one
// email per recipient in the same transaction; the archive's reads and downloads.

export const REPORT_JOB = 'reports.leadership_report';

export type ArchiveRow = Selectable<ReportsArchiveTable>;
export type RecipientRow = Selectable<ReportsRecipientsTable>;

export async function getFrequency(db: Executor): Promise<Frequency> {
  return (await db.selectFrom('reports_settings').select('frequency').where('id', '=', 1).executeTakeFirst())?.frequency ?? 'off';
}

export async function listRecipients(db: Executor): Promise<RecipientRow[]> {
  return db.selectFrom('reports_recipients').selectAll().orderBy('email').orderBy('id').execute();
}

/** The reports in the archive, newest period first. */
export async function listArchive(deps: Deps, ctx: Ctx): Promise<ArchiveRow[]> {
  authorize(archivePolicy.read(ctx.actor), 'reports.archive.read');
  return deps.db.selectFrom('reports_archive').selectAll().orderBy('period_from', 'desc').orderBy('id', 'desc').execute();
}

/** One archived report and the data it was built from. */
export async function getReport(deps: Deps, ctx: Ctx, id: number): Promise<{ row: ArchiveRow; snapshot: Snapshot }> {
  authorize(archivePolicy.read(ctx.actor), 'reports.archive.read');
  const row = await deps.db.selectFrom('reports_archive').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { row, snapshot: JSON.parse(row.snapshot_json) as Snapshot };
}

/** Records that someone opened or downloaded a report (who, which report, which format and language). */
export async function auditRead(deps: Deps, ctx: Ctx, id: number, format: 'html' | 'pdf' | 'xlsx', lang: Lang): Promise<void> {
  await deps.db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, ctx, { action: 'reports.archive.download', recordType: 'report', recordId: id, after: { format, lang } }),
    );
}

const settingsInput = z.object({ frequency: z.enum(['off', 'monthly', 'quarterly']) });

/** Sets how often the report is made (audited with what it was). */
export async function saveSchedule(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  authorize(archivePolicy.manage(ctx.actor), 'reports.archive.manage');
  const { frequency } = parseInput(settingsInput, raw);
  await deps.db.transaction().execute(async (trx) => {
    const before = await getFrequency(trx);
    const values = { frequency, updated_by: actorLabel(ctx.actor), updated_at: nowIso() };
    await trx
      .insertInto('reports_settings')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'reports.schedule.update',
      recordType: 'report_schedule',
      recordId: 1,
      before: { frequency: before },
      after: { frequency },
    });
  });
}

const recipientInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  lang: z.enum(['ar', 'en']),
});

/** Adds an address to the report's recipients (once: a second time is a field error). */
export async function addRecipient(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  authorize(archivePolicy.manage(ctx.actor), 'reports.archive.manage');
  const input = parseInput(recipientInput, raw);
  await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('reports_recipients').select('id').where('email', '=', input.email).executeTakeFirst())
      fieldError('email', 'reports.archive.recipient_exists');
    const row = await trx
      .insertInto('reports_recipients')
      .values({ ...input, created_by: actorLabel(ctx.actor), created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'reports.recipient.add', recordType: 'report_recipient', recordId: row.id, after: input });
  });
}

export async function removeRecipient(deps: Deps, ctx: Ctx, id: number): Promise<void> {
  authorize(archivePolicy.manage(ctx.actor), 'reports.archive.manage');
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('reports_recipients').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError();
    await trx.deleteFrom('reports_recipients').where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'reports.recipient.remove',
      recordType: 'report_recipient',
      recordId: id,
      before: { email: row.email, name: row.name, lang: row.lang },
    });
  });
}

/**
 * Everyone a report goes to: active people with the leadership role (in their language) and the
 * office's addresses, each address once. An address the office added (`recipientId`) may have no
 * account: it gets a signed link instead of the console's.
 */
async function recipientsOf(trx: Executor): Promise<{ name: string; email: string; lang: Lang; recipientId?: number }[]> {
  const out = new Map<string, { name: string; email: string; lang: Lang; recipientId?: number }>();
  for (const u of await findUsers(trx, { role: 'leadership_viewer', status: 'active' }, 10_000, 0))
    out.set(u.email.toLowerCase(), { name: u.name, email: u.email, lang: u.locale === 'en' ? 'en' : 'ar' });
  for (const r of await listRecipients(trx))
    if (!out.has(r.email)) out.set(r.email, { name: r.name, email: r.email, lang: r.lang, recipientId: r.id });
  return [...out.values()];
}

/** How long the link emailed to an added address opens its report. */
export const SHARED_LINK_DAYS = 90;
const SHARED = 'reports-shared';

/** The page an added address opens its report from: a link signed for that report and that recipient. */
export function sharedReportPath(deps: Deps, archiveId: number, recipientId: number, now = new Date()): string {
  const token = signToken(
    deps.config.secretKey,
    SHARED,
    { a: archiveId, p: recipientId },
    new Date(now.getTime() + SHARED_LINK_DAYS * 86_400_000),
  );
  return `/reports/shared/${archiveId}?token=${token}`;
}

/**
 * The report a signed link names, for a person without an account: the link must be for this report,
 * unexpired, and its recipient still on the office's list (removing an address ends its links).
 * Every view and download is audited against the recipient.
 */
export async function getSharedReport(
  deps: Deps,
  ctx: Ctx,
  id: number,
  token: unknown,
  format: 'html' | 'pdf' | 'xlsx',
  lang: Lang,
): Promise<{ row: ArchiveRow; snapshot: Snapshot; token: string }> {
  const claims =
    typeof token === 'string' && token.length < 400 ? verifyToken<{ a: number; p: number }>(deps.config.secretKey, SHARED, token) : null;
  if (!claims || claims.a !== id || !Number.isSafeInteger(claims.p)) throw new ConflictError('reports.archive.link_stale');
  const recipient = await deps.db.selectFrom('reports_recipients').select('id').where('id', '=', claims.p).executeTakeFirst();
  const row = await deps.db.selectFrom('reports_archive').selectAll().where('id', '=', id).executeTakeFirst();
  if (!recipient || !row) throw new ConflictError('reports.archive.link_stale');
  await recordAuditNow(deps.db, ctx, {
    action: 'reports.archive.shared_read',
    recordType: 'report',
    recordId: id,
    after: { format, lang, recipient: claims.p },
  });
  return { row, snapshot: JSON.parse(row.snapshot_json) as Snapshot, token: token as string };
}

/**
 * Makes the report of a period, once. The snapshot is read first (the panels read through the
 * pool); then one transaction inserts the archived record (a second one for the same period finds
 * the unique key taken and does nothing), its audit record and each recipient's email (keyed by
 * period and address, so a retried job queues nothing twice). Returns the report and whether it was made now.
 */
export async function generateReport(
  deps: Deps,
  ctx: Ctx,
  period: ReportPeriod,
  trigger: 'schedule' | 'manual',
): Promise<{ id: number; created: boolean }> {
  const existing = await findByKey(deps.db, period.key);
  if (existing) return { id: existing.id, created: false };
  const snapshot = await buildSnapshot(deps, period);
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reports_archive')
      .values({
        period_key: period.key,
        frequency: period.frequency,
        period_from: period.from,
        period_to: period.to,
        snapshot_json: JSON.stringify(snapshot),
        trigger,
        generated_by: actorLabel(ctx.actor),
        generated_at: nowIso(),
        recipients: 0,
      })
      .onConflict((oc) => oc.column('period_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const row = await findByKey(trx, period.key);
      return { id: row?.id as number, created: false };
    }
    const people = await recipientsOf(trx);
    let queued = 0;
    for (const person of people) {
      const names = periodNames(person.lang, deps.config.timeZone, period);
      const params = { period: names.gregorian, hijri: names.hijri };
      const sent = await queuePersonEmail(trx, deps, person, person.lang, {
        subject: translate(person.lang, 'reports.archive.mail_subject', params),
        body: [
          translate(person.lang, 'reports.archive.mail_body', params),
          ...(person.recipientId ? [translate(person.lang, 'reports.archive.mail_link_days', { days: SHARED_LINK_DAYS })] : []),
        ],
        action: {
          label: translate(person.lang, 'reports.archive.mail_action'),
          path: person.recipientId ? sharedReportPath(deps, inserted.id, person.recipientId) : `/console/reports/archive/${inserted.id}`,
        },
        footer: translate(person.lang, 'reports.archive.mail_footer'),
        key: `reports:leadership:${period.key}:${person.email.toLowerCase()}`,
        source: 'reports',
        ref: { refType: 'report', refId: inserted.id },
      });
      if (sent) queued++;
    }
    await trx.updateTable('reports_archive').set({ recipients: queued }).where('id', '=', inserted.id).execute();
    await recordAudit(trx, ctx, {
      action: 'reports.archive.generate',
      recordType: 'report',
      recordId: inserted.id,
      after: { period: period.key, trigger, recipients: queued },
    });
    return { id: inserted.id, created: true };
  });
}

function findByKey(db: Executor, key: string) {
  return db.selectFrom('reports_archive').select(['id']).where('period_key', '=', key).executeTakeFirst();
}

const generateInput = z.object({
  gen_frequency: z.enum(['monthly', 'quarterly']),
  gen_year: formField.int().min(2000).max(2200),
  gen_period: formField.int().min(1).max(12),
});

/**
 * The office's "generate now" for a chosen period: it must have ended (a report of an open period
 * would be incomplete) and not be in the archive yet (field errors say so).
 */
export async function generateNow(deps: Deps, ctx: Ctx, raw: unknown, now = new Date()): Promise<number> {
  authorize(archivePolicy.manage(ctx.actor), 'reports.archive.manage');
  const input = parseInput(generateInput, raw);
  const period = reportPeriod(deps.config.timeZone, input.gen_frequency, input.gen_year, input.gen_period);
  if (!period) fieldError('gen_period', 'reports.archive.no_such_quarter');
  if (period.to > now.toISOString()) fieldError('gen_period', 'reports.archive.not_closed');
  const made = await generateReport(deps, ctx, period, 'manual');
  if (!made.created) fieldError('gen_period', 'reports.archive.exists');
  return made.id;
}

/** The scheduled job (daily): once the schedule's last period has closed, its report is made — once. */
export async function runSchedule(deps: Deps, now = new Date()): Promise<{ id: number; created: boolean } | null> {
  const frequency = await getFrequency(deps.db);
  if (frequency === 'off') return null;
  return generateReport(deps, systemCtx('reports.schedule'), lastClosedPeriod(deps.config.timeZone, frequency, now), 'schedule');
}

/** Whether an actor may manage (for views). */
export const mayManage = (a: Actor) => archivePolicy.manage(a);
