import type { Deps } from '../../platform/deps.ts';

// Privacy's test port: what tests outside this module use to seed requests and breaches, and to
// read the consent register. Only
// *.test.ts files, test/** and bench/** may import it (test/module-boundaries.test.ts).

/** A breach as the office records it. */
export { createBreach } from './office.service.ts';
/** A correction or erasure request from a verified address. */
export { fileRequest } from './requests.service.ts';
/** The retention purge and its cutoffs. */
export { runPurge } from './retention.service.ts';
export { cutoffFor } from './retention.ts';

/** One address's consent records with the wording each rests on, oldest first. */
export const consentRows = (deps: Deps, email: string) =>
  deps.db
    .selectFrom('privacy_consents as c')
    .innerJoin('privacy_consent_wordings as w', 'w.version', 'c.wording_version')
    .selectAll('c')
    .select(['w.text', 'w.lang'])
    .where('c.email', '=', email)
    .orderBy('c.id')
    .execute();
