import type { MessageKey } from '../../../messages.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  PostButton,
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { CommentQueue, ConsoleDetail } from '../console.service.ts';
import { approvalKeys } from '../labels.ts';
import type { ConsultationRow } from '../participate.repo.ts';
import { type Approval, dispositions, type Phase, sourceFormats } from '../participate.tables.ts';
import { AnswerTimesTable, dispositionLabel, InitiativeList, Period, PhaseTag, Prose, statusLabel, useArticleName } from './common.tsx';
import { Downloads } from './public.views.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const title = (lang: Lang, c: { title_ar: string; title_en: string }) => pick(lang, c, 'title');

export function ConsoleListPage({
  items,
  agencies,
  canDraft,
}: {
  items: (ConsultationRow & { phase: Phase })[];
  agencies: Map<number, Agency>;
  canDraft: boolean;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <Layout title={t('participate.console.title')} nav="/console/consultations">
      <PageHeading title={t('participate.console.title')} lead={t('participate.console.lead')} />
      {canDraft ? (
        <p>
          <a class="button" href={href('/console/consultations/new')}>
            {t('participate.console.new')}
          </a>
        </p>
      ) : null}
      <DataTable
        caption={t('participate.console.title')}
        headers={[
          t('participate.field.title'),
          t('participate.agency'),
          t('participate.phase'),
          t('participate.approval.column'),
          t('participate.period'),
        ]}
        empty={items.length === 0}
      >
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <a href={href(`/console/consultations/${c.id}`)}>{title(lang, c)}</a>
            </td>
            <td>{agencies.get(c.agency_id) ? pick(lang, agencies.get(c.agency_id) as Agency, 'name') : ''}</td>
            <td>
              <PhaseTag phase={c.phase} />
            </td>
            <td>{c.status === 'draft' ? label(approvalKeys, c.approval) : ''}</td>
            <td>
              <Period c={c} />
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function DraftFormPage({
  c,
  agencies,
  values,
  errors,
}: {
  /** The draft being edited; none for a new one. */
  c?: ConsultationRow;
  agencies: Agency[];
  values: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const heading = c ? t('participate.console.edit') : t('participate.console.new');
  return (
    <Layout title={heading} nav="/console/consultations">
      <Breadcrumbs
        items={[
          { href: '/console/consultations', label: t('participate.console.title') },
          ...(c ? [{ href: `/console/consultations/${c.id}`, label: title(lang, c) }] : []),
          { label: heading },
        ]}
      />
      <PageHeading title={heading} />
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action={href(c ? `/console/consultations/${c.id}/edit` : '/console/consultations/new')}
        class="panel"
        enctype="multipart/form-data"
      >
        <Csrf />
        {c ? null : (
          <Select
            name="agency_id"
            label={t('participate.agency')}
            value={str(values.agency_id)}
            errors={errors}
            options={agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
            required
          />
        )}
        <Field
          name="title_ar"
          label={t('participate.field.title_ar')}
          value={str(values.title_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
          required
        />
        <Field
          name="title_en"
          label={t('participate.field.title_en')}
          value={str(values.title_en)}
          errors={errors}
          lang="en"
          dir="ltr"
          required
        />
        <TextArea
          name="summary_ar"
          label={t('participate.field.summary_ar')}
          value={str(values.summary_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
          rows={3}
          required
        />
        <TextArea
          name="summary_en"
          label={t('participate.field.summary_en')}
          value={str(values.summary_en)}
          errors={errors}
          lang="en"
          dir="ltr"
          rows={3}
          required
        />
        <Select
          name="source_format"
          label={t('participate.field.source_format')}
          value={str(values.source_format) ?? 'text'}
          errors={errors}
          options={sourceFormats.map((f) => ({
            value: f,
            label: t(
              f === 'text' ? 'participate.format.text' : f === 'markdown' ? 'participate.format.markdown' : 'participate.format.docx',
            ),
          }))}
        />
        <Field
          name="file"
          type="file"
          label={t('participate.field.file')}
          hint={t('participate.field.file_hint')}
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          errors={errors}
        />
        {c?.source_file_key ? (
          <p>
            <a href={href(`/console/consultations/${c.id}/source.docx`)}>
              {t('participate.field.source_original', { name: c.source_file_name ?? 'draft.docx' })}
            </a>
          </p>
        ) : null}
        <TextArea
          name="source_text"
          label={t('participate.field.source_text')}
          hint={t('participate.field.source_text_hint')}
          value={str(values.source_text)}
          errors={errors}
          dir="auto"
          rows={16}
        />
        <TextArea
          name="questions_ar"
          label={t('participate.field.questions_ar')}
          hint={t('participate.field.questions_hint')}
          value={str(values.questions_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
          rows={4}
        />
        <TextArea
          name="questions_en"
          label={t('participate.field.questions_en')}
          value={str(values.questions_en)}
          errors={errors}
          lang="en"
          dir="ltr"
          rows={4}
        />
        <Field name="opens_on" type="date" label={t('participate.field.opens_on')} value={str(values.opens_on)} errors={errors} required />
        <Field
          name="closes_on"
          type="date"
          label={t('participate.field.closes_on')}
          value={str(values.closes_on)}
          errors={errors}
          required
        />
        <Field
          name="audience_ar"
          label={t('participate.field.audience_ar')}
          hint={t('participate.field.audience_hint')}
          value={str(values.audience_ar)}
          errors={errors}
          lang="ar"
          dir="rtl"
        />
        <Field
          name="audience_en"
          label={t('participate.field.audience_en')}
          value={str(values.audience_en)}
          errors={errors}
          lang="en"
          dir="ltr"
        />
        <TextArea
          name="services"
          label={t('participate.field.services')}
          hint={t('participate.field.services_hint')}
          value={str(values.services)}
          errors={errors}
          dir="ltr"
          rows={3}
        />
        <TextArea
          name="initiatives"
          label={t('participate.field.initiatives')}
          hint={t('participate.field.initiatives_hint')}
          value={str(values.initiatives)}
          errors={errors}
          dir="ltr"
          rows={3}
        />
        <button type="submit" class="button">
          {t('participate.console.save_draft')}
        </button>
      </form>
    </Layout>
  );
}

const approvalLeads = {
  none: 'participate.approval.lead_none',
  submitted: 'participate.approval.lead_submitted',
  approved: 'participate.approval.lead_approved',
  returned: 'participate.approval.lead_returned',
} as const satisfies Record<Approval, MessageKey>;

export function ConsoleConsultationPage({ d, values = {}, errors }: { d: ConsoleDetail; values?: Values; errors?: Errors }) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const name = useArticleName();
  const c = d.consultation;
  return (
    <Layout title={title(lang, c)} nav="/console/consultations">
      <Breadcrumbs items={[{ href: '/console/consultations', label: t('participate.console.title') }, { label: title(lang, c) }]} />
      <PageHeading title={title(lang, c)} caption={pick(lang, d.agency, 'name')} />
      <p>
        <PhaseTag phase={d.phase} /> <Period c={c} />
      </p>
      <ErrorSummary errors={errors} />
      {c.status === 'draft' ? (
        <section class="panel" aria-labelledby="approval-h">
          <h2 id="approval-h">{t('participate.approval.title')}</h2>
          <p>
            <Tag
              tone={c.approval === 'returned' ? 'red' : c.approval === 'submitted' ? 'amber' : c.approval === 'none' ? 'grey' : undefined}
            >
              {label(approvalKeys, c.approval)}
            </Tag>{' '}
            {t(approvalLeads[c.approval])}
          </p>
          {c.approval === 'returned' && c.approval_comment ? (
            <div>
              <h3>{t('participate.approval.comment')}</h3>
              <Prose text={c.approval_comment} />
            </div>
          ) : null}
          {d.can.submit ? (
            <PostButton action={href(`/console/consultations/${c.id}/submit`)} label={t('participate.approval.submit')} />
          ) : null}
          {d.can.approve ? (
            <>
              <PostButton action={href(`/console/consultations/${c.id}/approve`)} label={t('participate.approval.approve')} />
              <form method="post" action={href(`/console/consultations/${c.id}/return`)} class="panel">
                <Csrf />
                <TextArea
                  name="comment"
                  label={t('participate.approval.return_comment')}
                  hint={t('participate.approval.return_hint')}
                  value={str(values.comment)}
                  errors={errors}
                  rows={3}
                  required
                />
                <button type="submit" class="button secondary">
                  {t('participate.approval.return')}
                </button>
              </form>
            </>
          ) : null}
        </section>
      ) : null}
      <ul class="cards">
        <li class="card">
          <h2>{t('participate.console.comments')}</h2>
          <span class="stat">{num(d.total)}</span>
          <p class="muted">{t('participate.console.undisposed', { n: num(d.undisposed) })}</p>
          <a href={href(`/console/consultations/${c.id}/comments`)}>{t('participate.console.open_queue')}</a>
        </li>
      </ul>
      {c.status !== 'draft' ? <AnswerTimesTable times={d.times} /> : null}
      <InitiativeList items={d.initiatives} heading={t('participate.initiatives.title')} id="initiatives-h" />
      <div class="actions">
        {d.can.edit ? <a href={href(`/console/consultations/${c.id}/edit`)}>{t('participate.console.edit')}</a> : null}
        {d.can.publish ? (
          <PostButton
            action={href(`/console/consultations/${c.id}/publish`)}
            label={t('participate.console.publish')}
            confirm={t('participate.console.publish_confirm')}
          />
        ) : null}
        {d.can.complete ? (
          <PostButton
            action={href(`/console/consultations/${c.id}/complete`)}
            label={t('participate.console.complete')}
            confirm={t('participate.console.complete_confirm')}
          />
        ) : null}
        {c.status !== 'draft' ? <a href={href(`/consultations/${c.id}`)}>{t('participate.console.public_page')}</a> : null}
        {c.status === 'completed' ? <a href={href(`/consultations/${c.id}/report`)}>{t('participate.report.read')}</a> : null}
      </div>
      {c.status !== 'draft' ? <Downloads id={c.id} /> : null}
      {d.can.final ? (
        <section aria-labelledby="final-h">
          <h2 id="final-h">{t('participate.console.final')}</h2>
          <p>{t('participate.console.final_lead')}</p>
          <form method="post" action={href(`/console/consultations/${c.id}/final`)} class="panel">
            <Csrf />
            <TextArea
              name="final_text"
              label={t('participate.field.final_text')}
              value={str(values.final_text ?? c.final_text ?? c.source_text)}
              errors={errors}
              dir="auto"
              rows={16}
              required
            />
            <TextArea
              name="report_ar"
              label={t('participate.field.report_ar')}
              value={str(values.report_ar ?? c.report_ar)}
              errors={errors}
              lang="ar"
              dir="rtl"
              rows={4}
              required
            />
            <TextArea
              name="report_en"
              label={t('participate.field.report_en')}
              value={str(values.report_en ?? c.report_en)}
              errors={errors}
              lang="en"
              dir="ltr"
              rows={4}
              required
            />
            <button type="submit" class="button">
              {t('participate.console.save_final')}
            </button>
          </form>
        </section>
      ) : null}
      <h2>{t('participate.text')}</h2>
      {d.articles.map((a) => {
        const v = d.tally.get(a.id) ?? { agree: 0, disagree: 0 };
        return (
          <section key={a.id} aria-labelledby={`article-${a.position}-h`} class="article">
            <h3 id={`article-${a.position}-h`}>{name(a)}</h3>
            <Prose text={a.body} />
            <p class="muted">
              {t('participate.console.comments')}: {num(d.commentCount.get(a.id) ?? 0)} ·{' '}
              {t('participate.tally', { agree: num(v.agree), disagree: num(v.disagree) })}
            </p>
          </section>
        );
      })}
      {d.questions.length ? (
        <>
          <h2>{t('participate.questions')}</h2>
          <ol>
            {d.questions.map((q) => (
              <li key={q.id}>{pick(lang, q, 'text')}</li>
            ))}
          </ol>
        </>
      ) : null}
    </Layout>
  );
}

/** Field names of one comment's forms carry its id (`c12-d-reason`), so every label and error on the queue is unique. */
export const fieldPrefix = (commentId: number, form: 'd' | 'm') => `c${commentId}-${form}-`;

export function CommentsPage({
  q,
  values = {},
  errors,
  errorFor,
}: {
  q: CommentQueue;
  values?: Values;
  errors?: Errors;
  errorFor?: { id: number; form: 'd' | 'm' };
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const name = useArticleName();
  const c = q.consultation;
  const articleName = new Map(q.articles.map((a) => [a.id, name(a)]));
  const questionName = new Map(q.questions.map((x) => [x.id, t('participate.target.question', { n: num(x.position) })]));
  return (
    <Layout title={t('participate.console.queue_title', { title: title(lang, c) })} nav="/console/consultations">
      <Breadcrumbs
        items={[
          { href: '/console/consultations', label: t('participate.console.title') },
          { href: `/console/consultations/${c.id}`, label: title(lang, c) },
          { label: t('participate.console.comments') },
        ]}
      />
      <PageHeading title={t('participate.console.queue_title', { title: title(lang, c) })} lead={t('participate.console.queue_lead')} />
      <p>
        <PhaseTag phase={q.phase} /> {t('participate.console.undisposed', { n: num(q.undisposed) })}
      </p>
      <FilterForm action={`/console/consultations/${c.id}/comments`}>
        <Select
          name="show"
          label={t('participate.console.show')}
          value={q.show}
          options={[
            { value: 'all', label: t('participate.console.show_all') },
            { value: 'undisposed', label: t('participate.console.show_undisposed') },
            { value: 'moderation', label: t('participate.console.show_moderation') },
          ]}
        />
      </FilterForm>
      {q.comments.length === 0 ? <p>{t('list.empty')}</p> : null}
      <ol class="comments">
        {q.comments.map((m) => {
          const mine = (form: 'd' | 'm') => errorFor?.id === m.id && errorFor.form === form;
          const pre = (form: 'd' | 'm') => fieldPrefix(m.id, form);
          const errsOf = (form: 'd' | 'm') =>
            mine(form) ? errors?.map((e) => (e.field === '_' ? e : { ...e, field: `${pre(form)}${e.field}` })) : undefined;
          const dErrs = errsOf('d');
          const mErrs = errsOf('m');
          const v = errorFor?.id === m.id ? values : {};
          return (
            <li key={m.id} id={`comment-${m.id}`}>
              <h2>{t('participate.comment_no', { n: num(m.id, { useGrouping: false }) })}</h2>
              <p class="muted">
                {m.author_name} &lt;<span dir="ltr">{m.author_email}</span>&gt; ·{' '}
                {t(m.display === 'anonymous' ? 'participate.console.shown_anonymous' : 'participate.console.shown_named')} ·{' '}
                <DateTime value={m.created_at} withTime /> ·{' '}
                {m.article_id
                  ? articleName.get(m.article_id)
                  : m.question_id
                    ? questionName.get(m.question_id)
                    : t('participate.target.whole')}
              </p>
              <p>
                <Tag tone={m.status === 'visible' ? undefined : 'red'}>{label(statusLabel, m.status)}</Tag>{' '}
                {m.reports ? t('participate.console.reports', { n: num(m.reports) }) : null}
                {m.status !== 'visible' ? ` · ${m.moderation_reason ?? t('participate.moderation.hidden_by_reports_reason')}` : null}
              </p>
              <Prose text={m.body} />
              {m.disposition ? (
                <p>
                  <strong>{label(dispositionLabel, m.disposition)}</strong>: {m.disposition_reason}
                </p>
              ) : null}
              <ErrorSummary errors={dErrs ?? mErrs} />
              {q.can.dispose ? (
                <form method="post" action={href(`/console/consultations/comments/${m.id}/disposition`)} class="panel">
                  <Csrf />
                  <Select
                    name={`${pre('d')}disposition`}
                    label={t('participate.field.disposition')}
                    value={str(v.disposition) ?? m.disposition ?? undefined}
                    errors={dErrs}
                    blank=""
                    options={dispositions.map((k) => ({ value: k, label: label(dispositionLabel, k) }))}
                  />
                  <TextArea
                    name={`${pre('d')}reason`}
                    label={t('participate.field.reason')}
                    value={(mine('d') ? str(v.reason) : undefined) ?? m.disposition_reason ?? undefined}
                    errors={dErrs}
                    rows={2}
                  />
                  <button type="submit" class="button">
                    {t('participate.console.save_disposition')}
                  </button>
                </form>
              ) : null}
              {q.can.moderate ? (
                <form method="post" action={href(`/console/consultations/comments/${m.id}/moderate`)} class="panel">
                  <Csrf />
                  <Select
                    name={`${pre('m')}action`}
                    label={t('participate.field.moderation_action')}
                    value={mine('m') ? str(v.action) : undefined}
                    errors={mErrs}
                    options={[
                      { value: 'hide', label: t('participate.moderation.hide') },
                      { value: 'restore', label: t('participate.moderation.restore') },
                      { value: 'remove', label: t('participate.moderation.remove') },
                    ]}
                  />
                  <Field
                    name={`${pre('m')}reason`}
                    label={t('participate.field.moderation_reason')}
                    hint={t('participate.field.moderation_reason_hint')}
                    value={mine('m') ? str(v.reason) : undefined}
                    errors={mErrs}
                  />
                  <button type="submit" class="button secondary">
                    {t('participate.console.moderate')}
                  </button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Pagination page={q.page} hasNext={q.hasNext} query={{ show: q.show }} />
    </Layout>
  );
}
