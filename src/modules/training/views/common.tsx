import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { DateTime, Day, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { Audience, DeliveryMode, EnrolmentStatus, OfferingStatus, Track } from '../training.tables.ts';

/** The console layout of the training pages. */
export function TrainingLayout({
  title,
  children,
  nav = '/console/training',
}: {
  title: string;
  children: ComponentChildren;
  nav?: string;
}) {
  return (
    <Layout title={title} nav={nav}>
      {children}
    </Layout>
  );
}

export const titleOf = (lang: Lang, r: { title_ar: string; title_en: string }) => pick(lang, r, 'title');

export const audienceLabel = {
  employees: 'training.audience.employees',
  public: 'training.audience.public',
} as const satisfies Record<Audience, MessageKey>;

export const trackLabel = {
  digital_services: 'training.track.digital_services',
  data: 'training.track.data',
  cybersecurity: 'training.track.cybersecurity',
  service_design: 'training.track.service_design',
  change_management: 'training.track.change_management',
} as const satisfies Record<Track, MessageKey>;

export const modeLabel = {
  online: 'training.mode.online',
  in_person: 'training.mode.in_person',
  blended: 'training.mode.blended',
} as const satisfies Record<DeliveryMode, MessageKey>;

export const offeringStatusLabel = {
  draft: 'training.offering_status.draft',
  open: 'training.offering_status.open',
  closed: 'training.offering_status.closed',
  completed: 'training.offering_status.completed',
  cancelled: 'training.offering_status.cancelled',
} as const satisfies Record<OfferingStatus, MessageKey>;

export const offeringStepLabel = {
  draft: 'training.step.draft',
  open: 'training.step.open',
  closed: 'training.step.closed',
  completed: 'training.step.completed',
  cancelled: 'training.step.cancelled',
} as const satisfies Record<OfferingStatus, MessageKey>;

export const enrolmentStatusLabel = {
  requested: 'training.enrolment_status.requested',
  enrolled: 'training.enrolment_status.enrolled',
  waitlisted: 'training.enrolment_status.waitlisted',
  rejected: 'training.enrolment_status.rejected',
  cancelled: 'training.enrolment_status.cancelled',
} as const satisfies Record<EnrolmentStatus, MessageKey>;

const enrolmentTone: Record<EnrolmentStatus, 'grey' | 'amber' | 'red' | undefined> = {
  requested: 'amber',
  enrolled: undefined,
  waitlisted: 'amber',
  rejected: 'red',
  cancelled: 'grey',
};

/** An enrolment's status as a tag (with the waitlist place when it has one). */
export function EnrolmentTag({ status, position }: { status: EnrolmentStatus; position?: number | null }) {
  const { t, num } = usePage();
  return (
    <Tag tone={enrolmentTone[status]}>
      {t(enrolmentStatusLabel[status])}
      {status === 'waitlisted' && position ? ` (${t('training.waitlist_place', { position: num(position) })})` : ''}
    </Tag>
  );
}

/** A share 0..1 as a percentage in the page's digits, or a dash. */
export function usePct() {
  const { num } = usePage();
  return (v: number | null | undefined) => (v === null || v === undefined ? '—' : num(v, { style: 'percent', maximumFractionDigits: 1 }));
}

/** A calendar day in both calendars (the platform's). */
export { Day };

/** An instant with its time, in both calendars (the platform's). */
export function When({ value }: { value: string }) {
  return <DateTime value={value} withTime />;
}

/** A table's header row: one column heading per label. */
export function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Where an offering takes place: its place, its online link, or both. */
export function Where({ o }: { o: { location_ar: string | null; location_en: string | null; online_url: string | null } }) {
  const { t, lang } = usePage();
  const place = lang === 'ar' ? o.location_ar : o.location_en;
  return (
    <>
      {place ?? ''}
      {place && o.online_url ? ' · ' : ''}
      {o.online_url ? (
        <a href={o.online_url} rel="noopener">
          {t('training.online_link')}
        </a>
      ) : null}
    </>
  );
}
