import type { MessageKey } from '../../messages.ts';
import type { Audience, availabilities, ChannelType, LifecycleStatus, Maturity, ServiceData, TaxonomyKind } from './catalog.schema.ts';
import type { FacetName } from './catalog.search.ts';
import type { MissingPart, PublicationNeed } from './completeness.ts';
import type { DurationUnit } from './format.ts';
import type { Outcome } from './io/import.read.ts';

// Explicit maps from the catalog's closed sets to their messages: every key is written out, so a
// translator finds each one and the compiler checks each set is complete (no key is built at run time).

export const audienceLabel = {
  citizens: 'audience.citizens',
  residents: 'audience.residents',
  businesses: 'audience.businesses',
  visitors: 'audience.visitors',
  government: 'audience.government',
} as const satisfies Record<Audience, MessageKey>;

export const channelTypeLabel = {
  web: 'channel_type.web',
  mobile: 'channel_type.mobile',
  kiosk: 'channel_type.kiosk',
  call_centre: 'channel_type.call_centre',
  service_centre: 'channel_type.service_centre',
} as const satisfies Record<ChannelType, MessageKey>;

export const availabilityLabel = {
  '24/7': 'availability.24/7',
  business_hours: 'availability.business_hours',
  scheduled: 'availability.scheduled',
} as const satisfies Record<(typeof availabilities)[number], MessageKey>;

export const maturityLabel = {
  informational: 'maturity.informational',
  interactive: 'maturity.interactive',
  transactional: 'maturity.transactional',
  integrated: 'maturity.integrated',
} as const satisfies Record<Maturity, MessageKey>;

export const lifecycleLabel = {
  planned: 'lifecycle.planned',
  beta: 'lifecycle.beta',
  live: 'lifecycle.live',
  suspended: 'lifecycle.suspended',
  retired: 'lifecycle.retired',
} as const satisfies Record<LifecycleStatus, MessageKey>;

export const taxonomyLabel = {
  category: 'taxonomy.category',
  life_event: 'taxonomy.life_event',
  business_event: 'taxonomy.business_event',
} as const satisfies Record<TaxonomyKind, MessageKey>;

export const facetLabel = {
  agency: 'facet.agency',
  category: 'facet.category',
  audience: 'facet.audience',
  maturity: 'facet.maturity',
  channel: 'facet.channel',
  status: 'facet.status',
  life_event: 'facet.life_event',
  business_event: 'facet.business_event',
} as const satisfies Record<FacetName | 'life_event' | 'business_event', MessageKey>;

/** The notice above a service page that is not live. */
export const statusNoticeLabel = {
  planned: 'service.status_notice.planned',
  beta: 'service.status_notice.beta',
  suspended: 'service.status_notice.suspended',
  retired: 'service.status_notice.retired',
} as const satisfies Record<Exclude<LifecycleStatus, 'live'>, MessageKey>;

/** A service's state in the console (draft, published, unpublished). */
export const serviceStateLabel = {
  draft: 'cservice.state.draft',
  review: 'cservice.state.review',
  published: 'cservice.state.published',
  unpublished: 'cservice.state.unpublished',
} as const satisfies Record<string, MessageKey>;

/** What a service record still lacks before it counts as complete. */
export const missingLabel = {
  description: 'cservice.missing.description',
  channels: 'cservice.missing.channels',
  requirements: 'cservice.missing.requirements',
  processing_time: 'cservice.missing.processing_time',
  categories: 'cservice.missing.categories',
  outputs: 'cservice.missing.outputs',
} as const satisfies Record<MissingPart, MessageKey>;

/** An imported draft's checklist (publicationNeeds). */
export const needLabel = {
  audiences: 'cservice.needs.audiences',
  channels: 'cservice.needs.channels',
  maturity: 'cservice.needs.maturity',
  status: 'cservice.needs.status',
} as const satisfies Record<PublicationNeed, MessageKey>;

/** What an import does to one row. */
export const outcomeLabel = {
  create: 'io.outcome.create',
  update: 'io.outcome.update',
  unchanged: 'io.outcome.unchanged',
  draft: 'io.outcome.draft',
  refuse: 'io.outcome.refuse',
} as const satisfies Record<Outcome, MessageKey>;

/** The units a duration is entered in on the service form. */
export const durationUnitLabel = {
  minutes: 'duration.unit.minutes',
  hours: 'duration.unit.hours',
  days: 'duration.unit.days',
  weeks: 'duration.unit.weeks',
  months: 'duration.unit.months',
  years: 'duration.unit.years',
} as const satisfies Record<DurationUnit, MessageKey>;

/** Each part of a service record as the version comparison names it. */
export const compareFieldLabel = {
  name: 'cservice.cmp.name',
  description: 'cservice.cmp.description',
  audiences: 'field.audiences',
  categories: 'field.categories',
  life_events: 'field.life_events',
  business_events: 'field.business_events',
  channels: 'cservice.section.channels',
  requirements: 'cservice.cmp.requirements',
  documents: 'cservice.cmp.documents',
  outputs: 'cservice.cmp.outputs',
  fees: 'cservice.section.fees',
  legal_basis: 'cservice.cmp.legal_basis',
  processing_time: 'field.processing_time',
  sla_target: 'field.sla_target',
  keywords: 'cservice.cmp.keywords',
  maturity: 'field.maturity',
  status: 'field.lifecycle',
} as const satisfies Record<keyof ServiceData, MessageKey>;
