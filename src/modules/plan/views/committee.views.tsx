import type { MessageKey } from '../../../messages.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import {
  type ActionRow,
  type ActionState,
  type AttendanceRate,
  type AttendanceRow,
  actionState,
  type CommitteeRow,
  type MeetingRow,
  type MemberRow,
} from '../committees.service.ts';
import { attendanceStatuses } from '../plan.tables.ts';
import { Day, Head, NameFields, nameOf, PlanLayout, usePct } from './common.tsx';

// Agencies' e-transactions committees: the office's list, an agency's committee page (members,
// meetings, actions, and the administrator's forms) and a meeting's page (agenda, minutes, decisions).
// Every form is a plain POST: no script needed.

type Values = Record<string, unknown>;
type Agency = { id: number; name_ar: string; name_en: string };
type Account = { id: number; name: string; email: string };
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

const stateLabel = {
  open: 'plan.committee.action.state.open',
  done: 'plan.committee.action.state.done',
  overdue: 'plan.committee.action.state.overdue',
} as const satisfies Record<ActionState, MessageKey>;

const attendanceLabel = {
  present: 'plan.committee.attendance.status.present',
  absent: 'plan.committee.attendance.status.absent',
  excused: 'plan.committee.attendance.status.excused',
} as const satisfies Record<(typeof attendanceStatuses)[number], MessageKey>;

const listCrumb = { href: '/console/plans/committees', label: 'plan.committee.list_title' } as const;

