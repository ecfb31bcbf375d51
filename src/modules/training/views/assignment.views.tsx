import type { MessageKey } from '../../../messages.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { ASSIGNMENT_MAX_BYTES, type OfferingAssignments, type StaffAssignment } from '../assignments.service.ts';
import type { AssignmentRow, ProgrammeRow } from '../training.repo.ts';
import type { AssignmentStatus } from '../training.tables.ts';
import { Head, TrainingLayout, titleOf, When } from './common.tsx';

// Assignments: the brief and the person's submission (their own page, and the page of a public place),
// an offering's list for its trainers and the office, and one assignment with the reviewer's decision.

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export const assignmentStatusLabel = {
  submitted: 'training.assignment.status.submitted',
  accepted: 'training.assignment.status.accepted',
  returned: 'training.assignment.status.returned',
} as const satisfies Record<AssignmentStatus, MessageKey>;
const tone: Record<AssignmentStatus, 'amber' | 'red' | undefined> = { submitted: 'amber', accepted: undefined, returned: 'red' };

/** An assignment's status as a tag, or "not sent yet". */
export function AssignmentTag({ a }: { a: AssignmentRow | undefined }) {
  const { t } = usePage();
  const label = useLabel();
  return a ? (
    <Tag tone={tone[a.status]}>{label(assignmentStatusLabel, a.status)}</Tag>
  ) : (
    <span>{t('training.assignment.status.none')}</span>
  );
}

/**
 * The assignment as its person sees it: the brief, the status with the reviewer's comment and the file
 * sent, and (while they may) the form to send it — the text before the file, so the multipart body
 * carries the CSRF token and fields first.
 */
