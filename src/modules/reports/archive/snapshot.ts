import { systemCtx } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { monthName } from '../../../platform/i18n/dates.ts';
import { bilingual } from '../../../platform/i18n/i18n.ts';
import { type FigureUnit, loadPanels, type Section } from '../reports.panels.ts';
import type { ReportPeriod } from './period.ts';

type Bi = { ar: string; en: string };

/** A figure as it was when the report was made: its words in both languages, so later changes to messages or data change nothing. */
export interface SnapshotFigure {
  id: string;
  label: Bi;
  value: number | null;
  unit: FigureUnit;
  base: number | null;
  trend: number | null;
  higherIsBetter: boolean;
  series: { label: string; name: Bi; value: number }[];
  seriesUnit: FigureUnit;
}

export interface SnapshotPanel {
  module: string;
  section: Section;
  title: Bi;
  figures: SnapshotFigure[];
}

/** The data a leadership report was built from, stored as JSON beside it. */
export interface Snapshot {
  version: 1;
  period: Pick<ReportPeriod, 'key' | 'frequency' | 'from' | 'to'>;
  panels: SnapshotPanel[];
}

/**
 * Loads every installed module's panel for the period, nationally, as the system (the report goes to
 * leadership, who read every national figure), and freezes it: values, breakdowns and the words of
 * every label in both languages. Links are left out (the report stands on its own).
 */
export async function buildSnapshot(deps: Deps, period: ReportPeriod): Promise<Snapshot> {
  const panels = await loadPanels(deps, { from: period.from, to: period.to }, systemCtx('reports.leadership_report'));
  return {
    version: 1,
    period: { key: period.key, frequency: period.frequency, from: period.from, to: period.to },
    panels: panels.map((p) => ({
      module: p.module,
      section: p.section,
      title: bilingual(p.title),
      figures: p.figures.map((f) => ({
        id: f.id,
        label: bilingual(f.label),
        value: f.value,
        unit: f.unit,
        base: f.base ?? null,
        trend: f.trend ?? null,
        higherIsBetter: f.higherIsBetter ?? true,
        series: (f.series ?? []).map((s) => ({
          label: s.label,
          name: s.name ?? (s.translate ? bilingual(s.label as never) : { ar: monthName('ar', s.label), en: monthName('en', s.label) }),
          value: s.value,
        })),
        seriesUnit: f.seriesUnit ?? f.unit,
      })),
    })),
  };
}
