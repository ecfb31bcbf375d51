// Identity's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Every module may read identity; identity reads no other module.

/**
 * Agencies in bulk (a CPSV-AP file's organisations, a sheet of agencies): planned with reasons,
 * then written inside the caller's transaction (the catalog import writes them with its services).
 */
export { type AgencyRecord, type PlannedAgency, planAgencies, writeAgencies } from './agencies.import.ts';
/** Agencies are public facts: every agency, or one by id or code (NotFoundError when absent). */
export { allAgencies, getAgency, getAgencyByCode } from './agencies.service.ts';
/**
 * Beneficiary sign-in with the national provider (optional; no account, no session): the providers
 * configured for beneficiaries, the start (the provider's address and a pending cookie) and the
 * finish, which returns the email (and phone) the provider verified or throws OidcRefused, audited.
 * The provider sends the person back to `/my-data/oidc/<id>/callback` (privacy's page).
 */
export {
  BENEFICIARY_OIDC_COOKIE,
  beneficiaryPendingLang,
  finishBeneficiarySignIn,
  startBeneficiarySignIn,
  type VerifiedBeneficiary,
} from './beneficiary.service.ts';
/** The demo's local OpenID Connect provider (`yusr serve` starts it when the configuration has it; never in production). */
export { startDemoOidcIfConfigured } from './demo-oidc.ts';
/** Demo staff who sign in only through single sign-on (no password), in bulk (training's demo year). */
export { type DemoStaffMember, loadDemoStaff } from './identity.demo.ts';
/** Agency kinds by name (explicit message keys). */
export { agencyKindLabel } from './identity.labels.ts';
/**
 * Reads that take the caller's executor, so they run inside its transaction: one agency or person,
 * people by filter (`findUsers`), every agency's names (lookups, indexes), the active agencies' codes
 * (sitemaps), how many agencies there are; the rows they return and the filter people are listed by.
 */
export {
  type Agency,
  activeAgencyCodes,
  agencyNames,
  countAgencies,
  findAgency,
  findUser,
  findUserByEmail,
  listUsers as findUsers,
  type User,
  type UserFilter,
} from './identity.repo.ts';
/** The shape of an agency code (addresses and filters that take one check it before any look-up). */
export { AGENCY_CODE } from './identity.schema.ts';
export { beneficiaryProviderOf, beneficiaryProviders } from './oidc.client.ts';
export { OidcRefused, type Refusal as OidcRefusal } from './oidc.service.ts';
/**
 * People the actor may manage, a page at a time (authorized; the system actor sees everyone); invitations
 * as the people pages send them (advisory's demo invites its advisory team through it).
 */
export { inviteUser, listUsers } from './users.service.ts';
