import type { Transaction } from 'kysely';
import type { DB } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import type * as catalog from '../catalog/public.ts';
import * as identity from '../identity/public.ts';
import { keyedHash } from './abuse.ts';
import { type CaseRow, insertCase, insertEvent, updateCase } from './cases.repo.ts';
import { demoCases, demoReplies, demoResolutions } from './demo.data.ts';
import { resolutionCodes } from './feedback.tables.ts';
import { addWorkingTime } from './sla/clock.ts';
import { cachedDeadlines, caseClocks, loadCalendar, targetsFor } from './sla.service.ts';
import { monthOf, nextTrackingNumber } from './tracking.ts';

const DAY = 86_400_000;
type Service = Awaited<ReturnType<typeof catalog.listServices>>[number];

/**
 * Demo cases in every status, written as the services would have left them: tracking numbers in
 * filing order, replies and resolutions in working time, pauses, surveys, reopenings, merges, and
 * SLA flags and outcomes as the sweep would have set them by `now`.
 */
export async function demoCaseLoad(
  trx: Transaction<DB>,
  deps: Deps,
  services: Service[],
  agencyIds: number[],
  now: Date,
  count: number,
  rnd: () => number,
): Promise<number> {
  const cal = await loadCalendar(trx);
  const staff = new Map<number, number[]>();
  for (const id of agencyIds)
    staff.set(
      id,
      (await identity.findUsers(trx, { agencyIds: [id], status: 'active' }, 20, 0)).map((u) => u.id),
    );
  const plan = Array.from({ length: count }, (_, i) => {
    const r = rnd();
    const status = r < 0.12 ? 'new' : r < 0.32 ? 'open' : r < 0.42 ? 'waiting' : r < 0.94 ? 'resolved' : 'merged';
    const created = new Date(now.getTime() - (status === 'new' ? rnd() * 5 : 3 + rnd() * 177) * DAY);
    return {
      i,
      status,
      created,
      text: demoCases[Math.floor(rnd() * demoCases.length)],
      agencyId: agencyIds[Math.floor(rnd() ** 1.5 * agencyIds.length)],
    };
  }).sort((a, b) => a.created.getTime() - b.created.getTime());
  const byAgency = new Map<number, CaseRow[]>();
  for (const p of plan) {
    const service = rnd() < 0.7 ? services.find((s) => s.agency_id === p.agencyId) : undefined;
    const targets = await targetsFor(trx, p.agencyId, p.text.category as CaseRow['category']);
    const earlier = byAgency.get(p.agencyId) ?? [];
    const target = p.status === 'merged' ? earlier.find((c) => c.status !== 'merged') : undefined;
    const status = p.status === 'merged' && !target ? 'resolved' : p.status;
    const email = target?.contact_email ?? `demo.beneficiary${p.i}@example.com`;
    const at = p.created.toISOString();
    const { trackingNo } = await nextTrackingNumber(trx, p.created, deps.config.timeZone);
    let row = await insertCase(trx, {
      tracking_no: trackingNo,
      kind: p.text.kind,
      category: p.text.category as CaseRow['category'],
      agency_id: p.agencyId,
      service_id: service?.id ?? null,
      subject: p.text.subject,
      body: p.text.body,
      lang: p.text.lang,
      contact_name: null,
      contact_email: email,
      contact_phone: null,
      notify_by: 'email',
      contact_hash: keyedHash(deps, 'contact', email),
      ip_hash: keyedHash(deps, 'ip', `demo-case-${p.i}`),
      fingerprint: keyedHash(deps, 'case', `demo-${p.i}`),
      status: 'new',
      assigned_to: null,
      resolution_code: null,
      merged_into: null,
      reopen_count: 0,
      first_response_at: null,
      first_response_ms: null,
      resolved_at: null,
      sla_first_ms: targets.firstResponseMs,
      sla_resolution_ms: targets.resolutionMs,
      sla_warn_permille: Math.round(targets.warnAtFraction * 1000),
      first_warn_at: null,
      first_due_at: null,
      res_warn_at: null,
      res_due_at: null,
      first_warned: 0,
      first_breached: 0,
      res_warned: 0,
      res_breached: 0,
      sla_outcome: null,
      sla_outcome_at: null,
      sla_outcome_month: null,
      survey_score: null,
      survey_at: null,
      month: monthOf(p.created, deps.config.timeZone),
      created_at: at,
      updated_at: at,
    });
    const event = (
      kind: Parameters<typeof insertEvent>[1]['kind'],
      when: Date,
      visibility: 'public' | 'internal',
      body: string | null = null,
      author: 'staff' | 'beneficiary' | 'system' = 'staff',
      data: unknown = null,
    ) =>
      insertEvent(trx, {
        case_id: row.id,
        agency_id: row.agency_id,
        kind,
        visibility,
        author_type: author,
        author_id: null,
        author_label: author === 'staff' ? 'demo' : null,
        body,
        data_json: data ? JSON.stringify(data) : null,
        created_at: when.toISOString(),
      });
    await event('submitted', p.created, 'public', null, 'beneficiary');
    const lang = p.text.lang;
    const firstAt = addWorkingTime(cal, p.created, rnd() * 1.6 * targets.firstResponseMs);
    const resolvedAt = addWorkingTime(cal, firstAt, rnd() * 1.3 * targets.resolutionMs);
    const patch: Partial<CaseRow> = {};
    if (status === 'merged' && target) {
      Object.assign(patch, { status: 'merged', merged_into: target.id });
      await event('merged', new Date(p.created.getTime() + DAY), 'public', null, 'system', { into: target.tracking_no });
    } else if (status !== 'new' && firstAt < now) {
      const assignees = staff.get(p.agencyId) ?? [];
      Object.assign(patch, {
        status: 'open',
        first_response_at: firstAt.toISOString(),
        assigned_to: assignees.length ? assignees[p.i % assignees.length] : null,
      });
      await event('reply', firstAt, 'public', demoReplies[lang][p.i % 3]);
      if (status === 'waiting') {
        await trx
          .insertInto('feedback_case_pauses')
          .values({ case_id: row.id, reason: 'waiting', started_at: firstAt.toISOString(), ended_at: null })
          .execute();
        patch.status = 'waiting';
      } else if (status === 'resolved' && resolvedAt < now) {
        const code = resolutionCodes[p.i % 4];
        Object.assign(patch, { status: 'resolved', resolved_at: resolvedAt.toISOString(), resolution_code: code });
        await event('resolved', resolvedAt, 'public', demoResolutions[lang][p.i % 3], 'staff', { code });
        if (rnd() < 0.55 && resolvedAt.getTime() + DAY < now.getTime()) {
          Object.assign(patch, {
            survey_score: rnd() < 0.7 ? (rnd() < 0.5 ? 5 : 4) : 1 + Math.floor(rnd() * 3),
            survey_at: new Date(resolvedAt.getTime() + DAY).toISOString(),
          });
        } else if (rnd() < 0.12 && resolvedAt.getTime() + 2 * DAY < now.getTime()) {
          const reopened = new Date(resolvedAt.getTime() + 2 * DAY);
          await trx
            .insertInto('feedback_case_pauses')
            .values({ case_id: row.id, reason: 'resolved', started_at: resolvedAt.toISOString(), ended_at: reopened.toISOString() })
            .execute();
          await event(
            'beneficiary_reply',
            reopened,
            'public',
            lang === 'ar' ? 'لم تُحل المشكلة بعد.' : 'The problem is not solved yet.',
            'beneficiary',
          );
          await event('reopened', reopened, 'public', null, 'system');
          Object.assign(patch, { status: 'open', resolved_at: null, resolution_code: null, reopen_count: 1 });
        }
      }
    }
    row = await updateCase(trx, row.id, patch);
    const pauses = await trx.selectFrom('feedback_case_pauses').selectAll().where('case_id', '=', row.id).execute();
    const clocks = caseClocks(cal, row, pauses, now);
    const settled: Partial<CaseRow> = {
      ...cachedDeadlines(row, clocks),
      first_response_ms: row.first_response_at ? (clocks.first?.elapsedWorkingMs ?? null) : null,
    };
    for (const [clock, s] of [
      ['first', row.first_response_at ? null : clocks.first],
      ['res', clocks.resolution],
    ] as const) {
      if (s && (s.state === 'warning' || s.state === 'breached')) settled[`${clock}_warned`] = 1;
      if (s?.state === 'breached' || (clock === 'first' && clocks.first?.state === 'breached')) settled[`${clock}_breached`] = 1;
    }
    const res = clocks.resolution;
    if (res && (res.state === 'met' || res.state === 'breached')) {
      const when = res.state === 'breached' ? (res.breachedAt as Date) : new Date(row.resolved_at as string);
      Object.assign(settled, {
        sla_outcome: res.state,
        sla_outcome_at: when.toISOString(),
        sla_outcome_month: monthOf(when, deps.config.timeZone),
      });
    }
    row = await updateCase(trx, row.id, settled);
    byAgency.set(p.agencyId, [...earlier, row]);
  }
  return count;
}
