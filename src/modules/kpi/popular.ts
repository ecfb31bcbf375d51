import { fill } from '../../platform/views/extensions.ts';
import { popularServices } from '../catalog/public.ts';
import { mostUsedServices } from './kpi.repo.ts';

/** Months of transactions that rank the most used services: the last twelve with figures. */
const MONTHS = 12;

/**
 * Names the services people use most — the most transactions, all channels, over the last twelve
 * months with figures — for an empty search to offer. Services without figures are not ranked.
 */
export const mostUsed = fill(popularServices, {
  name: 'kpi',
  order: 10,
  load: (deps, props) => mostUsedServices(deps.db, MONTHS, props.limit),
  render: () => null,
});
