import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { DateTime, Day, type Errors, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { QuestionRow } from '../training.repo.ts';
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

/** An open attempt's questions as radio groups (q_<id> holds the chosen option's index). */
export function QuestionFields({
  questions,
  values,
  errors,
}: {
  questions: readonly QuestionRow[];
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, lang, num } = usePage();
  return (
    <>
      {questions.map((q, qi) => {
        const options = JSON.parse(q.options_json) as { ar: string; en: string }[];
        const error = errors?.find((e) => e.field === `q_${q.id}`);
        return (
          <fieldset key={q.id} class={`field${error ? ' has-error' : ''}`} id={`f-q_${q.id}`}>
            <legend>
              {num(qi + 1)}. {lang === 'ar' ? q.text_ar : q.text_en}
            </legend>
            {error ? <span class="field-error">{t('training.validation.answer')}</span> : null}
            {options.map((op, i) => (
              <div class="choice" key={op.en}>
                <input
                  type="radio"
                  id={`q_${q.id}_${i}`}
                  name={`q_${q.id}`}
                  value={String(i)}
                  checked={values?.[`q_${q.id}`] === String(i)}
                />
                <label for={`q_${q.id}_${i}`}>{lang === 'ar' ? op.ar : op.en}</label>
              </div>
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

/** The submitted attempts of an assessment: score and result of each. */
export function AttemptsTable({
  attempts,
}: {
  attempts: readonly { id: number; correct: number | null; total: number; passed: number | null; submitted_at: string | null }[];
}) {
  const { t, num } = usePage();
  const done = attempts.filter((x) => x.submitted_at);
  if (!done.length) return null;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{t('training.assessment.attempts')}</caption>
        <Head cols={[t('training.field.attempt'), t('training.field.score'), t('training.field.result')]} />
        <tbody>
          {done.map((x, i) => (
            <tr key={x.id}>
              <th scope="row">{num(i + 1)}</th>
              <td>{t('training.assessment.score', { correct: num(x.correct ?? 0), total: num(x.total) })}</td>
              <td>{x.passed ? <Tag>{t('training.assessment.passed')}</Tag> : <Tag tone="red">{t('training.assessment.failed')}</Tag>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
