import type { MessageKey } from '../../messages.ts';
import type { LegalBasis, PeriodUnit } from '../../platform/personal-data.ts';
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
