import type { MessageKey } from '../../../messages.ts';

/** Each providing module's dataset: its title and description (explicit keys; a module not listed gets the generic pair). */
const known = {
  catalog: ['opendata.dataset.catalog.title', 'opendata.dataset.catalog.description'],
  feedback: ['opendata.dataset.feedback.title', 'opendata.dataset.feedback.description'],
  notify: ['opendata.dataset.notify.title', 'opendata.dataset.notify.description'],
  measure: ['opendata.dataset.measure.title', 'opendata.dataset.measure.description'],
  plan: ['opendata.dataset.plan.title', 'opendata.dataset.plan.description'],
  training: ['opendata.dataset.training.title', 'opendata.dataset.training.description'],
  advisory: ['opendata.dataset.advisory.title', 'opendata.dataset.advisory.description'],
  award: ['opendata.dataset.award.title', 'opendata.dataset.award.description'],
  availability: ['opendata.dataset.availability.title', 'opendata.dataset.availability.description'],
  kpi: ['opendata.dataset.kpi.title', 'opendata.dataset.kpi.description'],
  participate: ['opendata.dataset.participate.title', 'opendata.dataset.participate.description'],
} as const satisfies Record<string, readonly [MessageKey, MessageKey]>;

export function datasetMeta(id: string): { title: MessageKey; description: MessageKey; params?: Record<string, string> } {
  const pair = (known as Record<string, readonly [MessageKey, MessageKey]>)[id];
  return pair
    ? { title: pair[0], description: pair[1] }
    : { title: 'opendata.dataset.other.title', description: 'opendata.dataset.other.description', params: { module: id } };
}
