import type { MessageKey } from '../../messages.ts';
import type { ConsentChannel, LegalBasis, PeriodUnit } from '../../platform/personal-data.ts';
import type { BreachStatus, RequestKind, RequestStatus } from './privacy.tables.ts';

// The message of each value of the privacy module's closed sets.

export const basisLabel: Record<LegalBasis, MessageKey> = {
  consent: 'privacy.basis.consent',
  public_task: 'privacy.basis.public_task',
  legal_obligation: 'privacy.basis.legal_obligation',
  legitimate_interest: 'privacy.basis.legitimate_interest',
};

/** A period in words: "{n, plural, …}" per unit. */
export const unitLabel: Record<PeriodUnit, MessageKey> = {
  days: 'privacy.period.days',
  months: 'privacy.period.months',
  years: 'privacy.period.years',
  hijri_months: 'privacy.period.hijri_months',
  hijri_years: 'privacy.period.hijri_years',
};
export const unitName: Record<PeriodUnit, MessageKey> = {
  days: 'privacy.unit.days',
  months: 'privacy.unit.months',
  years: 'privacy.unit.years',
  hijri_months: 'privacy.unit.hijri_months',
  hijri_years: 'privacy.unit.hijri_years',
};

export const requestKindLabel: Record<RequestKind, MessageKey> = {
  access: 'privacy.request_kind.access',
  correction: 'privacy.request_kind.correction',
  erasure: 'privacy.request_kind.erasure',
};

export const requestStatusLabel: Record<RequestStatus, MessageKey> = {
  received: 'privacy.request_status.received',
  in_progress: 'privacy.request_status.in_progress',
  completed: 'privacy.request_status.completed',
  rejected: 'privacy.request_status.rejected',
};

export const breachStatusLabel: Record<BreachStatus, MessageKey> = {
  open: 'privacy.breach_status.open',
  contained: 'privacy.breach_status.contained',
  closed: 'privacy.breach_status.closed',
};

/** How a consent was given or withdrawn. */
export const consentChannelLabel: Record<ConsentChannel, MessageKey> = {
  web_form: 'privacy.consent.channel.web_form',
  email_link: 'privacy.consent.channel.email_link',
  one_click: 'privacy.consent.channel.one_click',
  manage_page: 'privacy.consent.channel.manage_page',
  my_data: 'privacy.consent.channel.my_data',
  erasure: 'privacy.consent.channel.erasure',
  before_register: 'privacy.consent.channel.before_register',
};
