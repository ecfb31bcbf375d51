import type { Deps } from '../../platform/deps.ts';
import { completionRate as completion, costPerTransaction as cost, monthsIn, type Ratio, digitalTakeUp as takeUp } from './kpi.math.ts';
import * as repo from './kpi.repo.ts';

// Named metric functions other modules call (measurement's automatic indicators, plans' KPIs, the
// national dashboard): one service, one agency or the nation over a period [from, to) of ISO dates
// or instants, counting the months whose first day falls in it. Each returns its parts and the
// ratio, null when no month of the period has figures (or nothing to divide by).

export interface Scope {
  from: string;
  to: string;
  agencyId?: number;
  serviceId?: number;
}

async function figuresOf(deps: Deps, s: Scope) {
  const months = monthsIn(s.from, s.to);
  if (months.length === 0) return [];
  return repo.listFigures(deps.db, { serviceId: s.serviceId, agencyId: s.agencyId, from: months[0], to: months[months.length - 1] });
}

/** Digital take-up: transactions through web, app and kiosk ÷ all transactions. */
export async function digitalTakeUp(deps: Deps, s: Scope): Promise<Ratio> {
  return takeUp(await figuresOf(deps, s));
}

/** Completion rate: online journeys completed ÷ started. */
export async function completionRate(deps: Deps, s: Scope): Promise<Ratio> {
  return completion(await figuresOf(deps, s));
}

/** Cost per transaction (SAR): total cost ÷ transactions, over the months that have a cost. */
export async function costPerTransaction(deps: Deps, s: Scope): Promise<Ratio> {
  return cost(await figuresOf(deps, s));
}
