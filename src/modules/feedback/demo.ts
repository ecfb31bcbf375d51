import type { Transaction } from 'kysely';
import type { DB } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/http/validation.ts';
import * as catalog from '../catalog/public.ts';
import { keyedHash } from './abuse.ts';
import { demoCaseLoad } from './demo.cases.ts';
import { demoComments, demoHolidays, demoTemplates } from './demo.data.ts';
import { defaultQuestions, templateInput } from './feedback.schema.ts';
import { currentQuestions } from './ratings.service.ts';
import * as settings from './settings.repo.ts';
import { monthOf } from './tracking.ts';

const DEMO_KEY = 'demo_loaded';
const DAY = 86_400_000;
/** The demo's ratings and cases at volume 1 (see DemoOptions.volume). */
export const DEMO_RATINGS = 3000;
export const DEMO_CASES = 320;

/** A small seeded PRNG (mulberry32): the same demo every time. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Demo data for feedback: the 1447–1448 Eids, National Day and Founding Day; program and agency SLA
 * policies; a few thousand ratings over the last twelve months of the published demo services (with
 * comments, agency replies and a hidden one); a few hundred cases in every status. Idempotent: a
 * second run adds nothing.
 */
export async function loadFeedbackDemo(deps: Deps, ctx: Ctx, opts: { now?: Date; ratings?: number; cases?: number } = {}) {
  const now = opts.now ?? new Date();
  if (await settings.getSetting(deps.db, DEMO_KEY)) return { holidays: 0, ratings: 0, cases: 0, templates: 0 };
  const services = (await catalog.listServices(deps.db, { state: 'published' }, 5000, 0)).filter(
    (s) => s.status === 'live' || s.status === 'beta',
  );
  await currentQuestions(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    const existing = new Set((await settings.listHolidays(trx)).map((h) => h.name_en));
    let holidays = 0;
    for (const h of demoHolidays) {
      if (existing.has(h.name_en)) continue;
      await settings.insertHoliday(trx, { ...h, created_at: now.toISOString(), created_by: 'demo' });
      holidays++;
    }
    await settings.upsertPolicy(trx, {
      scope_key: 'program:*',
      agency_id: null,
      category: null,
      first_response_minutes: 16 * 60,
      resolution_minutes: 80 * 60,
      warn_permille: null,
      updated_by: 'demo',
    });
    const agencyIds = [...new Set(services.map((s) => s.agency_id))];
    for (const id of agencyIds.slice(0, 3)) {
      await settings.upsertPolicy(trx, {
        scope_key: `${id}:*`,
        agency_id: id,
        category: null,
        first_response_minutes: 8 * 60,
        resolution_minutes: 40 * 60,
        warn_permille: 750,
        updated_by: 'demo',
      });
      await settings.upsertPolicy(trx, {
        scope_key: `${id}:technical`,
        agency_id: id,
        category: 'technical',
        first_response_minutes: 4 * 60,
        resolution_minutes: 24 * 60,
        warn_permille: null,
        updated_by: 'demo',
      });
    }
    for (const id of agencyIds.slice(0, 6)) await settings.putAgencySettings(trx, id, true);
    const ratings = services.length ? await demoRatings(trx, deps, services, now, opts.ratings ?? DEMO_RATINGS) : 0;
    const cases = agencyIds.length ? await demoCaseLoad(trx, deps, services, agencyIds, now, opts.cases ?? DEMO_CASES, prng(1447)) : 0;
    // Reply templates, program-wide and one agency's, held to the form's own rules.
    let templates = 0;
    for (const raw of demoTemplates(agencyIds[0])) {
      const input = parseInput(templateInput, raw);
      const row = await settings.insertTemplate(trx, { ...input, agency_id: input.agency_id ?? null });
      await recordAudit(trx, ctx, { action: 'feedback.template_create', recordType: 'feedback_template', recordId: row.id, after: row });
      templates++;
    }
    await settings.putSetting(trx, DEMO_KEY, now.toISOString());
    await recordAudit(trx, ctx, {
      action: 'feedback.demo_load',
      recordType: 'feedback_settings',
      after: { holidays, ratings, cases, templates },
    });
    return { holidays, ratings, cases, templates };
  });
}

type Service = Awaited<ReturnType<typeof catalog.listServices>>[number];

const PROBABILITY: Record<string, number> = { satisfied: 0.95, trust: 0.7, need: 0.6, easy: 0.65, time: 0.6, fair: 0.5, staff: 0.3 };

async function demoRatings(trx: Transaction<DB>, deps: Deps, services: Service[], now: Date, count: number): Promise<number> {
  const rnd = prng(1448);
  const quality = new Map<number, number>();
  for (const s of services) if (!quality.has(s.agency_id)) quality.set(s.agency_id, 0.45 + rnd() * 0.45);
  const tz = deps.config.timeZone;
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) => {
      const i = start + k;
      const s = services[Math.floor(rnd() ** 1.7 * services.length)];
      const age = rnd() * 365;
      const at = new Date(now.getTime() - age * DAY - rnd() * 3_600_000);
      // Agencies improve a little over the year, so the trend charts have a shape.
      const q = (quality.get(s.agency_id) ?? 0.6) + 0.12 * (1 - age / 365);
      const answers = defaultQuestions
        .filter((d) => rnd() < (PROBABILITY[d.driver] ?? 0.5))
        .map((d) => {
          const agree = rnd() < q + (d.driver === 'easy' ? 0.05 : d.driver === 'time' ? -0.08 : 0);
          return { driver: d.driver, score: agree ? (rnd() < 0.45 ? 5 : 4) : [1, 2, 2, 3, 3, 3][Math.floor(rnd() * 6)] };
        });
      const c = rnd() < 0.06 ? demoComments[Math.floor(rnd() * demoComments.length)] : undefined;
      const replied = c && rnd() < 0.4 && age > 2;
      const hidden = c && !replied && rnd() < 0.05;
      return {
        answers,
        row: {
          service_id: s.id,
          agency_id: s.agency_id,
          question_set_version: 1,
          comment: c ? c.text : null,
          comment_lang: c ? c.lang : null,
          comment_state: (c ? (hidden ? 'hidden' : 'visible') : 'none') as 'none' | 'visible' | 'hidden',
          hidden_reason: hidden ? 'demo' : null,
          hidden_by: hidden ? 'demo' : null,
          hidden_at: hidden ? new Date(at.getTime() + DAY).toISOString() : null,
          public_reply: replied ? c.reply : null,
          public_reply_lang: replied ? c.lang : null,
          public_reply_at: replied ? new Date(at.getTime() + 2 * DAY).toISOString() : null,
          public_reply_by: replied ? 'demo' : null,
          ip_hash: keyedHash(deps, 'ip', `demo-${i % 900}`),
          fingerprint: keyedHash(deps, 'rating', `demo-${i}`),
          month: monthOf(at, tz),
          created_at: at.toISOString(),
        },
      };
    });
    const ids = await trx
      .insertInto('feedback_ratings')
      .values(batch.map((b) => b.row))
      .returning('id')
      .execute();
    const answers = batch.flatMap((b, k) =>
      b.answers.map((a) => ({
        rating_id: ids[k].id,
        service_id: b.row.service_id,
        agency_id: b.row.agency_id,
        driver: a.driver,
        score: a.score,
        month: b.row.month,
        created_at: b.row.created_at,
      })),
    );
    for (let j = 0; j < answers.length; j += 500)
      await trx
        .insertInto('feedback_answers')
        .values(answers.slice(j, j + 500))
        .execute();
  }
  return count;
}
