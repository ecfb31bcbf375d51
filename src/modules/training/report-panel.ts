import { localDate } from '../../platform/i18n/dates.ts';
import { reportPanel } from '../reports/public.ts';
import { nationalProgress, trainedStaffShare } from './progress.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';

/**
 * Training's panel: are people capable? The agencies that met their training target in the year the
 * period ends in (for one agency: its trained share against its target), and the certificates issued
 * in the period (one per completion).
 */
export const trainingReportPanel = reportPanel({
  name: 'training',
  order: 10,
  async load(deps, f, ctx) {
    const own = f.agencyId !== undefined && (trainingPolicy.manageAgency(ctx.actor, f.agencyId) || trainingPolicy.oversee(ctx.actor));
    if (!f.open && !trainingPolicy.readProgress(ctx.actor) && !own) return null;
    const year = Number(localDate(new Date(new Date(f.to).getTime() - 1), deps.config.timeZone).slice(0, 4));
    const done = await repo.completedPeople(deps.db, f.from, f.to, f.agencyId);
    const certificates = done.reduce((s, d) => s + d.completions, 0);
    const progressHref = trainingPolicy.readProgress(ctx.actor) ? `/console/training/progress?year=${year}` : undefined;
    const href = f.open ? undefined : f.agencyId !== undefined && own ? `/console/training/agencies/${f.agencyId}` : progressHref;
    const certs = {
      id: 'training.certificates',
      label: 'reports.fig.training.certificates' as const,
      value: certificates,
      unit: 'count' as const,
      href,
    };
    if (f.agencyId !== undefined) {
      const share = await trainedStaffShare(deps, f.agencyId, year);
      const target = (await repo.listTargets(deps.db, year)).find((t) => t.agency_id === f.agencyId)?.target_pct ?? null;
      return {
        section: 'capability',
        title: 'reports.panel.training',
        figures: [
          {
            id: 'training.trained_share',
            label: 'reports.fig.training.trained_share',
            value: share.share,
            unit: 'ratio',
            base: share.staff,
            href,
          },
          {
            id: 'training.target',
            label: 'reports.fig.training.target',
            value: target === null ? null : target / 100,
            unit: 'ratio',
            href,
          },
          certs,
        ],
      };
    }
    const national = await nationalProgress(deps, { ...ctx, actor: f.open ? { kind: 'system', label: 'reports' } : ctx.actor }, year);
    const withTarget = national.rows.filter((r) => r.target !== null);
    const met = withTarget.filter((r) => r.share !== null && r.share * 100 >= (r.target as number)).length;
    return {
      section: 'capability',
      title: 'reports.panel.training',
      figures: [
        {
          id: 'training.targets_met',
          label: 'reports.fig.training.targets_met',
          value: withTarget.length ? met / withTarget.length : null,
          unit: 'ratio',
          base: withTarget.length,
          href,
        },
        {
          id: 'training.trained_share',
          label: 'reports.fig.training.trained_share',
          value: national.total.share,
          unit: 'ratio',
          base: national.total.staff,
          href,
        },
        certs,
      ],
    };
  },
});
