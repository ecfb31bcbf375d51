import { type Actor, hasAgencyRole, hasRole, isOfficeToken } from '../../platform/auth/actor.ts';

/** Who may do what with the catalog. Services call these first; views use them to show actions. */
export const catalogPolicy = {
  /** See a service's drafts and history: its agency's staff and tokens, and the program office. */
  read: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin', 'program_reviewer', 'leadership_viewer') ||
    hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') ||
    (a.kind === 'token' && a.agencyId === agencyId && a.scopes.includes('services:read')),
  /** Create services and edit drafts. */
  edit: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin') ||
    hasAgencyRole(a, agencyId, 'agency_admin', 'agency_editor') ||
    (a.kind === 'token' && a.agencyId === agencyId && a.scopes.includes('services:write')),
  /** Publish a draft (and with it, change the lifecycle status). */
  publish: (a: Actor, agencyId: number) =>
    hasRole(a, 'program_admin') ||
    hasAgencyRole(a, agencyId, 'agency_admin') ||
    (a.kind === 'token' && a.agencyId === agencyId && a.scopes.includes('services:publish')),
  /** Taxonomies and search synonyms are the program office's. */
  manageVocabulary: (a: Actor) => hasRole(a, 'program_admin'),
  /**
   * Import into an agency's catalog (the real run publishes, so it needs the publish right); the
   * program office's own token with services:publish imports for any agency.
   */
  importInto: (a: Actor, agencyId: number) => catalogPolicy.publish(a, agencyId) || isOfficeToken(a, 'services:publish'),
};
