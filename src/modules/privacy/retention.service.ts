import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { retentionInput } from './privacy.schema.ts';
import { dataRegister, registerEntry } from './register.ts';
import { eraseSubject, removeFiles } from './requests.service.ts';
import { cutoffFor } from './retention.ts';

// Retention: each data kind's period (the module's, or the office's), applied by a nightly job in one
// transaction with its report (counts per kind and the cutoffs used, never contents) and audit
// record; stored files are removed after it commits. A purge may name people whose retention ran out
// as a whole (identity's closed staff accounts): they are erased as an erasure request would erase
// them, in every module, in the same transaction.

/** The office sets a kind's period (days, months, years, Hijri months or Hijri years) or switches it off. */
export async function setRetention(deps: Deps, ctx: Ctx, kind: string, raw: unknown): Promise<void> {
  const entry = await registerEntry(deps, kind);
  if (!entry?.port.purge || !entry.kind.defaultPeriod) throw new NotFoundError();
  const v = parseInput(retentionInput, raw);
  const values = { enabled: v.enabled === 'on' ? 1 : 0, n: v.n, unit: v.unit, updated_at: nowIso(), updated_by: actorLabel(ctx.actor) };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('privacy_retention')
      .values({ kind, ...values })
      .onConflict((oc) => oc.column('kind').doUpdateSet(values))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'privacy.retention.set',
      recordType: 'privacy_retention',
      recordId: kind,
      before: { period: entry.period, enabled: entry.enabled },
      after: { period: { n: v.n, unit: v.unit }, enabled: v.enabled === 'on' },
    });
  });
}

/**
 * Purges every enabled kind whose period has run out at `now`. The nightly schedule passes its
 * period's key, so a rerun of the same night reports nothing twice. Returns the run's id, or null
 * when this night already ran.
 */
export async function runPurge(
  deps: Deps,
  ctx: Ctx,
  trigger: 'schedule' | 'office',
  now = new Date(),
  periodKey: string | null = null,
): Promise<number | null> {
  const { id, files } = await deps.db.transaction().execute(async (trx) => {
    if (periodKey) {
      const done = await trx.selectFrom('privacy_purge_runs').select('id').where('period_key', '=', periodKey).executeTakeFirst();
      if (done) return { id: null, files: [] as string[] };
    }
    const counts: Record<string, number> = {};
    const cutoffs: Record<string, string> = {};
    const files: string[] = [];
    for (const e of await dataRegister(deps, trx)) {
      if (!e.enabled || !e.period || !e.port.purge) continue;
      const cutoff = cutoffFor(e.period, now, deps.config.timeZone);
      cutoffs[e.kind.key] = cutoff;
      const r = await e.port.purge(trx, deps, e.kind.key, cutoff);
      const add = (c: Record<string, number>) => {
        for (const [k, n] of Object.entries(c)) if (n || k === e.kind.key) counts[k] = (counts[k] ?? 0) + n;
      };
      counts[e.kind.key] ??= 0;
      add(r.counts);
      files.push(...r.files);
      // People whose retention ran out as a whole (a closed staff account) are erased as an approved
      // erasure request erases them: every module's erase, the same code, counted here.
      for (const subject of r.subjects ?? []) {
        const erased = await eraseSubject(trx, deps, subject);
        add(erased.counts);
        files.push(...erased.files);
      }
    }
    const run = await trx
      .insertInto('privacy_purge_runs')
      .values({
        trigger,
        period_key: periodKey,
        counts_json: JSON.stringify(counts),
        cutoffs_json: JSON.stringify(cutoffs),
        files: files.length,
        ran_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'privacy.purge',
      recordType: 'privacy_purge_run',
      recordId: run.id,
      after: { trigger, counts, files: files.length },
    });
    return { id: run.id, files };
  });
  await removeFiles(deps, files);
  return id;
}

export async function purgeRuns(deps: Deps, limit = 30) {
  const rows = await deps.db.selectFrom('privacy_purge_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, counts: JSON.parse(r.counts_json) as Record<string, number> }));
}
