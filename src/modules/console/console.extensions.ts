import { type Actor, actorAgencyIds, hasRole } from '../../platform/auth/actor.ts';
import { extensionPoint } from '../../platform/views/extensions.ts';

/** Cards other modules add to the console's first page (each loads its own figures). */
export const consoleDashboard = extensionPoint<Record<string, never>>('console.dashboard');

/**
 * Whose figures a dashboard card shows: the whole program for program staff and leadership,
 * the person's own agencies for agency staff, nothing for judges and advisors.
 */
export function dashboardScope(actor: Actor): { national: true } | { agencyIds: number[] } | null {
  if (hasRole(actor, 'program_admin', 'program_reviewer', 'leadership_viewer')) return { national: true };
  const mine = actorAgencyIds(actor);
  return mine.length ? { agencyIds: mine } : null;
}
