import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
  Tag,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { openAttempt, RecordEntry } from '../progress.service.ts';
import { AttemptsTable, Day, EnrolmentTag, Head, QuestionFields, TrainingLayout, titleOf, trackLabel, usePct } from './common.tsx';

type Assessment = Awaited<ReturnType<typeof openAttempt>>;

/** The assessment: the open attempt's questions, or the attempts so far and a button to start one. */
export function AssessmentPage({ a, values, errors }: { a: Assessment; values?: Record<string, unknown>; errors?: Errors }) {
  const { t, href, lang, num } = usePage();
  const title = titleOf(lang, a.programme);
  const base = `/console/training/enrolments/${a.enrolment.id}/assessment`;
  return (
    <TrainingLayout title={t('training.assessment.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/training/record', label: t('training.record.title') },
          { href: `/console/training/offerings/${a.offering.id}`, label: title },
          { label: t('training.assessment.title') },
        ]}
      />
      <PageHeading title={t('training.assessment.title')} caption={title} />
      <p>
        {t('training.assessment.rules', {
          pct: num(a.programme.pass_mark_pct ?? 0),
          attempts: num(a.programme.max_attempts),
          used: num(a.attempts.length),
        })}
      </p>
      <ErrorSummary errors={errors} />
      <AttemptsTable attempts={a.attempts} />
      {!a.isOwn ? null : a.open ? (
        <form method="post" action={href(base)} class="panel" novalidate>
          <Csrf />
          <QuestionFields questions={a.questions} values={values} errors={errors} />
          <button type="submit" class="button">
            {t('training.assessment.submit')}
          </button>
        </form>
      ) : a.passed ? (
        <p>{t('training.assessment.done')}</p>
      ) : a.canStart ? (
        <PostButton action={href(`${base}/start`)} label={t('training.assessment.start')} />
      ) : (
        <p>{t('training.assessment.closed')}</p>
      )}
    </TrainingLayout>
  );
}

/** A learning record as a table: programme, dates, status, attendance, best score, completion. */
export function RecordTable({
  entries,
  caption,
  withPerson,
  pdf,
}: {
  entries: RecordEntry[];
  caption: string;
  withPerson?: boolean;
  /** Whether this server prints PDFs: the certificate's PDF is linked only then. */
  pdf?: boolean;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const pct = usePct();
  if (entries.length === 0) return <p>{t('training.record.none')}</p>;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <Head
          cols={[
            ...(withPerson ? [t('training.field.person')] : []),
            t('training.field.programme'),
            t('training.field.dates'),
            t('training.field.status'),
            t('training.field.attendance'),
            t('training.field.score'),
            t('training.field.completion'),
          ]}
        />
        <tbody>
          {entries.map((r) => {
            const programme = (
              <>
                <a href={href(`/console/training/offerings/${r.offering_id}`)}>{titleOf(lang, r)}</a>{' '}
                <span class="muted">
                  ({label(trackLabel, r.track)} · {t('training.hours', { hours: num(r.hours) })})
                </span>
                {r.assignment_ar !== null && r.status === 'enrolled' ? (
                  <>
                    {' · '}
                    <a href={href(`/console/training/enrolments/${r.id}/assignment`)}>
                      {t('training.assignment.title')}
                      {r.result.assignmentMet ? ` (${t('training.assignment.status.accepted')})` : ''}
                    </a>
                  </>
                ) : null}
              </>
            );
            return (
              <tr key={r.id}>
                {withPerson ? <th scope="row">{r.person}</th> : null}
                {withPerson ? <td>{programme}</td> : <th scope="row">{programme}</th>}
                <td>
                  <Day value={r.starts_on} /> – <Day value={r.ends_on} />
                </td>
                <td>
                  <EnrolmentTag status={r.status} position={r.waitlist_position} />
                </td>
                <td>{pct(r.result.attendance)}</td>
                <td>{r.pass_mark_pct === null ? '—' : pct(r.result.bestScore)}</td>
                <td>
                  {r.completed_at ? (
                    <>
                      <Tag>{t('training.completed')}</Tag> <Day value={r.completed_at.slice(0, 10)} />
                      {r.completion_basis === 'manual' ? ` (${t('training.completion.manual')})` : ''}
                      {r.certificate ? (
                        <>
                          {' · '}
                          <a href={href(r.certificate)}>{t('training.certificate.verify')}</a>
                          {pdf ? (
                            <>
                              {' · '}
                              <a href={href(`${r.certificate}/certificate.pdf`)} type="application/pdf">
                                {t('training.certificate.pdf')}
                              </a>
                            </>
                          ) : null}
                        </>
                      ) : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The signed-in person's learning record. */
export function RecordPage({
  entries,
  pdf,
  values = {},
  errors,
}: {
  entries: RecordEntry[];
  pdf?: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, num, href, lang } = usePage();
  const hours = entries.filter((e) => e.completed_at).reduce((s, e) => s + e.hours, 0);
  // Where a session code may be typed: enrolments on offerings that are running.
  const running = entries.filter((e) => e.status === 'enrolled' && (e.offering_status === 'open' || e.offering_status === 'closed'));
  return (
    <TrainingLayout title={t('training.record.title')}>
      <Breadcrumbs items={[{ href: '/console/training', label: t('training.title') }, { label: t('training.record.title') }]} />
      <PageHeading title={t('training.record.title')} lead={t('training.record.lead', { hours: num(hours) })} />
      <ErrorSummary errors={errors} />
      <RecordTable entries={entries} caption={t('training.record.caption')} pdf={pdf} />
      {running.length ? (
        <form method="post" action={href('/console/training/record/attend')} class="panel" novalidate>
          <h2>{t('training.code.section')}</h2>
          <Csrf />
          {running.length === 1 ? (
            <input type="hidden" name="enrolment_id" value={String(running[0]?.id)} />
          ) : (
            <Select
              name="enrolment_id"
              label={t('training.field.programme')}
              value={values.enrolment_id === undefined ? undefined : String(values.enrolment_id)}
              options={running.map((e) => ({ value: String(e.id), label: titleOf(lang, e) }))}
              errors={errors}
            />
          )}
          <Field
            name="code"
            label={t('training.code.enter')}
            hint={t('training.code.enter_hint')}
            value={values.code === undefined ? undefined : String(values.code)}
            errors={errors}
            inputMode="numeric"
            autocomplete="one-time-code"
          />
          <button type="submit" class="button">
            {t('training.code.submit')}
          </button>
        </form>
      ) : null}
    </TrainingLayout>
  );
}

/** An agency's staff learning records, and the requests waiting for its administrator. */
export function AgencyPage({ agency, entries, staff }: { agency: string; entries: RecordEntry[]; staff: number }) {
  const { t, num } = usePage();
  const waiting = entries.filter((e) => e.status === 'requested');
  const completed = new Set(entries.filter((e) => e.completed_at).map((e) => e.user_id)).size;
  return (
    <TrainingLayout title={t('training.agency.title', { agency })}>
      <Breadcrumbs items={[{ href: '/console/training', label: t('training.title') }, { label: agency }]} />
      <PageHeading
        title={t('training.agency.title', { agency })}
        lead={t('training.agency.lead', { staff: num(staff), completed: num(completed) })}
      />
      <h2>{t('training.agency.waiting')}</h2>
      <RecordTable entries={waiting} caption={t('training.agency.waiting')} withPerson />
      <h2>{t('training.agency.records')}</h2>
      <RecordTable entries={entries} caption={t('training.agency.records')} withPerson />
    </TrainingLayout>
  );
}
