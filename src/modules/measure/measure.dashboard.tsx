import { lastLocalDate } from '../../platform/i18n/dates.ts';
import { pick } from '../../platform/i18n/i18n.ts';
import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard, dashboardScope } from '../console/public.ts';
import { listParticipants } from './repo/rounds.repo.ts';
import { canSeeRound } from './rounds.service.ts';

interface Figures {
  round: { id: number; name_ar: string; name_en: string; closes_at: string } | null;
  /** Whether the viewer may open the round's page (leadership only once it is published; agencies only if they take part). */
  canOpen: boolean;
  participants: number;
  submitted: number;
}

function MeasureCard(f: Figures) {
  const { t, num, lang, date, timeZone } = usePage();
  if (!f.round)
    return (
      <StatCard
        title={t('dash.measure.title')}
        value="—"
        detail={t('dash.measure.none')}
        href="/console/measure"
        link={t('dash.measure.link')}
      />
    );
  // The round's last day, as its own pages say it (closes_at is the first instant after it).
  const closes = date(`${lastLocalDate(f.round.closes_at, timeZone)}T12:00:00Z`);
  return (
    <StatCard
      title={t('dash.measure.title')}
      value={`${num(f.submitted)} / ${num(f.participants)}`}
      detail={t('dash.measure.open', { name: pick(lang, f.round, 'name'), date: lang === 'ar' ? closes.hijri : closes.gregorian })}
      href={f.canOpen ? `/console/measure/rounds/${f.round.id}` : '/console/measure'}
      link={t('dash.measure.link')}
    />
  );
}

/** Measure's card on the console's first page: the open round, and how many of its agencies have submitted. */
export const measureDashboardCard = fill(consoleDashboard, {
  name: 'measure',
  order: 40,
  async load(deps, _props, ctx) {
    const scope = dashboardScope(ctx.actor);
    if (!scope) return null;
    const round = await deps.db
      .selectFrom('measure_rounds')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('closes_at')
      .executeTakeFirst();
    if (!round) return { round: null, canOpen: false, participants: 0, submitted: 0 };
    const participantIds = (await listParticipants(deps.db, round.id)).map((p) => p.agency_id);
    let q = deps.db.selectFrom('measure_participants').where('round_id', '=', round.id);
    if ('agencyIds' in scope) q = q.where('agency_id', 'in', scope.agencyIds);
    const r = await q
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'submitted').then(1).else(0).end()).as('submitted'),
      ])
      .executeTakeFirstOrThrow();
    return {
      round,
      canOpen: canSeeRound(ctx.actor, round, participantIds),
      participants: Number(r.n),
      submitted: Number(r.submitted ?? 0),
    };
  },
  render: (f: Figures | null) => (f ? <MeasureCard {...f} /> : null),
});
