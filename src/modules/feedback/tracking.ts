import type { Config } from '../../config.ts';
import type { Executor } from '../../db.ts';
import { signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { hijriYear, zonedParts } from '../../platform/i18n/dates.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';

const STATUS_PURPOSE = 'feedback-case';
/** Status links outlive any case: a beneficiary may come back to an old one. */
const STATUS_LINK_DAYS = 3 * 365;

/**
 * The next tracking number of the Hijri year, e.g. YSR-1448-000123. The counter row is created
 * once, then every taker UPDATEs it inside its own transaction: PostgreSQL row-locks it until
 * commit and SQLite has one writer, so two cases never share a number and a rolled-back case
 * gives its number back.
 */
export async function nextTrackingNumber(trx: Executor, at: Date, timeZone: string): Promise<{ trackingNo: string; year: number }> {
  const year = hijriYear(at, timeZone);
  await trx
    .insertInto('feedback_counters')
    .values({ year, last_seq: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await trx
    .updateTable('feedback_counters')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('year', '=', year)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return { trackingNo: `YSR-${year}-${String(row.last_seq).padStart(6, '0')}`, year };
}

/** The 'YYYY-MM' of an instant in the configured zone (trends group by it). */
export function monthOf(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** The signed token of a case's status link: it names the case, so it cannot open another one. */
export function statusToken(config: Pick<Config, 'secretKey'>, c: { id: number; tracking_no: string }, now = new Date()): string {
  return signToken(
    config.secretKey,
    STATUS_PURPOSE,
    { c: c.id, n: c.tracking_no },
    new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000),
  );
}

/** The case id a status token opens for this tracking number, or null for a forged, expired or mismatched one. */
export function verifyStatusToken(config: Pick<Config, 'secretKey'>, trackingNo: string, token: unknown): number | null {
  if (typeof token !== 'string' || token.length > 400) return null;
  const p = verifyToken<{ c: number; n: string }>(config.secretKey, STATUS_PURPOSE, token);
  return p && p.n === trackingNo && Number.isSafeInteger(p.c) ? p.c : null;
}

/** The path of a case's status page (with its token), in a language. */
export function statusPath(config: Pick<Config, 'secretKey'>, c: { id: number; tracking_no: string }, lang: Lang): string {
  return `/${lang}/feedback/cases/${c.tracking_no}?t=${statusToken(config, c)}`;
}

/** The full address of the status page, for emails and SMS. */
export function statusUrl(config: Pick<Config, 'secretKey' | 'baseUrl'>, c: { id: number; tracking_no: string }, lang: Lang): string {
  return `${config.baseUrl}${statusPath(config, c, lang)}`;
}
