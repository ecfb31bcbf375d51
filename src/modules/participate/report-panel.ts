import { type Actor, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import { lastLocalDate, localDate } from '../../platform/i18n/dates.ts';
import type { Figure } from '../reports/public.ts';
import { change, previousPeriod, reportPanel } from '../reports/public.ts';
import { commentsAnsweredShare, consultationsHeld, ideasAnsweredShare, medianDaysToAnswer } from './public.ts';

/** Who reads the panel: the program office and leadership for the nation, an agency's staff for their agency (the system too). */
const mayRead = (a: Actor, agencyId: number | undefined) =>
  a.kind === 'system' ||
  hasRole(a, 'program_admin', 'program_reviewer', 'leadership_viewer') ||
  (agencyId !== undefined && hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'));

/**
 * Participate's panel, from its public metric functions: consultations held in the period (and the
 * change on the period before), and — over every consultation whose period is over, whatever the
 * dashboard's period — the comments received, the share answered with a disposition and the median
 * days from a consultation's last day to its answers; and the published ideas from the public with the
 * share given an official answer. Open data gets the consultations held only
 * (the other three are not figures of a period).
 */
export const participateReportPanel = reportPanel({
  name: 'participate',
  order: 30,
  async load(deps, f, ctx) {
    if (!f.open && !mayRead(ctx.actor, f.agencyId)) return null;
    const tz = deps.config.timeZone;
    const days = (p: { from: string; to: string }) => ({ from: localDate(p.from, tz), to: lastLocalDate(p.to, tz), agencyId: f.agencyId });
    const held = await consultationsHeld(deps, days(f));
    const heldBefore = await consultationsHeld(deps, days(previousPeriod(f)));
    const office = hasRole(ctx.actor, 'program_admin', 'program_reviewer');
    const staff = f.agencyId !== undefined && hasAgencyRole(ctx.actor, f.agencyId, 'agency_admin', 'agency_editor');
    const href = f.open ? undefined : office || staff ? '/console/consultations' : '/consultations';
    const figures: Figure[] = [
      {
        id: 'participate.consultations_held',
        label: 'reports.fig.participate.held',
        value: held,
        unit: 'count',
        trend: change(held, heldBefore),
        href,
      },
    ];
    if (!f.open) {
      const answered = await commentsAnsweredShare(deps, { agencyId: f.agencyId });
      const median = await medianDaysToAnswer(deps, { agencyId: f.agencyId });
      const ideas = await ideasAnsweredShare(deps, { agencyId: f.agencyId });
      const ideasHref = f.open ? undefined : office || staff ? '/console/ideas' : '/ideas';
      figures.push(
        { id: 'participate.comments', label: 'reports.fig.participate.comments', value: answered.total, unit: 'count', href },
        {
          id: 'participate.answered',
          label: 'reports.fig.participate.answered',
          value: answered.share,
          unit: 'ratio',
          base: answered.total,
          href,
        },
        {
          id: 'participate.days_to_answer',
          label: 'reports.fig.participate.days',
          value: median,
          unit: 'days',
          higherIsBetter: false,
          href,
        },
        { id: 'participate.ideas', label: 'reports.fig.participate.ideas', value: ideas.total, unit: 'count', href: ideasHref },
        {
          id: 'participate.ideas_answered',
          label: 'reports.fig.participate.ideas_answered',
          value: ideas.share,
          unit: 'ratio',
          base: ideas.total,
          href: ideasHref,
        },
      );
    }
    return { section: 'loop', title: 'reports.panel.participate', figures };
  },
});
