import type { Deps } from '../../platform/deps.ts';
import { planFigures, today } from './followup.service.ts';
import * as repo from './plan.repo.ts';

/**
 * The share of initiatives of active plans rated green or amber-green on today's figures (overrides
 * included), over all of them or one agency's; null when there are none. Read by other modules
 * (e.g. measurement's "share of the agency's plan on track").
 */
export async function onTrackShare(deps: Deps, agencyId?: number): Promise<{ onTrack: number; total: number; share: number | null }> {
  let onTrack = 0;
  let total = 0;
  for (const plan of (await repo.listPlans(deps.db)).filter((p) => p.status === 'active')) {
    const f = await planFigures(deps.db, plan, today(deps), agencyId ? (i) => i.owner_agency_id === agencyId : undefined);
    for (const l of f.tracks.flatMap((t) => t.initiatives)) {
      total++;
      if (l.figures.overall === 'green' || l.figures.overall === 'amber_green') onTrack++;
    }
  }
  return { onTrack, total, share: total ? onTrack / total : null };
}
