import { keyFor, pick } from '../../../platform/i18n/i18n.ts';
import { formatPhone } from '../../../platform/phone/phone.ts';
import { DateTime, ErrorSummary, type Errors, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { categoryLabel, kindLabel, notifyByLabel, resolutionLabel, scaleLabel } from '../feedback.labels.ts';
import type { getCase } from '../inbox.service.ts';
import type { TemplateRow } from '../settings.repo.ts';
import type { SlaStatus } from '../sla/clock.ts';
import { CaseActions } from './case-actions.views.tsx';
import { FeedbackNav, Paragraphs, SlaTag, StatusTag } from './parts.tsx';
import { AttachmentList, useEventTitle } from './status.views.tsx';

export type CaseData = Awaited<ReturnType<typeof getCase>>;

function Clock({ label, s }: { label: string; s: SlaStatus | null }) {
  const { t, num } = usePage();
  if (!s) return null;
  const hours = (ms: number) => num(Math.round((ms / 3_600_000) * 10) / 10);
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <SlaTag state={s.state} />
      </td>
      <td>{s.dueAt ? <DateTime value={s.dueAt.toISOString()} withTime /> : <span class="muted">—</span>}</td>
      <td class="num">{t('feedback.sla.used', { used: hours(s.elapsedWorkingMs), target: hours(s.elapsedWorkingMs + s.remainingMs) })}</td>
    </tr>
  );
}

/** A case as its agency sees it: contact details, clocks, the whole timeline with internal notes, and every action. */
export function CasePage(p: {
  data: CaseData;
  templates: TemplateRow[];
  agencies: Agency[];
  replyDraft?: string;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, lang, href } = usePage();
  const { case: c, clocks } = p.data;
  const title = useEventTitle();
  const label = useLabel();
  const scale = c.survey_score !== null ? keyFor(scaleLabel, c.survey_score) : undefined;
  return (
    <Layout title={t('feedback.status.title', { tracking: c.tracking_no })} nav="/console/feedback">
      <FeedbackNav current="/console/feedback" />
      <PageHeading
        title={t('feedback.status.title', { tracking: c.tracking_no })}
        caption={p.data.agency ? pick(lang, p.data.agency, 'name') : undefined}
      />
      <ErrorSummary errors={p.errors} />
      <dl class="summary">
        <dt>{t('feedback.status.status')}</dt>
        <dd>
          <StatusTag status={c.status} />
          {c.reopen_count ? <span class="muted"> {t('feedback.case.reopened_n', { count: c.reopen_count })}</span> : null}
        </dd>
        <dt>{t('feedback.field.kind')}</dt>
        <dd>
          {label(kindLabel, c.kind)} · {label(categoryLabel, c.category)}
        </dd>
        {p.data.service ? (
          <>
            <dt>{t('feedback.field.service')}</dt>
            <dd>
              <a href={href(`/services/${p.data.service.identifier}`)}>{pick(lang, p.data.service, 'name')}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('feedback.status.submitted')}</dt>
        <dd>
          <DateTime value={c.created_at} withTime />
        </dd>
        <dt>{t('feedback.case.contact')}</dt>
        <dd>
          {c.contact_name ? <div>{c.contact_name}</div> : null}
          {c.contact_email ? (
            <div>
              <a href={`mailto:${c.contact_email}`} class="ltr">
                {c.contact_email}
              </a>
            </div>
          ) : null}
          {c.contact_phone ? (
            <div>
              <span class="ltr">{formatPhone(c.contact_phone)}</span>
            </div>
          ) : null}
          <div class="muted">{label(notifyByLabel, c.notify_by)}</div>
        </dd>
        <dt>{t('feedback.inbox.assigned')}</dt>
        <dd>{p.data.colleagues.find((u) => u.id === c.assigned_to)?.name ?? t('feedback.inbox.unassigned')}</dd>
        {c.resolution_code ? (
          <>
            <dt>{t('feedback.status.resolution')}</dt>
            <dd>{label(resolutionLabel, c.resolution_code)}</dd>
          </>
        ) : null}
        {c.survey_score !== null ? (
          <>
            <dt>{t('feedback.case.survey')}</dt>
            <dd>{scale ? t(scale) : c.survey_score}</dd>
          </>
        ) : null}
      </dl>
      {p.data.mergedInto ? (
        <div class="notice" role="note">
          <a href={href(`/console/feedback/cases/${p.data.mergedInto.id}`)}>
            {t('feedback.status.merged_link', { tracking: p.data.mergedInto.tracking_no })}
          </a>
        </div>
      ) : null}
      {c.status !== 'merged' ? (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('feedback.sla.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.sla.clock')}</th>
                <th scope="col">{t('feedback.status.status')}</th>
                <th scope="col">{t('feedback.inbox.due')}</th>
                <th scope="col" class="num">
                  {t('feedback.sla.working_hours')}
                </th>
              </tr>
            </thead>
            <tbody>
              <Clock label={t('feedback.clock.first')} s={clocks.first} />
              <Clock label={t('feedback.clock.resolution')} s={clocks.resolution} />
            </tbody>
          </table>
        </div>
      ) : null}
      <section aria-labelledby="body-h">
        <h2 id="body-h">{c.subject}</h2>
        <Paragraphs text={c.body} />
      </section>
      <AttachmentList items={p.data.attachments} link={(a) => `/console/feedback/cases/${c.id}/attachments/${a.id}`} />
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">{t('feedback.timeline.title')}</h2>
        <ol>
          {p.data.events.map((e) => (
            <li key={e.id} class="panel">
              <p>
                <strong>{title(e)}</strong>
                {e.author_type === 'staff' && e.author_label ? ` — ${e.author_label}` : ''} — <DateTime value={e.created_at} withTime />{' '}
                {e.visibility === 'internal' ? <span class="tag grey">{t('feedback.case.internal')}</span> : null}
              </p>
              {e.body && e.kind !== 'submitted' ? <Paragraphs text={e.body} /> : null}
            </li>
          ))}
        </ol>
      </section>
      <CaseActions
        data={p.data}
        templates={p.templates}
        agencies={p.agencies}
        replyDraft={p.replyDraft}
        values={p.values}
        errors={p.errors}
      />
    </Layout>
  );
}
