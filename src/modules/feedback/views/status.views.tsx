import { formatNumber, keyFor, pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, DateTime, ErrorSummary, type Errors, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { AttachmentRow, CaseRow, EventRow } from '../cases.repo.ts';
import { REOPEN_DAYS } from '../cases.service.ts';
import { attachmentFromLabel, clockLabel, eventLabel, kindLabel, resolutionLabel, statusHelpLabel } from '../feedback.labels.ts';
import { AttachmentField, Honeypot, Paragraphs, ScaleQuestion, StatusTag } from './parts.tsx';

const data = (e: EventRow) => (e.data_json ? (JSON.parse(e.data_json) as Record<string, string | number | null>) : {});

/** One line of a case's timeline in words (the agency's name stands for its staff on the public page). */
export function useEventTitle() {
  const { t } = usePage();
  return (e: EventRow) => {
    const d = data(e);
    const clock = d.clock ? keyFor(clockLabel, String(d.clock)) : undefined;
    return t(eventLabel[e.kind], {
      tracking: String(d.into ?? d.from ?? ''),
      name: String(d.name ?? '—'),
      clock: clock ? t(clock) : '',
      score: Number(d.score ?? 0),
    });
  };
}

export function AttachmentList({ items, link }: { items: AttachmentRow[]; link: (a: AttachmentRow) => string }) {
  const { t, lang } = usePage();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="att-h">
      <h2 id="att-h">{t('feedback.attachments')}</h2>
      <ul>
        {items.map((a, i) => (
          <li key={a.id}>
            <a href={link(a)}>
              {t('feedback.attachment_n', {
                n: i + 1,
                kind: a.ext.toUpperCase(),
                size: formatNumber(lang, Math.max(1, Math.round(a.size / 1024))),
              })}
            </a>{' '}
            <span class="muted">
              {t(attachmentFromLabel[a.source])} — <DateTime value={a.created_at} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The beneficiary's page for their case, reached by its signed link: status, replies and a reply box. */
export function StatusPage(p: {
  case: CaseRow;
  agency?: Agency;
  serviceName?: string;
  events: EventRow[];
  attachments: AttachmentRow[];
  mergedInto?: { tracking_no: string; url: string };
  token: string;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, lang, href } = usePage();
  const c = p.case;
  const title = useEventTitle();
  const q = `t=${encodeURIComponent(p.token)}`;
  const base = href(`/feedback/cases/${c.tracking_no}`);
  const canReply = c.status !== 'merged';
  return (
    <Layout title={t('feedback.status.title', { tracking: c.tracking_no })} nav="/feedback/new">
      <PageHeading title={t('feedback.status.title', { tracking: c.tracking_no })} lead={t('feedback.status.lead')} />
      <ErrorSummary errors={p.errors} />
      <dl class="summary">
        <dt>{t('feedback.status.status')}</dt>
        <dd>
          <StatusTag status={c.status} /> <span>{t(statusHelpLabel[c.status])}</span>
        </dd>
        <dt>{t('feedback.field.kind')}</dt>
        <dd>{t(kindLabel[c.kind])}</dd>
        <dt>{t('feedback.field.agency')}</dt>
        <dd>{p.agency ? pick(lang, p.agency, 'name') : '—'}</dd>
        {p.serviceName ? (
          <>
            <dt>{t('feedback.field.service')}</dt>
            <dd>{p.serviceName}</dd>
          </>
        ) : null}
        <dt>{t('feedback.field.subject')}</dt>
        <dd>{c.subject}</dd>
        <dt>{t('feedback.status.submitted')}</dt>
        <dd>
          <DateTime value={c.created_at} withTime />
        </dd>
        {c.first_due_at && c.first_response_ms === null ? (
          <>
            <dt>{t('feedback.status.first_due')}</dt>
            <dd>
              <DateTime value={c.first_due_at} withTime />
            </dd>
          </>
        ) : null}
        {c.res_due_at && !c.resolved_at ? (
          <>
            <dt>{t('feedback.status.res_due')}</dt>
            <dd>
              <DateTime value={c.res_due_at} withTime />
            </dd>
          </>
        ) : null}
        {c.resolution_code ? (
          <>
            <dt>{t('feedback.status.resolution')}</dt>
            <dd>{t(resolutionLabel[c.resolution_code])}</dd>
          </>
        ) : null}
      </dl>
      {p.mergedInto ? (
        <div class="notice" role="note">
          {t('feedback.status.merged', { tracking: p.mergedInto.tracking_no })}{' '}
          <a href={p.mergedInto.url}>{t('feedback.status.merged_link', { tracking: p.mergedInto.tracking_no })}</a>
        </div>
      ) : null}
      {c.status === 'resolved' && c.survey_score === null ? (
        <p>
          <a href={`${base}/survey?${q}`}>{t('feedback.status.survey')}</a>
        </p>
      ) : null}
      <section aria-labelledby="msg-h">
        <h2 id="msg-h">{t('feedback.status.your_message')}</h2>
        <Paragraphs text={c.body} />
      </section>
      <AttachmentList items={p.attachments} link={(a) => `/feedback/cases/${c.tracking_no}/attachments/${a.id}?${q}`} />
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">{t('feedback.timeline.title')}</h2>
        <ol>
          {p.events.map((e) => (
            <li key={e.id} class="panel">
              <p>
                <strong>{title(e)}</strong> — <DateTime value={e.created_at} withTime />
              </p>
              {e.body && e.kind !== 'submitted' ? <Paragraphs text={e.body} /> : null}
            </li>
          ))}
        </ol>
      </section>
      {canReply ? (
        <form method="post" action={`${base}/reply?${q}`} encType="multipart/form-data" class="stack panel">
          <Csrf />
          <h2>{t('feedback.reply.title')}</h2>
          {c.status === 'resolved' ? <p class="hint">{t('feedback.reply.reopen_hint', { days: REOPEN_DAYS })}</p> : null}
          <TextArea
            name="body"
            label={t('feedback.reply.body')}
            rows={5}
            value={typeof p.values?.body === 'string' ? p.values.body : undefined}
            required
            errors={p.errors}
          />
          <AttachmentField errors={p.errors} />
          <Honeypot />
          <button type="submit" class="button">
            {t('feedback.reply.submit')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** The one question after resolution. */
export function SurveyPage(p: { case: CaseRow; token: string; errors?: Errors }) {
  const { t, href } = usePage();
  const c = p.case;
  const done = c.survey_score !== null;
  return (
    <Layout title={t('feedback.survey.title')} nav="/feedback/new">
      <PageHeading title={t('feedback.survey.title')} caption={t('feedback.status.title', { tracking: c.tracking_no })} />
      <ErrorSummary errors={p.errors} />
      {done ? (
        <p class="lead">{t('feedback.survey.done')}</p>
      ) : (
        <form
          method="post"
          action={`${href(`/feedback/cases/${c.tracking_no}/survey`)}?t=${encodeURIComponent(p.token)}`}
          class="stack panel"
        >
          <Csrf />
          <ScaleQuestion name="score" legend={t('feedback.survey.question')} errors={p.errors} />
          <button type="submit" class="button">
            {t('feedback.survey.submit')}
          </button>
        </form>
      )}
      <p>
        <a href={`${href(`/feedback/cases/${c.tracking_no}`)}?t=${encodeURIComponent(p.token)}`}>{t('feedback.survey.back')}</a>
      </p>
    </Layout>
  );
}
