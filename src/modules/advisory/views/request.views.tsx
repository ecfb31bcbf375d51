import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { COMMENT_EDIT_WINDOW_MS } from '../advisory.policy.ts';
import type { CommentRow, RequestRow } from '../advisory.repo.ts';
import { assignmentRoles, docTypes, priorities, requestTypes } from '../advisory.tables.ts';
import type { Workspace } from '../queue.service.ts';
import { slaTargets } from '../sla.ts';
import {
  AdvisoryLayout,
  clockLabel,
  Day,
  docTypeLabel,
  priorityLabel,
  responseLabel,
  roleLabel,
  StandingTag,
  StatusTag,
  severityLabel,
  str,
  typeLabel,
  urgencyLabel,
} from './common.tsx';
import { Meetings } from './meeting.views.tsx';

export type FormName =
  | 'document'
  | 'info'
  | 'answer'
  | 'decline'
  | 'accept'
  | 'assign'
  | 'comment'
  | 'task'
  | 'finding'
  | 'deliver'
  | 'close'
  | 'response'
  | 'followup'
  | 'meeting'
  | 'classify';
type Values = Record<string, unknown>;

export function RequestPage(p: { w: Workspace; form?: FormName; values?: Values; errors?: Errors }) {
  const { t, lang, href } = usePage();
  const { request: r, access } = p.w;
  const agency = p.w.agencies.get(r.agency_id);
  // Only the form that was sent shows what was typed.
  const valuesFor = (f: FormName): Values => (p.form === f ? (p.values ?? {}) : {});
  const f = { valuesFor, errors: p.errors };
  const lead = access.assignment?.role === 'lead';
  return (
    <AdvisoryLayout title={r.title}>
      <Breadcrumbs items={[{ href: '/console/advisory', label: t('advisory.title') }, { label: r.title }]} />
      <PageHeading title={r.title} caption={agency ? pick(lang, agency, 'name') : undefined} />
      <ErrorSummary errors={p.errors} />
      <Summary w={p.w} />
      {access.actForAgency && (r.status === 'submitted' || r.status === 'info_requested') ? (
        <p>
          <a class="button secondary" href={href(`/console/advisory/${r.id}/edit`)}>
            {t('advisory.edit.link')}
          </a>
        </p>
      ) : null}
      {access.office && r.status !== 'closed' && r.status !== 'declined' ? <Classify w={p.w} {...f} /> : null}
      <Clocks w={p.w} />
      {access.office && r.status === 'submitted' ? <Triage {...f} id={r.id} /> : null}
      <InfoRequests w={p.w} {...f} />
      <Team w={p.w} {...f} />
      <Documents w={p.w} {...f} />
      <Tasks w={p.w} {...f} />
      <Meetings w={p.w} values={valuesFor('meeting')} errors={p.errors} />
      <Findings w={p.w} />
      {lead && r.status === 'accepted' ? (
        <section aria-labelledby="deliver-h">
          <h2 id="deliver-h">{t('advisory.deliver.title')}</h2>
          <p>{t('advisory.deliver.lead')}</p>
          <form method="post" action={href(`/console/advisory/${r.id}/deliver`)} novalidate>
            <Csrf />
            <TextArea
              name="summary"
              label={t('advisory.field.summary')}
              hint={t('advisory.deliver.summary_hint')}
              value={str(valuesFor('deliver').summary)}
              errors={p.errors}
              rows={5}
            />
            <button type="submit" class="button">
              {t('advisory.deliver.button')}
            </button>
          </form>
        </section>
      ) : null}
      {r.status === 'delivered' || r.status === 'closed' ? (
        <section aria-labelledby="report-h">
          <h2 id="report-h">{t('advisory.report.title')}</h2>
          <p>{t('advisory.report.lead')}</p>
          <p>
            <a class="button secondary" href={href(`/console/advisory/${r.id}/report`)}>
              {t('advisory.report.open')}
            </a>
          </p>
        </section>
      ) : null}
      {access.actForAgency && r.status === 'delivered' ? <Closure id={r.id} {...f} /> : null}
      <Comments w={p.w} {...f} />
    </AdvisoryLayout>
  );
}

type FormProps = { valuesFor: (f: FormName) => Values; errors?: Errors };

