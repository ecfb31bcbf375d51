import { hasRole } from '../../platform/auth/actor.ts';
import type { Figure, SeriesPoint } from '../reports/public.ts';
import { change, reportPanel } from '../reports/public.ts';
import { meanScore, movers, scorecardNodes, stageCounts } from './analysis.ts';
import { measurePolicy } from './measure.policy.ts';
import type { RoundStatus } from './measure.tables.ts';
import * as repo from './repo/rounds.repo.ts';
import { type ResultsView, roundResults } from './results.service.ts';

const TOP = 3;

/** The statuses of rounds whose results a viewer may read on reports (the public: published only). */
const readable = (open: boolean | undefined, actor: Parameters<typeof measurePolicy.oversee>[0]): RoundStatus[] | null => {
  if (open) return ['published'];
  if (measurePolicy.oversee(actor)) return ['finalised', 'published'];
  return hasRole(actor, 'leadership_viewer', 'agency_admin', 'agency_editor') ? ['published'] : null;
};

const named = (v: ResultsView, code: string) => {
  const a = v.agencyByCode.get(code);
  return a ? { ar: a.name_ar, en: a.name_en } : { ar: code, en: code };
};

/**
 * Measurement's panel: how the transformation goes in the latest round closed by the period's end
 * that the viewer may read — stage distribution, national score and its change since the previous
 * round, movers up and down, and the agencies that lag (with their weakest axis); for one agency,
 * its score, stage and rank.
 */
export const measureReportPanel = reportPanel({
  name: 'measure',
  order: 10,
  async load(deps, f, ctx) {
    const statuses = readable(f.open, ctx.actor);
    if (!statuses) return null;
    const round = (await repo.listRounds(deps.db, { statuses }))
      .filter((r) => r.closes_at <= f.to)
      .sort((a, b) => (a.closes_at < b.closes_at ? 1 : -1))[0];
    if (!round) return { section: 'transformation', title: 'reports.panel.measure', figures: [] };
    let view: ResultsView;
    try {
      view = await roundResults(deps, ctx, round.id);
    } catch {
      return null;
    }
    const href = f.open ? undefined : `/console/measure/rounds/${round.id}/results`;
    const { scores, previous } = view;
    const figures: Figure[] = [];
    if (f.agencyId !== undefined) {
      const agency = [...view.agencyByCode.values()].find((a) => a.id === f.agencyId);
      const mine = agency && scores.agencies.find((s) => s.agency === agency.code);
      const before = agency && previous?.scores.agencies.find((s) => s.agency === agency.code);
      figures.push({
        id: 'measure.score',
        label: 'reports.fig.measure.score',
        value: mine?.display ?? null,
        unit: 'score',
        trend: change(mine?.display, before?.display),
        href: href && agency ? `${href}/${agency.id}` : href,
      });
      if (mine?.rank)
        figures.push({
          id: 'measure.rank',
          label: 'reports.fig.measure.rank',
          value: mine.rank,
          unit: 'count',
          higherIsBetter: false,
          href,
        });
      return { section: 'transformation', title: 'reports.panel.measure', figures };
    }
    const stages = stageCounts(scores, view.bundle.framework.settings.stages);
    const national = meanScore(scores);
    const moved = movers(scores, previous?.scores);
    const up = moved.filter((m) => m.delta > 0);
    const down = moved.filter((m) => m.delta < 0).reverse();
    const moverPoints = (list: typeof moved): SeriesPoint[] =>
      list.slice(0, TOP).map((m) => ({ label: m.agency, name: named(view, m.agency), value: m.delta }));
    const axes = scorecardNodes(view.bundle.framework).filter((n) => n.depth === 1);
    const lagging = scores.agencies
      .filter((a) => a.display !== null)
      .sort((a, b) => (a.display as number) - (b.display as number))
      .slice(0, TOP)
      .map((a): SeriesPoint => {
        const weakest = axes
          .map(({ node }) => ({ node, score: a.nodes.get(node.key)?.score ?? null }))
          .filter((x): x is { node: (typeof axes)[number]['node']; score: number } => x.score !== null)
          .sort((x, y) => x.score - y.score)[0];
        const name = named(view, a.agency);
        return {
          label: a.agency,
          name: weakest ? { ar: `${name.ar} — ${weakest.node.name_ar}`, en: `${name.en} — ${weakest.node.name_en}` } : name,
          value: a.display as number,
        };
      });
    figures.push(
      {
        id: 'measure.national_score',
        label: 'reports.fig.measure.national_score',
        value: national,
        unit: 'score',
        base: scores.agencies.length,
        trend: previous ? change(national, meanScore(previous.scores)) : null,
        nationalOnly: true,
        href,
      },
      {
        id: 'measure.stages',
        label: 'reports.fig.measure.stages',
        value: scores.agencies.length - stages.none,
        unit: 'count',
        series: stages.counts.map((c) => ({ label: c.stage.key, name: { ar: c.stage.name_ar, en: c.stage.name_en }, value: c.count })),
        nationalOnly: true,
        href,
      },
      {
        id: 'measure.movers_up',
        label: 'reports.fig.measure.movers_up',
        value: up.length,
        unit: 'count',
        series: moverPoints(up),
        seriesUnit: 'score',
        nationalOnly: true,
        href,
      },
      {
        id: 'measure.movers_down',
        label: 'reports.fig.measure.movers_down',
        value: down.length,
        unit: 'count',
        series: moverPoints(down),
        seriesUnit: 'score',
        higherIsBetter: false,
        nationalOnly: true,
        href,
      },
      {
        id: 'measure.lagging',
        label: 'reports.fig.measure.lagging',
        value: lagging.length,
        unit: 'count',
        series: lagging,
        seriesUnit: 'score',
        higherIsBetter: false,
        nationalOnly: true,
        href,
      },
    );
    return { section: 'transformation', title: 'reports.panel.measure', figures };
  },
});
