import type { MessageKey } from '../../messages.ts';
import type { AnnouncementKind, AnnouncementStatus, Frequency, TargetType } from './notify.tables.ts';

// Explicit maps from notify's closed sets to their messages: every key is written out, so a
// translator finds each one and the compiler checks each set is complete (no key is built at run time).

export const kindLabel = {
  launch: 'notify.kind.launch',
  change: 'notify.kind.change',
  downtime: 'notify.kind.downtime',
  outage: 'notify.kind.outage',
  retirement: 'notify.kind.retirement',
  news: 'notify.kind.news',
} as const satisfies Record<AnnouncementKind, MessageKey>;

export const statusLabel = {
  draft: 'notify.status.draft',
  pending: 'notify.status.pending',
  scheduled: 'notify.status.scheduled',
  published: 'notify.status.published',
} as const satisfies Record<AnnouncementStatus, MessageKey>;

/** The dashboard's count cards, in the order shown. */
export const statusCountLabel = {
  pending: 'notify.dash.count.pending',
  scheduled: 'notify.dash.count.scheduled',
  draft: 'notify.dash.count.draft',
  published: 'notify.dash.count.published',
} as const satisfies Record<AnnouncementStatus, MessageKey>;

export const frequencyLabel = {
  immediate: 'notify.frequency.immediate',
  daily: 'notify.frequency.daily',
  weekly: 'notify.frequency.weekly',
} as const satisfies Record<Frequency, MessageKey>;

/** The weekly digest's day, Sunday first. */
export const weekdayLabel = {
  Sun: 'notify.weekday.Sun',
  Mon: 'notify.weekday.Mon',
  Tue: 'notify.weekday.Tue',
  Wed: 'notify.weekday.Wed',
  Thu: 'notify.weekday.Thu',
  Fri: 'notify.weekday.Fri',
  Sat: 'notify.weekday.Sat',
} as const satisfies Record<string, MessageKey>;

/** What one can subscribe to, in the order the form offers it (a topic only through its owner's link). */
export const subscribeKindLabel = {
  new_services: 'notify.subscribe.kind.new_services',
  agency: 'notify.subscribe.kind.agency',
  category: 'notify.subscribe.kind.category',
  audience: 'notify.subscribe.kind.audience',
} as const satisfies Record<Exclude<TargetType, 'service' | 'topic'>, MessageKey>;

/** "X (service)", "X (agency)"… on pages. */
export const targetOfLabel = {
  service: 'notify.target.service_of',
  agency: 'notify.target.agency_of',
  category: 'notify.target.category_of',
  audience: 'notify.target.audience_of',
  topic: 'notify.target.topic_of',
} as const satisfies Record<Exclude<TargetType, 'new_services'>, MessageKey>;

/** "the service X", "everything from agency Y"… in emails. */
export const targetPhraseLabel = {
  service: 'notify.target_phrase.service',
  agency: 'notify.target_phrase.agency',
  category: 'notify.target_phrase.category',
  audience: 'notify.target_phrase.audience',
  new_services: 'notify.target_phrase.new_services',
  topic: 'notify.target_phrase.topic',
} as const satisfies Record<TargetType, MessageKey>;
