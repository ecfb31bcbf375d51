import type { Deps } from '../../platform/deps.ts';
import { change, monthRange, monthsOf, previousPeriod, type ReportFilter, reportPanel } from '../reports/public.ts';
import { complaintVolume, csat, slaCompliance } from './feedback.metrics.ts';
import { feedbackPolicy } from './feedback.policy.ts';

/** Of the rating comments and the suggestions received in the period, how many got a public reply or a first response. */
export async function answeredShare(deps: Deps, f: ReportFilter): Promise<{ received: number; answered: number; rate: number | null }> {
  let comments = deps.db
    .selectFrom('feedback_ratings')
    .where('comment_state', '!=', 'none')
    .where('created_at', '>=', f.from)
    .where('created_at', '<', f.to);
  if (f.agencyId !== undefined) comments = comments.where('agency_id', '=', f.agencyId);
  const c = await comments
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('public_reply_at', 'is not', null).then(1).else(0).end()).as('answered'),
    ])
    .executeTakeFirstOrThrow();
  let ideas = deps.db
    .selectFrom('feedback_cases')
    .where('kind', '=', 'suggestion')
    .where('status', '!=', 'merged')
    .where('created_at', '>=', f.from)
    .where('created_at', '<', f.to);
  if (f.agencyId !== undefined) ideas = ideas.where('agency_id', '=', f.agencyId);
  const i = await ideas
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('first_response_at', 'is not', null).then(1).else(0).end()).as('answered'),
    ])
    .executeTakeFirstOrThrow();
  const received = Number(c.n) + Number(i.n);
  const answered = Number(c.answered ?? 0) + Number(i.answered ?? 0);
  return { received, answered, rate: received ? answered / received : null };
}

/** Feedback's panel: is the beneficiary loop closed? CSAT and its trend, complaints per 1,000 ratings, SLA compliance, answers. */
export const feedbackReportPanel = reportPanel({
  name: 'feedback',
  order: 10,
  async load(deps, f, ctx) {
    if (!f.open && !feedbackPolicy.metrics(ctx.actor, f.agencyId)) return null;
    const scope = { from: f.from, to: f.to, agencyId: f.agencyId };
    const now = await csat(deps, scope);
    const before = await csat(deps, { ...previousPeriod(f), agencyId: f.agencyId });
    const series = [];
    for (const month of monthsOf(f)) {
      const m = await csat(deps, { ...monthRange(month), agencyId: f.agencyId });
      if (m.rate !== null) series.push({ label: month, value: m.rate });
    }
    const volume = await complaintVolume(deps, scope);
    const sla = await slaCompliance(deps, scope);
    const answered = await answeredShare(deps, f);
    const href = f.agencyId ? `/console/feedback/metrics?agency=${f.agencyId}` : '/console/feedback/metrics';
    return {
      section: 'loop',
      title: 'reports.panel.feedback',
      figures: [
        {
          id: 'feedback.csat',
          label: 'reports.fig.feedback.csat',
          value: now.rate,
          unit: 'ratio',
          base: now.responses,
          trend: change(now.rate, before.rate),
          series,
          chart: 'line',
          href,
        },
        {
          id: 'feedback.complaints_per_1000',
          label: 'reports.fig.feedback.complaints_per_1000',
          value: volume.per1000,
          unit: 'per1000',
          base: volume.ratings,
          higherIsBetter: false,
          href,
        },
        { id: 'feedback.sla', label: 'reports.fig.feedback.sla', value: sla.rate, unit: 'ratio', base: sla.cases, href },
        {
          id: 'feedback.answered',
          label: 'reports.fig.feedback.answered',
          value: answered.rate,
          unit: 'ratio',
          base: answered.received,
          href,
        },
      ],
    };
  },
});