export function CommitteeListPage(p: {
  rows: { agency: Agency; committee: CommitteeRow | null; open: number; overdue: number }[];
  without: number;
  withOverdue: number;
}) {
  const { t, href, lang, num } = usePage();
  const title = t('plan.committee.list_title');
  return (
    <PlanLayout title={title}>
      <Breadcrumbs items={[{ href: '/console/plans', label: t('plan.title') }, { label: title }]} />
      <PageHeading title={title} lead={t('plan.committee.list_lead', { without: p.without, overdue: p.withOverdue })} />
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{title}</caption>
          <Head
            cols={[
              t('plan.committee.col.agency'),
              t('plan.committee.col.committee'),
              t('plan.committee.col.open'),
              t('plan.committee.col.overdue'),
            ]}
          />
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.agency.id}>
                <th scope="row">
                  <a href={href(`/console/plans/committees/${r.agency.id}`)}>{nameOf(lang, r.agency)}</a>
                </th>
                <td>{r.committee ? nameOf(lang, r.committee) : <Tag tone="red">{t('plan.committee.none')}</Tag>}</td>
                <td class="num">{num(r.open)}</td>
                <td class="num">{r.overdue > 0 ? <Tag tone="red">{num(r.overdue)}</Tag> : num(0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PlanLayout>
  );
}

function MemberName({ member }: { member: MemberRow | undefined }) {
  const { t } = usePage();
  if (!member) return null;
  return (
    <>
      {member.name}
      {member.active === 1 ? null : <span class="muted"> {t('plan.committee.removed')}</span>}
    </>
  );
}

function ActionTable(p: { actions: ActionRow[]; members: MemberRow[]; today: string; canKeep: boolean; caption: string }) {
  const { t, href } = usePage();
  const label = useLabel();
  const byId = new Map(p.members.map((m) => [m.id, m]));
  if (p.actions.length === 0) return <p>{t('plan.committee.no_actions')}</p>;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{p.caption}</caption>
        <Head
          cols={[
            t('plan.committee.action.decision'),
            t('plan.committee.action.owner'),
            t('plan.committee.action.due_on'),
            t('plan.committee.action.status'),
            ...(p.canKeep ? [''] : []),
          ]}
        />
        <tbody>
          {p.actions.map((a) => {
            const state = actionState(a, p.today);
            return (
              <tr key={a.id}>
                <th scope="row">
                  <a href={href(`/console/plans/committee-meetings/${a.meeting_id}`)}>{a.decision}</a>
                </th>
                <td>
                  <MemberName member={byId.get(a.owner_member_id)} />
                </td>
                <td>
                  <Day value={a.due_on} />
                </td>
                <td>
                  {state === 'overdue' ? <Tag tone="red">{label(stateLabel, state)}</Tag> : label(stateLabel, state)}
                  {a.done_on ? (
                    <>
                      {' '}
                      <Day value={a.done_on} />
                    </>
                  ) : null}
                </td>
                {p.canKeep ? (
                  <td>
                    <PostButton
                      action={href(`/console/plans/committee-actions/${a.id}/${a.status === 'done' ? 'reopen' : 'done'}`)}
                      label={t(a.status === 'done' ? 'plan.committee.action.reopen' : 'plan.committee.action.done')}
                      tone="secondary"
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function CommitteePage(p: {
  agency: Agency;
  committee: CommitteeRow | null;
  members: MemberRow[];
  allMembers: MemberRow[];
  meetings: MeetingRow[];
  actions: ActionRow[];
  attendance?: AttendanceRate[];
  today: string;
  canKeep: boolean;
  accounts: Account[];
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const title = t('plan.committee.title', { agency: nameOf(lang, p.agency) });
  const v = p.values ?? {};
  const base = `/console/plans/committees/${p.agency.id}`;
  const c = p.committee;
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: listCrumb.href, label: t(listCrumb.label) },
          { label: nameOf(lang, p.agency) },
        ]}
      />
      <PageHeading title={title} caption={c ? nameOf(lang, c) : undefined} />
      <ErrorSummary errors={p.errors} />
      {c ? null : <p>{t('plan.committee.missing')}</p>}
      {p.canKeep ? (
        <form method="post" action={href(base)} class="panel" novalidate>
          <h2>{t(c ? 'plan.committee.rename' : 'plan.committee.setup')}</h2>
          <Csrf />
          <NameFields values={c && v.name_ar === undefined ? { name_ar: c.name_ar, name_en: c.name_en } : v} errors={p.errors} />
          <button type="submit" class="button">
            {t('plan.save')}
          </button>
        </form>
      ) : null}
      {c ? (
        <>
          <h2>{t('plan.committee.members')}</h2>
          {p.members.some((m) => m.is_chair === 1) ? null : <p>{t('plan.committee.no_chair')}</p>}
          {p.members.length === 0 ? (
            <p>{t('plan.committee.no_members')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('plan.committee.members')}</caption>
                <Head
                  cols={[
                    t('plan.committee.member.name'),
                    t('plan.committee.member.role'),
                    t('plan.committee.member.kind'),
                    ...(p.canKeep ? [''] : []),
                  ]}
                />
                <tbody>
                  {p.members.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        {m.name}
                        {m.is_chair === 1 ? (
                          <>
                            {' '}
                            <Tag>{t('plan.committee.member.chair')}</Tag>
                          </>
                        ) : null}
                      </th>
                      <td>{m.role_title}</td>
                      <td>{t(m.user_id === null ? 'plan.committee.member.external' : 'plan.committee.member.account')}</td>
                      {p.canKeep ? (
                        <td>
                          {m.is_chair === 1 ? null : (
                            <PostButton
                              action={href(`/console/plans/committee-members/${m.id}/chair`)}
                              label={`${t('plan.committee.member.make_chair')}`}
                              tone="secondary"
                            />
                          )}
                          <PostButton
                            action={href(`/console/plans/committee-members/${m.id}/remove`)}
                            label={t('plan.committee.member.remove')}
                            tone="danger"
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.canKeep ? (
            <form method="post" action={href(`${base}/members`)} class="panel" novalidate>
              <h3>{t('plan.committee.member.add')}</h3>
              <Csrf />
              <Select
                name="user_id"
                label={t('plan.committee.member.account_field')}
                blank=""
                value={str(v.user_id)}
                errors={p.errors}
                options={p.accounts.map((a) => ({ value: String(a.id), label: `${a.name} (${a.email})` }))}
              />
              <Field name="name" label={t('plan.committee.member.name_field')} value={str(v.name)} errors={p.errors} />
              <Field name="role_title" label={t('plan.committee.member.role')} value={str(v.role_title)} errors={p.errors} />
              <div class="field">
                <input type="checkbox" id="f-chair" name="chair" value="on" checked={v.chair === 'on'} />
                <label for="f-chair">{t('plan.committee.member.chair_field')}</label>
              </div>
              <button type="submit" class="button">
                {t('plan.add')}
              </button>
            </form>
          ) : null}
          <AttendanceRates rates={p.attendance ?? []} />
          <h2>{t('plan.committee.meetings')}</h2>
          {p.meetings.length === 0 ? (
            <p>{t('plan.committee.no_meetings')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('plan.committee.meetings')}</caption>
                <Head
                  cols={[t('plan.committee.meeting.held_at'), t('plan.committee.meeting.agenda'), t('plan.committee.meeting.minutes')]}
                />
                <tbody>
                  {p.meetings.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        <a href={href(`/console/plans/committee-meetings/${m.id}`)}>
                          <DateTime value={m.held_at} withTime />
                        </a>
                      </th>
                      <td>{m.agenda}</td>
                      <td>{t(m.minutes === null ? 'plan.committee.meeting.no_minutes' : 'plan.committee.meeting.recorded')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.canKeep ? (
            <form method="post" action={href(`${base}/meetings`)} class="panel" novalidate>
              <h3>{t('plan.committee.meeting.add')}</h3>
              <Csrf />
              <Field
                name="held_at"
                type="datetime-local"
                label={t('plan.committee.meeting.held_at')}
                value={str(v.held_at)}
                errors={p.errors}
              />
              <TextArea name="agenda" label={t('plan.committee.meeting.agenda')} value={str(v.agenda)} errors={p.errors} rows={4} />
              <button type="submit" class="button">
                {t('plan.add')}
              </button>
            </form>
          ) : null}
          <h2>{t('plan.committee.actions')}</h2>
          <ActionTable
            actions={p.actions}
            members={p.allMembers}
            today={p.today}
            canKeep={p.canKeep}
            caption={t('plan.committee.actions')}
          />
        </>
      ) : null}
    </PlanLayout>
  );
}

export function MeetingPage(p: {
  agency: Agency;
  committee: CommitteeRow;
  meeting: MeetingRow;
  members: MemberRow[];
  allMembers: MemberRow[];
  actions: ActionRow[];
  attendance: AttendanceRow[];
  held: boolean;
  today: string;
  canKeep: boolean;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, date } = usePage();
  const d = date(p.meeting.held_at, true);
  const title = t('plan.committee.meeting.title', { date: lang === 'ar' ? d.hijri : d.gregorian });
  const v = p.values ?? {};
  const base = `/console/plans/committee-meetings/${p.meeting.id}`;
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: listCrumb.href, label: t(listCrumb.label) },
          { href: `/console/plans/committees/${p.agency.id}`, label: nameOf(lang, p.agency) },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={nameOf(lang, p.committee)} />
      <p>
        <DateTime value={p.meeting.held_at} withTime />
      </p>
      <ErrorSummary errors={p.errors} />
      <h2>{t('plan.committee.meeting.agenda')}</h2>
      <p class="prewrap">{p.meeting.agenda}</p>
      <h2>{t('plan.committee.meeting.minutes')}</h2>
      {p.meeting.minutes === null ? (
        <p>{t(p.held ? 'plan.committee.meeting.no_minutes' : 'plan.committee.meeting.upcoming')}</p>
      ) : (
        <p class="prewrap">{p.meeting.minutes}</p>
      )}
      {p.canKeep && p.held ? (
        <form method="post" action={href(`${base}/minutes`)} class="panel" novalidate>
          <h3>{t('plan.committee.meeting.record_minutes')}</h3>
          <Csrf />
          <TextArea
            name="minutes"
            label={t('plan.committee.meeting.minutes')}
            value={str(v.minutes ?? p.meeting.minutes)}
            errors={p.errors}
            rows={6}
          />
          <button type="submit" class="button">
            {t('plan.save')}
          </button>
        </form>
      ) : null}
      <MeetingAttendance {...p} />
      <h2>{t('plan.committee.actions')}</h2>
      <ActionTable actions={p.actions} members={p.allMembers} today={p.today} canKeep={p.canKeep} caption={t('plan.committee.actions')} />
      {p.canKeep && p.meeting.minutes !== null ? (
        <form method="post" action={href(`${base}/decisions`)} class="panel" novalidate>
          <h3>{t('plan.committee.action.add')}</h3>
          <Csrf />
          <TextArea name="decision" label={t('plan.committee.action.decision')} value={str(v.decision)} errors={p.errors} rows={3} />
          <Select
            name="owner_member_id"
            label={t('plan.committee.action.owner')}
            blank=""
            value={str(v.owner_member_id)}
            errors={p.errors}
            options={p.members.map((m) => ({ value: String(m.id), label: `${m.name} — ${m.role_title}` }))}
          />
          <Field name="due_on" type="date" label={t('plan.committee.action.due_on')} value={str(v.due_on)} errors={p.errors} />
          <button type="submit" class="button">
            {t('plan.add')}
          </button>
        </form>
      ) : null}
    </PlanLayout>
  );
}

/** Who attended a meeting (the members recorded, and the current members not yet recorded), and the keeper's form. */
function MeetingAttendance(p: {
  meeting: MeetingRow;
  members: MemberRow[];
  allMembers: MemberRow[];
  attendance: AttendanceRow[];
  held: boolean;
  canKeep: boolean;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const label = useLabel();
  const status = new Map(p.attendance.map((a) => [a.member_id, a.status]));
  const shown = p.allMembers.filter((m) => m.active === 1 || status.has(m.id));
  const present = p.attendance.filter((a) => a.status === 'present').length;
  const v = p.values ?? {};
  return (
    <>
      <h2>{t('plan.committee.attendance.title')}</h2>
      {p.attendance.length === 0 ? (
        <p>{t(p.held ? 'plan.committee.attendance.none' : 'plan.committee.validation.not_held_attendance')}</p>
      ) : (
        <>
          <p>{t('plan.committee.attendance.summary', { present, total: p.attendance.length })}</p>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('plan.committee.attendance.caption')}</caption>
              <Head
                cols={[t('plan.committee.attendance.col.member'), t('plan.committee.member.role'), t('plan.committee.attendance.title')]}
              />
              <tbody>
                {shown.map((m) => {
                  const s = status.get(m.id);
                  return (
                    <tr key={m.id}>
                      <th scope="row">
                        {m.name}
                        {m.active === 1 ? null : <> {t('plan.committee.attendance.removed')}</>}
                      </th>
                      <td>{m.role_title}</td>
                      <td>{s ? label(attendanceLabel, s) : t('plan.committee.attendance.status.unrecorded')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {p.canKeep && p.held && shown.length > 0 ? (
        <form
          method="post"
          action={href(`/console/plans/committee-meetings/${p.meeting.id}/attendance`)}
          class="panel"
          novalidate
          id="f-attendance"
        >
          <h3>{t('plan.committee.attendance.record')}</h3>
          <p class="hint">{t('plan.committee.attendance.hint')}</p>
          <Csrf />
          {shown.map((m) => {
            const chosen = str(v[`member_${m.id}`]) ?? status.get(m.id);
            return (
              <Choices
                key={m.id}
                type="radio"
                name={`member_${m.id}`}
                legend={`${m.name} — ${m.role_title}`}
                values={chosen ? [chosen] : []}
                errors={p.errors}
                options={attendanceStatuses.map((a) => ({ value: a, label: label(attendanceLabel, a) }))}
              />
            );
          })}
          <button type="submit" class="button">
            {t('plan.save')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** Each member's attendance over the recorded meetings, with the rate. */
function AttendanceRates({ rates }: { rates: AttendanceRate[] }) {
  const { t, num } = usePage();
  const pct = usePct();
  if (rates.length === 0) return null;
  return (
    <>
      <h2>{t('plan.committee.attendance.rates')}</h2>
      <p>{t('plan.committee.attendance.rates_lead')}</p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('plan.committee.attendance.rates')}</caption>
          <Head
            cols={[
              t('plan.committee.attendance.col.member'),
              t('plan.committee.attendance.status.present'),
              t('plan.committee.attendance.status.absent'),
              t('plan.committee.attendance.status.excused'),
              t('plan.committee.attendance.col.recorded'),
              t('plan.committee.attendance.col.rate'),
            ]}
          />
          <tbody>
            {rates.map((r) => (
              <tr key={r.member.id}>
                <th scope="row">
                  {r.member.name}
                  {r.member.active === 1 ? null : <> {t('plan.committee.attendance.removed')}</>}
                </th>
                <td class="num">{num(r.present)}</td>
                <td class="num">{num(r.absent)}</td>
                <td class="num">{num(r.excused)}</td>
                <td class="num">{num(r.recorded)}</td>
                <td class="num">{r.rate === null ? '—' : pct(r.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
