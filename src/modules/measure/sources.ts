import type { MessageKey } from '../../messages.ts';
import type { Deps } from '../../platform/deps.ts';
import { completeLiveShare, transactionalShare } from '../catalog/public.ts';
import { csat, slaCompliance } from '../feedback/public.ts';
import { completionRate, digitalTakeUp } from '../kpi/public.ts';
import { silentLaunchRate } from '../notify/public.ts';
import { onTrackShare } from '../plan/public.ts';

// Automatic indicators: a framework question of answer_type "automatic" names a source
// ("catalog.transactional_share"); this registry maps the name to the function of the module that
// owns the data. Measure only reads other modules through these functions, never their tables.

/** A reading of a source: a count out of a count, and their ratio as a fraction 0..1 (null when nothing to count). */
export interface Reading {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** The agency and the measured period, as ISO instants [from, to). */
export interface SourceWindow {
  agencyId: number;
  from: string;
  to: string;
}

export interface AutomaticSource {
  /** What the source measures, and what its two counts are, for the answer form and the scorecard. */
  label: MessageKey;
  numerator: MessageKey;
  denominator: MessageKey;
  /** Whether a higher rate is better (a new question on this source gets this scale direction). */
  direction: 'higher_better' | 'lower_better';
  read(deps: Deps, window: SourceWindow): Promise<Reading>;
}

/**
 * The metrics a framework question can be computed from, by the name frameworks use: each reads
 * another module's metric function through its public port. A fixed table, not a registry: adding
 * a source is adding an entry here when the module that measures it is written.
 */
const sources: Readonly<Record<string, AutomaticSource>> = {
  // Catalog metrics describe the catalog as it stands (services have no history of maturity), so
  // they ignore the period: the value is the one read when the agency opened or refreshed its answers.
  'catalog.transactional_share': {
    label: 'measure.source.catalog.transactional_share',
    direction: 'higher_better',
    numerator: 'measure.source.count.transactional_services',
    denominator: 'measure.source.count.offered_services',
    read: (deps, w) => transactionalShare(deps, w.agencyId),
  },
  'catalog.complete_live_share': {
    label: 'measure.source.catalog.complete_live_share',
    direction: 'higher_better',
    numerator: 'measure.source.count.complete_live_services',
    denominator: 'measure.source.count.offered_services',
    read: (deps, w) => completeLiveShare(deps, w.agencyId),
  },

  // Notify and feedback count events in the round's period; a rate is null when nothing happened.
  'notify.silent_launch_rate': {
    label: 'measure.source.notify.silent_launch_rate',
    direction: 'lower_better',
    numerator: 'measure.source.count.silent_launches',
    denominator: 'measure.source.count.launches',
    read: async (deps, w) => {
      const r = await silentLaunchRate(deps, w);
      return { numerator: r.silent, denominator: r.launched, rate: r.rate };
    },
  },
  'feedback.csat': {
    label: 'measure.source.feedback.csat',
    direction: 'higher_better',
    numerator: 'measure.source.count.satisfied',
    denominator: 'measure.source.count.responses',
    read: async (deps, w) => {
      const r = await csat(deps, w);
      return { numerator: r.satisfied, denominator: r.responses, rate: r.rate };
    },
  },
  'feedback.sla_compliance': {
    label: 'measure.source.feedback.sla_compliance',
    direction: 'higher_better',
    numerator: 'measure.source.count.cases_met',
    denominator: 'measure.source.count.cases_settled',
    read: async (deps, w) => {
      const r = await slaCompliance(deps, w);
      return { numerator: r.met, denominator: r.cases, rate: r.rate };
    },
  },

  // Plans are followed up continuously: the share reads today's ratings of the agency's initiatives
  // in active plans, whatever the round's period.
  'plan.on_track_share': {
    label: 'measure.source.plan.on_track_share',
    direction: 'higher_better',
    numerator: 'measure.source.count.initiatives_on_track',
    denominator: 'measure.source.count.initiatives_rated',
    read: async (deps, w) => {
      const r = await onTrackShare(deps, w.agencyId);
      return { numerator: r.onTrack, denominator: r.total, rate: r.share };
    },
  },
  // Service performance: the agency's monthly figures whose month starts in the round's period,
  // pooled (missing months are not counted, never as zero); null when no month was given.
  'kpi.digital_take_up': {
    label: 'measure.source.kpi.digital_take_up',
    direction: 'higher_better',
    numerator: 'measure.source.count.digital_transactions',
    denominator: 'measure.source.count.transactions',
    read: async (deps, w) => {
      const r = await digitalTakeUp(deps, w);
      return { numerator: r.numerator, denominator: r.denominator, rate: r.value };
    },
  },
  'kpi.completion_rate': {
    label: 'measure.source.kpi.completion_rate',
    direction: 'higher_better',
    numerator: 'measure.source.count.journeys_completed',
    denominator: 'measure.source.count.journeys_started',
    read: async (deps, w) => {
      const r = await completionRate(deps, w);
      return { numerator: r.numerator, denominator: r.denominator, rate: r.value };
    },
  },
};

/** The source a framework names, or undefined when no module provides it (yet). */
export const sourceFor = (name: string): AutomaticSource | undefined => (Object.hasOwn(sources, name) ? sources[name] : undefined);

/** Every source name the application can compute, for the framework editor and docs/modules.md. */
export const sourceNames = () => Object.keys(sources).sort();