export function AssignmentSection({
  programme,
  assignment,
  action,
  canSubmit,
  hidden,
  fileHref,
  values = {},
  errors,
}: {
  programme: ProgrammeRow;
  assignment: AssignmentRow | undefined;
  action: string;
  canSubmit: boolean;
  hidden?: Record<string, string>;
  fileHref?: string;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  return (
    <section aria-labelledby="assignment-heading">
      <h2 id="assignment-heading">{t('training.assignment.title')}</h2>
      <h3>{t('training.assignment.brief')}</h3>
      <p class="prose">{lang === 'ar' ? programme.assignment_ar : programme.assignment_en}</p>
      <dl class="summary">
        <dt>{t('training.assignment.status')}</dt>
        <dd>
          <AssignmentTag a={assignment} />
        </dd>
        {assignment?.comment ? (
          <>
            <dt>{t('training.assignment.comment')}</dt>
            <dd>{assignment.comment}</dd>
          </>
        ) : null}
        {assignment?.file_name ? (
          <>
            <dt>{t('training.assignment.file')}</dt>
            <dd>{fileHref ? <a href={href(fileHref)}>{assignment.file_name}</a> : <bdi>{assignment.file_name}</bdi>}</dd>
          </>
        ) : null}
      </dl>
      {canSubmit ? (
        <form method="post" action={href(action)} class="panel" enctype="multipart/form-data" novalidate>
          <Csrf />
          {Object.entries(hidden ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} key={k} />
          ))}
          <TextArea
            name="text"
            label={t('training.assignment.text')}
            value={str(values.text) ?? assignment?.text}
            errors={errors}
            rows={8}
            required
          />
          <Field
            name="file"
            type="file"
            label={t('training.assignment.file')}
            hint={t('training.assignment.file_hint', { mb: num(ASSIGNMENT_MAX_BYTES / 1024 / 1024) })}
            accept=".pdf,application/pdf"
            errors={errors}
          />
          <button type="submit" class="button">
            {assignment ? t('training.assignment.resubmit') : t('training.assignment.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** A member of staff's assignment for one enrolment (read also by their administrator, the trainers and the office). */
export function StaffAssignmentPage({ a, values, errors }: { a: StaffAssignment; values?: Values; errors?: Errors }) {
  const { t, lang } = usePage();
  const title = titleOf(lang, a.programme);
  return (
    <TrainingLayout title={t('training.assignment.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/training/record', label: t('training.record.title') },
          { href: `/console/training/offerings/${a.offering.id}`, label: title },
          { label: t('training.assignment.title') },
        ]}
      />
      <PageHeading title={t('training.assignment.title')} caption={a.isOwn ? title : `${a.person} · ${title}`} />
      <ErrorSummary errors={errors} />
      <AssignmentSection
        programme={a.programme}
        assignment={a.assignment}
        action={`/console/training/enrolments/${a.enrolment.id}/assignment`}
        canSubmit={a.canSubmit}
        fileHref={a.assignment?.file_key ? `/console/training/assignments/${a.assignment.id}/file` : undefined}
        values={values}
        errors={errors}
      />
      {a.canDecide && a.assignment ? <DecisionForm id={a.assignment.id} errors={errors} values={values} /> : null}
    </TrainingLayout>
  );
}

/** The reviewer's form: accept, or return with a comment the person is emailed. */
function DecisionForm({ id, values = {}, errors }: { id: number; values?: Values; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <form method="post" action={href(`/console/training/assignments/${id}/decide`)} class="panel" novalidate>
      <Csrf />
      <Choices
        type="radio"
        name="decision"
        legend={t('training.assignment.decision')}
        options={[
          { value: 'accept', label: t('training.assignment.accept') },
          { value: 'return', label: t('training.assignment.return') },
        ]}
        values={values.decision === undefined ? [] : [String(values.decision)]}
        errors={errors}
      />
      <TextArea
        name="comment"
        label={t('training.assignment.comment')}
        hint={t('training.assignment.comment_hint')}
        value={str(values.comment)}
        errors={errors}
        rows={4}
      />
      <button type="submit" class="button">
        {t('training.assignment.decide')}
      </button>
    </form>
  );
}

/** An offering's assignments for its trainers and the office: who, when, status; each opens for review. */
export function OfferingAssignmentsPage({ d }: { d: OfferingAssignments }) {
  const { t, href, lang } = usePage();
  const title = titleOf(lang, d.programme);
  return (
    <TrainingLayout title={t('training.assignment.list_title')}>
      <Breadcrumbs
        items={[
          { href: '/console/training', label: t('training.title') },
          { href: `/console/training/offerings/${d.offering.id}`, label: title },
          { label: t('training.assignment.list_title') },
        ]}
      />
      <PageHeading title={t('training.assignment.list_title')} caption={title} />
      {d.assignments.length === 0 ? (
        <p>{t('training.assignment.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('training.assignment.list_title')}</caption>
            <Head
              cols={[
                t('training.assignment.person'),
                t('training.assignment.submitted_at'),
                t('training.assignment.status'),
                t('training.field.actions'),
              ]}
            />
            <tbody>
              {d.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.person}
                    {a.public ? <span class="muted"> ({t('training.assignment.public')})</span> : null}
                  </th>
                  <td>
                    <When value={a.submitted_at} />
                  </td>
                  <td>
                    <AssignmentTag a={a} />
                  </td>
                  <td>
                    <a href={href(`/console/training/assignments/${a.id}`)}>{t('training.assignment.open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </TrainingLayout>
  );
}

/** One assignment for review: the brief, the person's text and file, and the decision form while it waits. */
export function ReviewAssignmentPage({
  d,
  a,
  values,
  errors,
}: {
  d: OfferingAssignments;
  a: OfferingAssignments['assignments'][number];
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const title = titleOf(lang, d.programme);
  return (
    <TrainingLayout title={t('training.assignment.title')}>
      <Breadcrumbs
        items={[
          { href: `/console/training/offerings/${d.offering.id}`, label: title },
          { href: `/console/training/offerings/${d.offering.id}/assignments`, label: t('training.assignment.list_title') },
          { label: a.person },
        ]}
      />
      <PageHeading title={t('training.assignment.title')} caption={`${a.person} · ${title}`} />
      <ErrorSummary errors={errors} />
      <h2>{t('training.assignment.brief')}</h2>
      <p class="prose">{lang === 'ar' ? d.programme.assignment_ar : d.programme.assignment_en}</p>
      <dl class="summary">
        <dt>{t('training.assignment.status')}</dt>
        <dd>
          <AssignmentTag a={a} />
        </dd>
        <dt>{t('training.assignment.submitted_at')}</dt>
        <dd>
          <When value={a.submitted_at} />
        </dd>
        {a.comment ? (
          <>
            <dt>{t('training.assignment.comment')}</dt>
            <dd>{a.comment}</dd>
          </>
        ) : null}
        {a.file_name ? (
          <>
            <dt>{t('training.assignment.file')}</dt>
            <dd>
              <a href={href(`/console/training/assignments/${a.id}/file`)}>{t('training.assignment.file_link', { name: a.file_name })}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('training.assignment.text')}</h2>
      <p class="prose" dir="auto">
        {a.text}
      </p>
      {a.status === 'submitted' ? <DecisionForm id={a.id} values={values} errors={errors} /> : null}
    </TrainingLayout>
  );
}
