// Identity's test port: what tests and benchmarks outside this module use to set up agencies,
// people and tokens. Only *.test.ts files, test/** and bench/** may import it
// (test/module-boundaries.test.ts); application code goes through public.ts.

/** The token inside a sent invitation, reset or unlock link. */
export { linkTokenOf } from './account-emails.ts';
/** Resets and unlocks as the sign-in pages start them. */
export { requestPasswordReset, requestUnlock } from './auth.service.ts';
/** The demo's agencies (benchmarks build search documents for them without loading the demo). */
export { demoAgencies } from './demo.data.ts';
/** Rows written straight through the repository (factories and benchmarks). */
export { insertAgency, insertMembership, insertUser } from './identity.repo.ts';
/** The agency input those rows take. */
export type { AgencyInput } from './identity.schema.ts';
/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1 and a browser that goes through it. */
export { freePort, ProviderBrowser, startTestProvider, type TestProvider } from './oidc.test-provider.ts';
/** API tokens for API tests. */
export { createToken } from './tokens.service.ts';
/** Invitations as the people pages send them. */
export { inviteOrOffer, inviteUser } from './users.service.ts';
