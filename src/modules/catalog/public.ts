// Catalog's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Notify, feedback and the measuring modules read the catalog; the catalog reads only identity and console.

/** The extension point below a public service page's "Start" button, and what its fillers are told; the one naming the most used services (for an empty search). */
export { type PopularServicesProps, popularServices, type ServicePageProps, servicePageExtensions } from './catalog.extensions.ts';
/** The catalog's audiences and channel types by name (explicit message keys). */
export { audienceLabel, channelTypeLabel } from './catalog.labels.ts';
/** Metric functions: shares of transactional and of complete live services; launches in a period. */
export { completeLiveShare, launchesBetween, type Share, transactionalShare } from './catalog.metrics.ts';
/**
 * Reads that take the caller's executor, so they run inside its transaction: one service by id or
 * identifier, services by filter a page at a time, a vocabulary's terms; their row types.
 */
export {
  findService,
  findServiceByIdentifier,
  listServices,
  listTerms,
  type ServiceFilter,
  type ServiceRow,
  type TermRow,
} from './catalog.repo.ts';
/** The published record's shape, and the audiences a service is for. */
/** The shape of a service identifier (pages that take one check it before any look-up). */
export { type Audience, audiences, SERVICE_IDENTIFIER, type ServiceData } from './catalog.schema.ts';
/**
 * The published record a beneficiary sees (404 when never published); the console's list, scoped to
 * the actor; the event a publication emits and its payload; the public pages' cache, and the call
 * by which a module whose content shows on a service page refreshes that page on every node.
 */
export {
  getPublished,
  listForConsole,
  SERVICE_PUBLISHED,
  type ServicePublished,
  servicePageCache,
  servicePageChanged,
} from './catalog.service.ts';
/** A fee as the catalog prints it, in either language. */
export { formatMoney } from './format.ts';
/** The zip guards of an XLSX upload (declared and real inflated size, entries, ratio), for other modules' imports. */
export { inspectXlsx, verifyXlsx } from './io/limits.ts';