function Summary({ w }: { w: Workspace }) {
  const { t, lang, href } = usePage();
  const r = w.request;
  return (
    <section aria-labelledby="summary-h">
      <h2 id="summary-h">{t('advisory.summary')}</h2>
      <dl class="summary">
        <dt>{t('advisory.field.status')}</dt>
        <dd>
          <StatusTag status={r.status} />
        </dd>
        <dt>{t('advisory.field.type')}</dt>
        <dd>{t(typeLabel[r.type])}</dd>
        <dt>{t('advisory.field.urgency')}</dt>
        <dd>{t(urgencyLabel[r.urgency])}</dd>
        <dt>{t('advisory.field.priority')}</dt>
        <dd>{r.priority ? t(priorityLabel[r.priority]) : '—'}</dd>
        <dt>{t('advisory.field.submitted_at')}</dt>
        <dd>
          <DateTime value={r.submitted_at} withTime /> — {r.submitted_by}
        </dd>
        <dt>{t('advisory.field.question')}</dt>
        <dd class="prewrap" dir="auto">
          {r.question}
        </dd>
        <dt>{t('advisory.field.services')}</dt>
        <dd>{w.services.length ? w.services.map((s) => `${pick(lang, s, 'name')} (${s.identifier})`).join('، ') : '—'}</dd>
        <dt>{t('advisory.field.initiatives')}</dt>
        <dd>
          {w.initiatives.length
            ? w.initiatives.map((i) => (
                <a key={i.id} href={href(`/console/plans/initiatives/${i.id}`)}>
                  {i.code} — {pick(lang, i, 'name')}{' '}
                </a>
              ))
            : '—'}
        </dd>
        <dt>{t('advisory.knowledge.in_search')}</dt>
        <dd>
          {t(r.anonymised ? 'advisory.knowledge.anonymised' : 'advisory.knowledge.named')}
          {w.access.office ? (
            <PostButton
              action={`/${lang}/console/advisory/${r.id}/anonymise`}
              label={t(r.anonymised ? 'advisory.knowledge.name_agency' : 'advisory.knowledge.anonymise')}
              tone="secondary"
              fields={{ anonymised: r.anonymised ? 'no' : 'yes' }}
            />
          ) : null}
        </dd>
        {r.decline_reason ? (
          <>
            <dt>{t('advisory.field.decline_reason')}</dt>
            <dd>{r.decline_reason}</dd>
          </>
        ) : null}
        {r.satisfaction ? (
          <>
            <dt>{t('advisory.field.satisfaction')}</dt>
            <dd>
              {t('advisory.satisfaction.of_five', { n: r.satisfaction })}
              {r.closure_comment ? ` — ${r.closure_comment}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** The SLA clocks of a request: target, working time used, due and state (the request's page and its report). */
export function Clocks({ w }: { w: Workspace }) {
  const { t, num } = usePage();
  const target = slaTargets[w.request.type];
  const hours = (ms: number) => num(Math.round(ms / 360_000) / 10);
  const rows = [
    { key: 'first', label: t('advisory.sla.first_response'), target: target.firstResponseHours, s: w.clocks.firstResponse },
    ...(w.clocks.delivery
      ? [{ key: 'delivery', label: t('advisory.sla.delivery'), target: target.deliveryHours, s: w.clocks.delivery }]
      : []),
  ];
  return (
    <section aria-labelledby="sla-h">
      <h2 id="sla-h">
        {t('advisory.sla.title')} <StandingTag standing={w.clocks.standing} />
      </h2>
      <p class="muted">{t('advisory.sla.explained')}</p>
      <DataTable
        caption={t('advisory.sla.title')}
        headers={[
          t('advisory.sla.clock'),
          t('advisory.sla.target'),
          t('advisory.sla.elapsed'),
          t('advisory.sla.due'),
          t('advisory.sla.state'),
        ]}
        empty={false}
      >
        {rows.map((c) => (
          <tr key={c.key}>
            <th scope="row">{c.label}</th>
            <td>{t('advisory.sla.hours', { hours: num(c.target) })}</td>
            <td>{t('advisory.sla.hours', { hours: hours(c.s.elapsedWorkingMs) })}</td>
            <td>
              <DateTime value={c.s.dueAt ? c.s.dueAt.toISOString() : null} withTime />
            </td>
            <td>{t(clockLabel[c.s.state])}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Triage({ id, valuesFor, errors }: FormProps & { id: number }) {
  const { t, href } = usePage();
  return (
    <section aria-labelledby="triage-h">
      <h2 id="triage-h">{t('advisory.triage.title')}</h2>
      <form method="post" action={href(`/console/advisory/${id}/accept`)} novalidate>
        <Csrf />
        <Select
          name="priority"
          label={t('advisory.field.priority')}
          value={str(valuesFor('accept').priority) ?? 'medium'}
          errors={errors}
          required
          options={priorities.map((x) => ({ value: x, label: t(priorityLabel[x]) }))}
        />
        <button type="submit" class="button">
          {t('advisory.triage.accept')}
        </button>
      </form>
      <form method="post" action={href(`/console/advisory/${id}/info`)} novalidate>
        <Csrf />
        <TextArea
          name="question"
          label={t('advisory.triage.info_question')}
          hint={t('advisory.triage.info_hint')}
          value={str(valuesFor('info').question)}
          errors={errors}
          rows={3}
          required
        />
        <button type="submit" class="button secondary">
          {t('advisory.triage.ask')}
        </button>
      </form>
      <form method="post" action={href(`/console/advisory/${id}/decline`)} novalidate>
        <Csrf />
        <TextArea
          name="reason"
          label={t('advisory.field.decline_reason')}
          value={str(valuesFor('decline').reason)}
          errors={errors}
          rows={3}
          required
        />
        <button type="submit" class="button danger">
          {t('advisory.triage.decline')}
        </button>
      </form>
    </section>
  );
}

function InfoRequests({ w, valuesFor, errors }: FormProps & { w: Workspace }) {
  const { t, href } = usePage();
  const r = w.request;
  if (w.pauses.length === 0) return null;
  return (
    <section aria-labelledby="info-h">
      <h2 id="info-h">{t('advisory.info.title')}</h2>
      <ol>
        {w.pauses.map((p) => (
          <li key={p.id}>
            <p>
              <strong>{t('advisory.info.asked')}</strong> <DateTime value={p.from_at} withTime />: {p.question}
            </p>
            {p.answer ? (
              <p>
                <strong>{t('advisory.info.answered')}</strong> <DateTime value={p.to_at} withTime />: {p.answer}
              </p>
            ) : (
              <p class="muted">{t('advisory.info.waiting')}</p>
            )}
          </li>
        ))}
      </ol>
      {w.access.actForAgency && r.status === 'info_requested' ? (
        <form method="post" action={href(`/console/advisory/${r.id}/answer`)} novalidate>
          <Csrf />
          <TextArea name="answer" label={t('advisory.info.answer')} value={str(valuesFor('answer').answer)} errors={errors} required />
          <button type="submit" class="button">
            {t('advisory.info.send')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Team({ w, valuesFor, errors }: FormProps & { w: Workspace }) {
  const { t, href, lang } = usePage();
  const r = w.request;
  const member = new Map(w.members.map((m) => [m.advisor.id, m]));
  const home = (id: number) => {
    const a = w.agencies.get(id);
    return a ? pick(lang, a, 'name') : '—';
  };
  const v = valuesFor('assign');
  const changeable = w.access.office && (r.status === 'accepted' || r.status === 'delivered');
  return (
    <section aria-labelledby="team-h">
      <h2 id="team-h">{t('advisory.assign.title')}</h2>
      <DataTable
        caption={t('advisory.assign.title')}
        headers={[
          t('advisory.field.advisor'),
          t('advisory.field.home_agency'),
          t('advisory.field.role'),
          t('advisory.field.exception_reason'),
          ...(changeable ? [{ hidden: t('advisory.actions') }] : []),
        ]}
        empty={w.assignments.length === 0}
      >
        {w.assignments.map((a) => {
          const m = member.get(a.advisor_id);
          return (
            <tr key={a.id}>
              <td>{m?.name ?? '—'}</td>
              <td>{m ? home(m.advisor.home_agency_id) : '—'}</td>
              <td>{t(roleLabel[a.role])}</td>
              <td>{a.exception_reason ?? '—'}</td>
              {changeable ? (
                <td>
                  <a href={href(`/console/advisory/${r.id}/assignments/${a.id}`)}>
                    {t(a.role === 'lead' ? 'advisory.reassign.link_lead' : 'advisory.reassign.link', { name: m?.name ?? '—' })}
                  </a>
                </td>
              ) : null}
            </tr>
          );
        })}
      </DataTable>
      {w.access.office && r.status === 'accepted' ? (
        <form method="post" action={href(`/console/advisory/${r.id}/assign`)} novalidate>
          <Csrf />
          <Select
            name="advisor_id"
            label={t('advisory.field.advisor')}
            hint={t('advisory.assign.hint')}
            blank=""
            value={str(v.advisor_id)}
            errors={errors}
            required
            options={w.members
              .filter((m) => m.advisor.active && !w.assignments.some((a) => a.advisor_id === m.advisor.id))
              .map((m) => ({
                value: String(m.advisor.id),
                label: t(m.advisor.home_agency_id === r.agency_id ? 'advisory.assign.option_conflicted' : 'advisory.assign.option', {
                  name: m.name,
                  agency: home(m.advisor.home_agency_id),
                  open: m.open,
                }),
              }))}
          />
          <Select
            name="role"
            label={t('advisory.field.role')}
            value={str(v.role) ?? (w.assignments.some((a) => a.role === 'lead') ? 'reviewer' : 'lead')}
            errors={errors}
            required
            options={assignmentRoles.map((x) => ({ value: x, label: t(roleLabel[x]) }))}
          />
          <TextArea
            name="exception_reason"
            label={t('advisory.field.exception_reason')}
            hint={t('advisory.assign.exception_hint')}
            value={str(v.exception_reason)}
            errors={errors}
            rows={2}
          />
          <button type="submit" class="button">
            {t('advisory.assign.button')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Tasks({ w, valuesFor, errors }: FormProps & { w: Workspace }) {
  const { t, href, lang } = usePage();
  const r = w.request;
  const canWork = (w.access.office || w.access.assignment !== null) && r.status === 'accepted';
  const name = (id: number | null) => w.members.find((m) => m.advisor.id === id)?.name ?? '—';
  const v = valuesFor('task');
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">{t('advisory.tasks.title')}</h2>
      <DataTable
        caption={t('advisory.tasks.title')}
        headers={[
          t('advisory.field.task'),
          t('advisory.field.owner'),
          t('advisory.field.due_on'),
          t('advisory.field.done'),
          { hidden: t('advisory.actions') },
        ]}
        empty={w.tasks.length === 0}
      >
        {w.tasks.map((k) => (
          <tr key={k.id}>
            <td>{k.title}</td>
            <td>{name(k.owner_advisor_id)}</td>
            <td>
              <Day value={k.due_on} />
            </td>
            <td>{k.done_at ? <DateTime value={k.done_at} /> : t('advisory.tasks.open')}</td>
            <td>
              {canWork && !k.done_at ? (
                <PostButton
                  action={`/${lang}/console/advisory/${r.id}/tasks/${k.id}/done`}
                  label={t('advisory.tasks.mark_done')}
                  tone="secondary"
                />
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {canWork ? (
        <form method="post" action={href(`/console/advisory/${r.id}/tasks`)} novalidate>
          <Csrf />
          <Field name="title" label={t('advisory.field.task')} value={str(v.title)} errors={errors} required />
          <Select
            name="owner_advisor_id"
            label={t('advisory.field.owner')}
            blank={t('advisory.tasks.no_owner')}
            value={str(v.owner_advisor_id)}
            errors={errors}
            options={w.assignments.map((a) => ({ value: String(a.advisor_id), label: name(a.advisor_id) }))}
          />
          <Field name="due_on" type="date" label={t('advisory.field.due_on')} value={str(v.due_on)} errors={errors} required />
          <button type="submit" class="button secondary">
            {t('advisory.tasks.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Findings({ w }: { w: Workspace }) {
  const { t, href } = usePage();
  const r = w.request;
  return (
    <section aria-labelledby="findings-h">
      <h2 id="findings-h">{t('advisory.findings.title')}</h2>
      <DataTable
        caption={t('advisory.findings.title')}
        headers={[
          t('advisory.field.finding'),
          t('advisory.field.severity'),
          t('advisory.field.reference'),
          t('advisory.field.response'),
          t('advisory.field.due_on'),
          t('advisory.field.followup'),
        ]}
        empty={w.findings.length === 0}
      >
        {w.findings.map((x) => (
          <tr key={x.id}>
            <td>
              <a href={href(`/console/advisory/${r.id}/findings/${x.id}`)}>{x.title}</a>
            </td>
            <td>{t(severityLabel[x.severity])}</td>
            <td>{x.reference}</td>
            <td>{x.response ? t(responseLabel[x.response]) : t('advisory.findings.awaiting')}</td>
            <td>
              <Day value={x.due_on} />
            </td>
            <td>
              {x.response && x.response !== 'reject'
                ? x.followup_closed_at
                  ? t('advisory.followup.closed')
                  : t('advisory.followup.open')
                : '—'}
            </td>
          </tr>
        ))}
      </DataTable>
      {w.access.assignment !== null && r.status === 'accepted' ? (
        <p>
          <a class="button secondary" href={href(`/console/advisory/${r.id}/findings/new`)}>
            {t('advisory.findings.add')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

function Closure({ id, valuesFor, errors }: FormProps & { id: number }) {
  const { t, href } = usePage();
  const v = valuesFor('close');
  return (
    <section aria-labelledby="close-h">
      <h2 id="close-h">{t('advisory.close.title')}</h2>
      <p>{t('advisory.close.lead')}</p>
      <form method="post" action={href(`/console/advisory/${id}/close`)} novalidate>
        <Csrf />
        <Choices
          type="radio"
          name="satisfaction"
          legend={t('advisory.field.satisfaction')}
          values={v.satisfaction ? [String(v.satisfaction)] : []}
          errors={errors}
          options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t('advisory.satisfaction.option', { n }) }))}
        />
        <TextArea name="comment" label={t('advisory.close.comment')} value={str(v.comment)} errors={errors} rows={3} />
        <button type="submit" class="button">
          {t('advisory.close.button')}
        </button>
      </form>
    </section>
  );
}

function Comments({ w, valuesFor, errors }: FormProps & { w: Workspace }) {
  const { t, href } = usePage();
  const r = w.request;
  const children = new Map<number | null, CommentRow[]>();
  for (const c of w.comments) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c]);
  const open = r.status !== 'closed' && r.status !== 'declined';
  const v = valuesFor('comment');
  return (
    <section aria-labelledby="comments-h">
      <h2 id="comments-h">{t('advisory.comments.title')}</h2>
      {w.comments.length === 0 ? <p>{t('advisory.comments.none')}</p> : <Thread of={null} children={children} w={w} />}
      {open ? (
        <form method="post" action={href(`/console/advisory/${r.id}/comments`)} novalidate>
          <Csrf />
          <Field
            name="anchor"
            label={t('advisory.field.anchor')}
            hint={t('advisory.field.anchor_hint')}
            value={str(v.anchor)}
            errors={errors}
          />
          <Select
            name="parent_id"
            label={t('advisory.field.reply_to')}
            blank={t('advisory.comments.new_thread')}
            value={str(v.parent_id)}
            errors={errors}
            options={w.comments.map((c) => ({
              value: String(c.id),
              label: t('advisory.comments.reply_option', { id: c.id, author: c.author_label }),
            }))}
          />
          <TextArea name="body" label={t('advisory.field.comment')} value={str(v.body)} errors={errors} required />
          <button type="submit" class="button secondary">
            {t('advisory.comments.post')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Thread({ of, children, w }: { of: number | null; children: Map<number | null, CommentRow[]>; w: Workspace }) {
  const { t, href } = usePage();
  const list = children.get(of) ?? [];
  if (list.length === 0) return null;
  const open = w.request.status !== 'closed' && w.request.status !== 'declined';
  return (
    <ol class="thread">
      {list.map((c) => {
        const history = w.commentEdits.filter((e) => e.comment_id === c.id);
        const editable =
          open && w.me !== null && c.author_user_id === w.me && w.now.getTime() - Date.parse(c.created_at) <= COMMENT_EDIT_WINDOW_MS;
        return (
          <li key={c.id} id={`comment-${c.id}`}>
            <p class="muted">
              {t('advisory.comments.by', { id: c.id, author: c.author_label })} — <DateTime value={c.created_at} withTime />
              {c.anchor ? ` — ${t('advisory.comments.on', { anchor: c.anchor })}` : ''}
              {c.edited_at ? ` — ${t('advisory.comments.edited')}` : ''}
              {editable ? (
                <>
                  {' — '}
                  <a href={href(`/console/advisory/${w.request.id}/comments/${c.id}/edit`)}>{t('advisory.comments.edit')}</a>
                </>
              ) : null}
            </p>
            <p class="prewrap" dir="auto">
              {c.body}
            </p>
            {history.length ? (
              <details>
                <summary>{t('advisory.comments.history')}</summary>
                <ol>
                  {history.map((e) => (
                    <li key={e.id}>
                      <p class="muted">
                        <DateTime value={e.edited_at} withTime />
                        {e.anchor ? ` — ${t('advisory.comments.on', { anchor: e.anchor })}` : ''}
                      </p>
                      <p class="prewrap" dir="auto">
                        {e.body}
                      </p>
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            <Thread of={c.id} children={children} w={w} />
          </li>
        );
      })}
    </ol>
  );
}

/** The office corrects the request's type and priority while it is open. */
function Classify({ w, valuesFor, errors }: FormProps & { w: Workspace }) {
  const { t, href } = usePage();
  const r = w.request;
  const v = valuesFor('classify');
  return (
    <section aria-labelledby="classify-h">
      <h2 id="classify-h">{t('advisory.classify.title')}</h2>
      <form method="post" action={href(`/console/advisory/${r.id}/classify`)} novalidate>
        <Csrf />
        <Select
          name="type"
          label={t('advisory.field.type')}
          hint={t('advisory.classify.hint')}
          value={str(v.type) ?? r.type}
          errors={errors}
          required
          options={requestTypes.map((x) => ({ value: x, label: t(typeLabel[x]) }))}
        />
        <Select
          name="priority"
          label={t('advisory.field.priority')}
          blank={t('advisory.classify.none')}
          value={str(v.priority) ?? r.priority ?? undefined}
          errors={errors}
          options={priorities.map((x) => ({ value: x, label: t(priorityLabel[x]) }))}
        />
        <button type="submit" class="button secondary">
          {t('advisory.classify.save')}
        </button>
      </form>
    </section>
  );
}

/** The author's edit of a comment, within the window; earlier wordings are kept. */
export function CommentEditPage(p: { request: RequestRow; comment: CommentRow; values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const r = p.request;
  const title = t('advisory.comments.edit_title', { id: p.comment.id });
  return (
    <AdvisoryLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { label: title },
        ]}
      />
      <PageHeading title={title} lead={t('advisory.comments.edit_lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/advisory/${r.id}/comments/${p.comment.id}/edit`)} novalidate>
        <Csrf />
        <Field
          name="anchor"
          label={t('advisory.field.anchor')}
          hint={t('advisory.field.anchor_hint')}
          value={str(p.values.anchor)}
          errors={p.errors}
        />
        <TextArea name="body" label={t('advisory.field.comment')} value={str(p.values.body)} errors={p.errors} required />
        <button type="submit" class="button">
          {t('advisory.comments.save')}
        </button>
      </form>
    </AdvisoryLayout>
  );
}

function Documents({ w, valuesFor, errors }: FormProps & { w: Workspace }) {
  const { t, href, lang, num } = usePage();
  const r = w.request;
  const open = r.status !== 'closed' && r.status !== 'declined';
  const latest = w.documents.filter((d) => !w.documents.some((x) => x.supersedes_id === d.id));
  const v = valuesFor('document');
  return (
    <section aria-labelledby="documents-h">
      <h2 id="documents-h">{t('advisory.documents.title')}</h2>
      <DataTable
        caption={t('advisory.documents.title')}
        headers={[
          t('advisory.field.doc_title'),
          t('advisory.field.doc_type'),
          t('advisory.documents.version'),
          t('advisory.documents.uploaded'),
          t('advisory.documents.size'),
        ]}
        empty={w.documents.length === 0}
      >
        {w.documents.map((d) => (
          <tr key={d.id}>
            <td>
              <a href={`/console/advisory/${r.id}/documents/${d.id}?lang=${lang}`} download>
                {d.title}
              </a>
            </td>
            <td>{t(docTypeLabel[d.doc_type])}</td>
            <td>{t('advisory.documents.version_n', { n: d.version })}</td>
            <td>
              {d.uploaded_by} — <DateTime value={d.uploaded_at} />
            </td>
            <td>{t('advisory.documents.kb', { kb: num(Math.max(1, Math.round(d.size / 1024))) })}</td>
          </tr>
        ))}
      </DataTable>
      {open ? (
        <form method="post" action={href(`/console/advisory/${r.id}/documents`)} encType="multipart/form-data" novalidate>
          <Csrf />
          <Select
            name="previous_id"
            label={t('advisory.field.previous_id')}
            blank={t('advisory.documents.new_document')}
            value={str(v.previous_id)}
            errors={errors}
            options={latest.map((d) => ({ value: String(d.id), label: t('advisory.documents.option', { title: d.title, n: d.version }) }))}
          />
          <Select
            name="doc_type"
            label={t('advisory.field.doc_type')}
            hint={t('advisory.documents.type_hint')}
            blank=""
            value={str(v.doc_type)}
            errors={errors}
            options={docTypes.map((x) => ({ value: x, label: t(docTypeLabel[x]) }))}
          />
          <Field
            name="doc_title"
            label={t('advisory.field.doc_title')}
            hint={t('advisory.documents.title_hint')}
            value={str(v.doc_title)}
            errors={errors}
          />
          <Field
            name="file"
            type="file"
            label={t('advisory.field.file')}
            hint={t('advisory.documents.file_hint')}
            errors={errors}
            accept=".pdf,.docx,.xlsx,.pptx"
            required
          />
          <button type="submit" class="button secondary">
            {t('advisory.documents.upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The office replaces an assigned advisor (same role) or takes a reviewer off the request, with the reason. */
export function AssignmentPage(p: { w: Workspace; assignmentId: number; form?: 'replace' | 'remove'; values?: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const { request: r } = p.w;
  const a = p.w.assignments.find((x) => x.id === p.assignmentId);
  const member = p.w.members.find((m) => m.advisor.id === a?.advisor_id);
  const name = member?.name ?? '—';
  const title = t('advisory.reassign.title', { name });
  const home = (id: number) => {
    const agency = p.w.agencies.get(id);
    return agency ? pick(lang, agency, 'name') : '—';
  };
  const v = p.values ?? {};
  const errs = (f: 'replace' | 'remove') => (p.form === f ? p.errors : undefined);
  const val = (f: 'replace' | 'remove') => (p.form === f ? v : {});
  return (
    <AdvisoryLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={a ? t(roleLabel[a.role]) : undefined} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/advisory/${r.id}/assignments/${p.assignmentId}/replace`)} novalidate>
        <Csrf />
        <h2>{t('advisory.reassign.replace')}</h2>
        <p class="hint">{t('advisory.reassign.replace_hint')}</p>
        <Select
          name="advisor_id"
          label={t('advisory.field.advisor')}
          hint={t('advisory.assign.hint')}
          blank=""
          value={str(val('replace').advisor_id)}
          errors={errs('replace')}
          required
          options={p.w.members
            .filter((m) => m.advisor.active && !p.w.assignments.some((x) => x.advisor_id === m.advisor.id))
            .map((m) => ({
              value: String(m.advisor.id),
              label: t(m.advisor.home_agency_id === r.agency_id ? 'advisory.assign.option_conflicted' : 'advisory.assign.option', {
                name: m.name,
                agency: home(m.advisor.home_agency_id),
                open: m.open,
              }),
            }))}
        />
        <TextArea
          name="exception_reason"
          label={t('advisory.field.exception_reason')}
          hint={t('advisory.assign.exception_hint')}
          value={str(val('replace').exception_reason)}
          errors={errs('replace')}
          rows={2}
        />
        <TextArea
          name="reason"
          label={t('advisory.field.reason')}
          value={str(val('replace').reason)}
          errors={errs('replace')}
          rows={2}
          required
        />
        <button type="submit" class="button">
          {t('advisory.reassign.button')}
        </button>
      </form>
      {a?.role === 'reviewer' ? (
        <form method="post" action={href(`/console/advisory/${r.id}/assignments/${p.assignmentId}/remove`)} novalidate>
          <Csrf />
          <h2>{t('advisory.reassign.remove')}</h2>
          <p class="hint">{t('advisory.reassign.remove_hint')}</p>
          <TextArea
            name="reason"
            label={t('advisory.field.reason')}
            value={str(val('remove').reason)}
            errors={errs('remove')}
            rows={2}
            required
          />
          <button type="submit" class="button danger">
            {t('advisory.reassign.remove_button')}
          </button>
        </form>
      ) : null}
    </AdvisoryLayout>
  );
}
