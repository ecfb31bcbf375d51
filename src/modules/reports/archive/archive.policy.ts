import { type Actor, hasRole } from '../../../platform/auth/actor.ts';
import type { Role } from '../../../platform/authz/roles.ts';

/** Who reads the leadership reports' archive and downloads them: the program office and leadership. */
export const ARCHIVE_ROLES = ['program_admin', 'program_reviewer', 'leadership_viewer'] as const satisfies readonly Role[];
/** Who sets the schedule, the extra recipients, and generates a report now: the program administrators. */
export const MANAGE_ROLES = ['program_admin'] as const satisfies readonly Role[];

export const archivePolicy = {
  read: (a: Actor) => hasRole(a, ...ARCHIVE_ROLES),
  manage: (a: Actor) => hasRole(a, ...MANAGE_ROLES),
};
