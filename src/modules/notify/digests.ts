import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { zonedParts } from '../../platform/i18n/dates.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { schedulePeriodKey } from '../../platform/jobs/worker.ts';
import { queueBulk } from '../../platform/messaging/bulk.ts';
import { keys, SOURCE } from './delivery.ts';
import { notifyPolicy } from './notify.policy.ts';
import { type DigestSettings, digestSettingsInput } from './notify.schema.ts';

export const DIGEST_CHECK_JOB = 'notify.digest_check';
export const DIGEST_JOB = 'notify.digest';
/** Digests go out at 08:00 local time; weekly ones on Sundays (the first working day in Saudi Arabia). */
export const DEFAULT_DIGEST_SETTINGS: DigestSettings = { daily_time: '08:00', weekly_day: 'Sun' };
const SETTINGS_KEY = 'notify.digest';
const BATCH = 10_000;

/** When digests go out (program-wide settings, in the configured time zone). */
export async function digestSettings(deps: Deps): Promise<DigestSettings> {
  const row = await deps.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_DIGEST_SETTINGS;
  const parsed = digestSettingsInput.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_DIGEST_SETTINGS;
}

/** Changes the digest times (program administrators). */
export async function saveDigestSettings(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(notifyPolicy.settings(ctx.actor));
  const input = parseInput(digestSettingsInput, raw);
  const before = await digestSettings(deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value: JSON.stringify(input) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input) }))
      .execute();
    await recordAudit(trx, ctx, { action: 'notify.digest_settings', recordType: 'settings', recordId: SETTINGS_KEY, before, after: input });
  });
}

/** The local date (YYYY-MM-DD) of an instant in the configured time zone. */
const localDate = (now: Date, timeZone: string) => {
  const p = zonedParts(now, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

/** Enqueues each digest whose local time has come today; the unique key makes it once per day across workers. */
export async function checkDigests(deps: Deps, now = new Date()): Promise<void> {
  const s = await digestSettings(deps);
  const [hour, minute] = s.daily_time.split(':').map(Number);
  const date = localDate(now, deps.config.timeZone);
  const plans = [
    { frequency: 'daily' as const, schedule: { name: 'notify.daily', kind: DIGEST_JOB, daily: { hour, minute } } },
    { frequency: 'weekly' as const, schedule: { name: 'notify.weekly', kind: DIGEST_JOB, daily: { hour, minute, weekday: s.weekly_day } } },
  ];
  for (const p of plans) {
    if (!schedulePeriodKey(p.schedule, now, deps.config.timeZone)) continue;
    const digestKey = `${p.frequency}:${date}`;
    await enqueue(deps.db, DIGEST_JOB, { digestKey }, { uniqueKey: `${DIGEST_JOB}:${digestKey}`, maxAttempts: 5 });
  }
}

/**
 * Assembles one digest set-based, in bounded batches: the pending items of that frequency are
 * stamped with the digest's key, then one message per subscriber is queued (rendered when sent).
 * Both steps are idempotent, so a rerun after a crash finishes the job without doubling anything.
 */
export async function assembleDigest(deps: Deps, payload: { digestKey: string }): Promise<void> {
  const m = /^(daily|weekly):\d{4}-\d{2}-\d{2}$/.exec(payload.digestKey);
  if (!m) return;
  const frequency = m[1] as 'daily' | 'weekly';
  for (;;) {
    const stamped = await deps.db.transaction().execute(async (trx) => {
      const ids = trx
        .selectFrom('notify_digest_items')
        .select('id')
        .where('frequency', '=', frequency)
        .where('digest_key', 'is', null)
        .orderBy('id')
        .limit(BATCH);
      const r = await trx
        .updateTable('notify_digest_items')
        .set({ digest_key: payload.digestKey })
        .where('id', 'in', ids)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    });
    if (stamped < BATCH) break;
  }
  const prefix = keys.digestPrefix(payload.digestKey);
  const txt = (v: string) => sql<string>`cast(${v} as text)`;
  let cursor = 0;
  for (;;) {
    const more = await deps.db.transaction().execute(async (trx) => {
      const bound = await trx
        .selectFrom((eb) =>
          eb
            .selectFrom('notify_digest_items')
            .select('subscriber_id')
            .distinct()
            .where('digest_key', '=', payload.digestKey)
            .where('subscriber_id', '>', cursor)
            .orderBy('subscriber_id')
            .limit(BATCH)
            .as('b'),
        )
        .select((eb) => eb.fn.max('b.subscriber_id').as('upper'))
        .executeTakeFirst();
      if (bound?.upper == null) return false;
      const upper = Number(bound.upper);
      const select = trx
        .selectFrom('notify_subscribers as p')
        .where('p.status', '=', 'confirmed')
        .where('p.id', '>', cursor)
        .where('p.id', '<=', upper)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('notify_digest_items as i')
              .select(sql`1`.as('one'))
              .where('i.digest_key', '=', payload.digestKey)
              .whereRef('i.subscriber_id', '=', 'p.id'),
          ),
        )
        .select([
          sql<string>`${txt(prefix)} || cast(p.id as text)`.as('key'),
          'p.email as to',
          'p.locale as locale',
          sql<string>`cast(p.id as text)`.as('recipientId'),
          sql<null>`null`.as('subject'),
          txt('').as('text'),
        ]);
      // Digests are bulk: a reset or a case reply queued meanwhile goes first.
      await queueBulk(trx, select, {
        channel: 'email',
        source: SOURCE.digest,
        lane: 'bulk',
        refType: 'notify.digest',
        refId: payload.digestKey,
      });
      cursor = upper;
      return true;
    });
    if (!more) break;
  }
}
