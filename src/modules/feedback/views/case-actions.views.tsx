import { pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, type Errors, Field, Select, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { Agency } from '../../identity/public.ts';
import { resolutionLabel } from '../feedback.labels.ts';
import { resolutionCodes } from '../feedback.tables.ts';
import type { TemplateRow } from '../settings.repo.ts';
import type { CaseData } from './case.views.tsx';
import { AttachmentField } from './parts.tsx';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The forms that act on a case; each posts to its own address and comes back here. */
export function CaseActions(p: {
  data: CaseData;
  templates: TemplateRow[];
  agencies: Agency[];
  replyDraft?: string;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, lang, href } = usePage();
  const c = p.data.case;
  const v = p.values ?? {};
  const base = href(`/console/feedback/cases/${c.id}`);
  const active = c.status !== 'merged';
  const open = active && c.status !== 'resolved';
  return (
    <>
      {active ? (
        <section aria-labelledby="reply-h" class="panel">
          <h2 id="reply-h">{t('feedback.action.reply')}</h2>
          {p.templates.length ? (
            <form method="get" action={base} class="filters">
              <Select
                name="template"
                label={t('feedback.field.template')}
                blank={t('feedback.field.template_none')}
                options={p.templates.map((tp) => ({ value: String(tp.id), label: pick(lang, tp, 'title') }))}
              />
              <button type="submit" class="button secondary">
                {t('feedback.action.use_template')}
              </button>
            </form>
          ) : null}
          <form method="post" action={`${base}/reply`} encType="multipart/form-data" class="stack">
            <Csrf />
            <TextArea
              name="reply_body"
              label={t('feedback.field.reply_body')}
              hint={t('feedback.field.reply_hint')}
              rows={6}
              value={str(v.reply_body) ?? p.replyDraft}
              errors={p.errors}
            />
            <AttachmentField errors={p.errors} staff />
            {open ? (
              <div class="choice">
                <input type="checkbox" id="f-waiting" name="waiting" value="on" checked={c.status === 'waiting'} />
                <label for="f-waiting">{t('feedback.field.waiting')}</label>
              </div>
            ) : null}
            <button type="submit" class="button">
              {t('feedback.action.send_reply')}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="note-h" class="panel">
        <h2 id="note-h">{t('feedback.action.note')}</h2>
        <form method="post" action={`${base}/note`} class="stack">
          <Csrf />
          <TextArea name="note_body" label={t('feedback.field.note_body')} rows={3} value={str(v.note_body)} errors={p.errors} />
          <button type="submit" class="button secondary">
            {t('feedback.action.add_note')}
          </button>
        </form>
      </section>
      {active ? (
        <section aria-labelledby="assign-h" class="panel">
          <h2 id="assign-h">{t('feedback.action.assign')}</h2>
          <form method="post" action={`${base}/assign`} class="filters">
            <Csrf />
            <Select
              name="user_id"
              label={t('feedback.field.assignee')}
              value={String(c.assigned_to ?? 0)}
              errors={p.errors}
              options={[
                { value: '0', label: t('feedback.inbox.unassigned') },
                ...p.data.colleagues.map((u) => ({ value: String(u.id), label: u.name })),
              ]}
            />
            <button type="submit" class="button secondary">
              {t('feedback.action.assign_submit')}
            </button>
          </form>
        </section>
      ) : null}
      {open ? (
        <section aria-labelledby="resolve-h" class="panel">
          <h2 id="resolve-h">{t('feedback.action.resolve')}</h2>
          <form method="post" action={`${base}/resolve`} class="stack">
            <Csrf />
            <Select
              name="code"
              label={t('feedback.field.resolution_code')}
              value={str(v.code)}
              errors={p.errors}
              options={resolutionCodes.map((r) => ({ value: r, label: t(resolutionLabel[r]) }))}
            />
            <TextArea
              name="resolution_body"
              label={t('feedback.field.resolution_body')}
              rows={4}
              value={str(v.resolution_body)}
              errors={p.errors}
            />
            <button type="submit" class="button">
              {t('feedback.action.resolve_submit')}
            </button>
          </form>
        </section>
      ) : null}
      {active ? (
        <section aria-labelledby="merge-h" class="panel">
          <h2 id="merge-h">{t('feedback.action.merge')}</h2>
          {p.data.samePerson.length ? (
            <ul>
              {p.data.samePerson.map((s) => (
                <li key={s.id}>
                  <a href={href(`/console/feedback/cases/${s.id}`)} class="ltr">
                    {s.tracking_no}
                  </a>{' '}
                  — {s.subject}
                </li>
              ))}
            </ul>
          ) : null}
          <form method="post" action={`${base}/merge`} class="filters">
            <Csrf />
            <Field
              name="into"
              label={t('feedback.field.merge_into')}
              hint={t('feedback.field.merge_hint')}
              value={str(v.into)}
              dir="ltr"
              errors={p.errors}
            />
            <button type="submit" class="button secondary">
              {t('feedback.action.merge_submit')}
            </button>
          </form>
        </section>
      ) : null}
      {open ? (
        <section aria-labelledby="reroute-h" class="panel">
          <h2 id="reroute-h">{t('feedback.action.reroute')}</h2>
          {p.data.reroute ? (
            <p>
              {t('feedback.case.reroute_pending', {
                agency: pick(lang, p.agencies.find((a) => a.id === p.data.reroute?.to_agency_id) ?? {}, 'name'),
              })}
            </p>
          ) : (
            <form method="post" action={`${base}/reroute`} class="stack">
              <Csrf />
              <Select
                name="to_agency_id"
                label={t('feedback.field.reroute_to')}
                value={str(v.to_agency_id)}
                errors={p.errors}
                options={p.agencies.filter((a) => a.id !== c.agency_id).map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
              />
              <TextArea name="reason" label={t('feedback.field.reroute_reason')} rows={3} value={str(v.reason)} errors={p.errors} />
              <button type="submit" class="button secondary">
                {t('feedback.action.reroute_submit')}
              </button>
            </form>
          )}
        </section>
      ) : null}
    </>
  );
}
