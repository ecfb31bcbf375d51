import { hasRole } from '../../platform/auth/actor.ts';
import { reportPanel, type SeriesPoint } from '../reports/public.ts';
import { lateReports, planFigures, today } from './followup.service.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { type Rating, ratings } from './plan.tables.ts';
import { ratingLabel } from './views/common.tsx';

const onTrack = (r: Rating | null) => r === 'green' || r === 'amber_green';

/**
 * Plans' panel: is the plan on track? Over the active plans (published ones and their published
 * initiatives for open data): initiatives by rating, each track's share on track, late period
 * reports, and initiatives whose KPIs are off target; narrowed to one agency's initiatives and one track.
 */
export const planReportPanel = reportPanel({
  name: 'plan',
  order: 10,
  async load(deps, f, ctx) {
    const national = planPolicy.review(ctx.actor) || hasRole(ctx.actor, 'leadership_viewer');
    if (!f.open && !(f.agencyId ? planPolicy.readInitiative(ctx.actor, f.agencyId) : national)) return null;
    const plans = (await repo.listPlans(deps.db)).filter((p) => p.status === 'active' && (!f.open || p.published === 1));
    const counts = new Map<Rating | 'unrated', number>([...ratings, 'unrated' as const].map((r) => [r, 0]));
    const tracks: SeriesPoint[] = [];
    let total = 0;
    let good = 0;
    let late = 0;
    let offTarget = 0;
    const day = today(deps);
    const choices: { id: number; name: { ar: string; en: string } }[] = [];
    for (const plan of plans) {
      for (const t of await repo.listTracks(deps.db, plan.id)) choices.push({ id: t.id, name: { ar: t.name_ar, en: t.name_en } });
      const figures = await planFigures(
        deps.db,
        plan,
        day,
        (i) =>
          (f.agencyId === undefined || i.owner_agency_id === f.agencyId) &&
          (f.trackId === undefined || i.track_id === f.trackId) &&
          (!f.open || i.published === 1),
      );
      for (const t of figures.tracks) {
        if (!t.initiatives.length) continue;
        const ok = t.initiatives.filter((l) => onTrack(l.figures.overall)).length;
        tracks.push({ label: String(t.track.id), name: { ar: t.track.name_ar, en: t.track.name_en }, value: ok / t.initiatives.length });
        for (const l of t.initiatives) {
          total++;
          if (onTrack(l.figures.overall)) good++;
          counts.set(l.figures.overall ?? 'unrated', (counts.get(l.figures.overall ?? 'unrated') ?? 0) + 1);
          if (l.figures.kpi !== null && l.figures.kpi !== 'green') offTarget++;
        }
      }
      if (!f.open) {
        const ids = figures.tracks.flatMap((t) => t.initiatives.map((l) => l.initiative.id));
        late += lateReports(figures, await repo.listReports(deps.db, ids)).length;
      }
    }
    const href = f.open ? undefined : plans.length === 1 ? `/console/plans/${plans[0]?.id}/dashboard` : '/console/plans';
    return {
      section: 'plan',
      title: 'reports.panel.plan',
      tracks: choices,
      figures: [
        {
          id: 'plan.on_track',
          label: 'reports.fig.plan.on_track',
          value: total ? good / total : null,
          unit: 'ratio',
          base: total,
          series: ratings.map((r) => ({ label: ratingLabel[r], translate: true, value: counts.get(r) ?? 0 })),
          seriesUnit: 'count',
          href,
        },
        { id: 'plan.tracks', label: 'reports.fig.plan.tracks', value: tracks.length, unit: 'count', series: tracks, href },
        ...(f.open
          ? []
          : [
              {
                id: 'plan.late_reports',
                label: 'reports.fig.plan.late_reports' as const,
                value: late,
                unit: 'count' as const,
                higherIsBetter: false,
                href,
              },
            ]),
        {
          id: 'plan.kpis_off_target',
          label: 'reports.fig.plan.kpis_off_target',
          value: offTarget,
          unit: 'count',
          base: total,
          higherIsBetter: false,
          href,
        },
      ],
    };
  },
});
