import { type Actor, actorAgencyIds, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Who sees the whole program's figures: the program office and leadership. */
export const NATIONAL_ROLES = ['program_admin', 'program_reviewer', 'leadership_viewer'] as const satisfies readonly Role[];
/** Who may open reports at all: the national roles, and agency administrators (their own agency's scorecard). */
export const REPORT_ROLES = [...NATIONAL_ROLES, 'agency_admin'] as const satisfies readonly Role[];

export const reportsPolicy = {
  national: (a: Actor) => hasRole(a, ...NATIONAL_ROLES),
  /** An agency's scorecard: national roles for any agency, an agency administrator for their own. */
  scorecard: (a: Actor, agencyId: number) => hasRole(a, ...NATIONAL_ROLES) || hasAgencyRole(a, agencyId, 'agency_admin'),
  /** The agency an agency administrator lands on (their first). */
  ownAgency: (a: Actor): number | undefined =>
    a.kind === 'user'
      ? (a.memberships.find((m) => m.role === 'agency_admin' && m.agencyId !== null)?.agencyId ?? undefined)
      : actorAgencyIds(a)[0],
};
