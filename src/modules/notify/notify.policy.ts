import { type Actor, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import type { Scope } from '../../platform/authz/roles.ts';

const PROGRAM_READERS = ['program_admin', 'program_reviewer', 'leadership_viewer'] as const;
const token = (a: Actor, agencyId: number, ...scopes: Scope[]) =>
  a.kind === 'token' && a.agencyId === agencyId && scopes.some((s) => a.scopes.includes(s));

/** Who may do what with announcements and subscriptions. Services call these first; views use them to show actions. */
export const notifyPolicy = {
  /** See an agency's announcements (drafts included), reports and silent launches. */
  read: (a: Actor, agencyId: number) =>
    hasRole(a, ...PROGRAM_READERS) ||
    hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') ||
    token(a, agencyId, 'announcements:write', 'announcements:publish'),
  /** Write and edit drafts, submit them for approval. */
  draft: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') || token(a, agencyId, 'announcements:write'),
  /** Approve: publish now or schedule; return a draft to its editors. */
  approve: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin') || token(a, agencyId, 'announcements:publish'),
  /** The national picture: every agency's silent launches. */
  national: (a: Actor) => hasRole(a, ...PROGRAM_READERS),
  /** When digests go out (program-wide). */
  settings: (a: Actor) => hasRole(a, 'program_admin'),
  /** The logo on an agency's emails. */
  branding: (a: Actor, agencyId: number) => hasRole(a, 'program_admin') || hasAgencyRole(a, agencyId, 'agency_admin'),
};
