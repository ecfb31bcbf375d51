import { reportPanel } from '../reports/public.ts';

/**
 * The award's panel: the editions announced by the period's end, and the winners of the editions
 * whose results were published by then (an agency's own winners when narrowed to it). Published
 * results are public, so every viewer sees them and the link goes to the public archive.
 */
export const awardReportPanel = reportPanel({
  name: 'award',
  order: 30,
  async load(deps, f) {
    const editions = await deps.db
      .selectFrom('award_cycles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('announced_at', '<', f.to)
      .executeTakeFirstOrThrow();
    let q = deps.db
      .selectFrom('award_decisions as d')
      .innerJoin('award_nominations as n', 'n.id', 'd.nomination_id')
      .innerJoin('award_cycles as c', 'c.id', 'n.cycle_id')
      .where('d.outcome', '=', 'winner')
      .where('c.results_published_at', 'is not', null)
      .where('c.results_published_at', '<', f.to);
    if (f.agencyId !== undefined) q = q.where('n.agency_id', '=', f.agencyId);
    const winners = await q
      .select(['c.number', 'c.name_ar', 'c.name_en', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['c.number', 'c.name_ar', 'c.name_en'])
      .orderBy('c.number')
      .execute();
    return {
      section: 'capability',
      title: 'reports.panel.award',
      figures: [
        {
          id: 'award.editions',
          label: 'reports.fig.award.editions',
          value: Number(editions.n),
          unit: 'count',
          nationalOnly: true,
          href: '/award',
        },
        {
          id: 'award.winners',
          label: 'reports.fig.award.winners',
          value: winners.reduce((s, w) => s + Number(w.n), 0),
          unit: 'count',
          series: winners.map((w) => ({ label: String(w.number), name: { ar: w.name_ar, en: w.name_en }, value: Number(w.n) })),
          href: '/award',
        },
      ],
    };
  },
});
