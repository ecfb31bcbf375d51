import { hasRole } from '../../platform/auth/actor.ts';
import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard, dashboardScope } from '../console/public.ts';
import { csat } from './feedback.metrics.ts';
import { CASE_ROLES } from './feedback.policy.ts';

const DAYS = 90;

interface Figures {
  open: number;
  breached: number;
  responses: number;
  rate: number | null;
  /** The case inbox for those who handle cases; the figures for those who only read them. */
  href: string;
}

function FeedbackCard(f: Figures) {
  const { t, num } = usePage();
  return (
    <StatCard
      title={t('dash.feedback.title')}
      value={num(f.open)}
      detail={`${t('dash.feedback.open', { count: f.open })} · ${t('dash.feedback.breached', { count: f.breached })} · ${t(
        'dash.feedback.csat',
        {
          days: DAYS,
          rate: f.rate === null ? '—' : num(f.rate, { style: 'percent', maximumFractionDigits: 0 }),
        },
      )}`}
      href={f.href}
      link={t('dash.feedback.link')}
    />
  );
}

/** Feedback's card on the console's first page: open cases, breached SLAs and recent satisfaction. */
export const feedbackDashboardCard = fill(consoleDashboard, {
  name: 'feedback',
  order: 30,
  async load(deps, _props, ctx) {
    const scope = dashboardScope(ctx.actor);
    if (!scope) return null;
    let q = deps.db.selectFrom('feedback_cases').where('status', 'in', ['new', 'open', 'waiting']);
    if ('agencyIds' in scope) q = q.where('agency_id', 'in', scope.agencyIds);
    const open = await q
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([eb('res_breached', '=', 1), eb('first_breached', '=', 1)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('breached'),
      ])
      .executeTakeFirstOrThrow();
    const to = new Date().toISOString();
    const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    let responses = 0;
    let satisfied = 0;
    for (const agencyId of 'agencyIds' in scope ? scope.agencyIds : [undefined]) {
      const r = await csat(deps, { agencyId, from, to });
      responses += r.responses;
      satisfied += r.satisfied;
    }
    const href = hasRole(ctx.actor, ...CASE_ROLES) ? '/console/feedback' : '/console/feedback/metrics';
    return { href, open: Number(open.n), breached: Number(open.breached ?? 0), responses, rate: responses ? satisfied / responses : null };
  },
  render: (f: Figures | null) => (f ? <FeedbackCard {...f} /> : null),
});
