import { type Actor, actorAgencyIds, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';

/** Everyone who uses the availability console: the office, leadership (reading) and agency staff. */
export const AVAILABILITY_ROLES: readonly Role[] = [
  'program_admin',
  'program_reviewer',
  'leadership_viewer',
  'agency_admin',
  'agency_editor',
];
export const MANAGER_ROLES: readonly Role[] = ['program_admin', 'agency_admin', 'agency_editor'];

const officeReads = (a: Actor) => hasRole(a, 'program_admin', 'program_reviewer', 'leadership_viewer');

/**
 * Who may do what: agency administrators and editors manage their own agency's probes and read its
 * incidents; the program administrator manages every agency's; reviewers and leadership read all.
 */
export const availabilityPolicy = {
  manage: (a: Actor, agencyId: number) =>
    a.kind === 'system' || hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
  read: (a: Actor, agencyId: number) =>
    a.kind === 'system' || officeReads(a) || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor'),
  /** The agencies whose probes and incidents the actor may list (undefined = every agency). */
  scope: (a: Actor): number[] | undefined => (a.kind === 'system' || officeReads(a) ? undefined : actorAgencyIds(a)),
};
