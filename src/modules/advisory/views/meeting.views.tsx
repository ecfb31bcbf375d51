import { isoToLocal } from '../../../platform/i18n/dates.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  Select,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { MINUTES_ACTIONS } from '../advisory.schema.ts';
import type { MeetingView } from '../meetings.pages.service.ts';
import type { Workspace } from '../queue.service.ts';
import { AdvisoryLayout, Day, str } from './common.tsx';

type Values = Record<string, unknown>;
const DURATIONS = [30, 45, 60, 90, 120, 180];

/** The meetings of a request on its page, and the team's form to schedule one. */
export function Meetings({ w, values, errors }: { w: Workspace; values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const r = w.request;
  return (
    <section aria-labelledby="meetings-h">
      <h2 id="meetings-h">{t('advisory.meetings.title')}</h2>
      <DataTable
        caption={t('advisory.meetings.title')}
        headers={[t('advisory.field.meeting'), t('advisory.field.starts_at'), t('advisory.field.where'), t('advisory.meetings.minutes')]}
        empty={w.meetings.length === 0}
      >
        {w.meetings.map((m) => (
          <tr key={m.id}>
            <td>
              <a href={href(`/console/advisory/${r.id}/meetings/${m.id}`)}>{m.title}</a>
            </td>
            <td>
              <DateTime value={m.starts_at} withTime />
            </td>
            <td>{[m.place, m.online_url ? t('advisory.meetings.online') : null].filter(Boolean).join(' — ')}</td>
            <td>
              {m.cancelled_at
                ? t('advisory.meetings.cancelled')
                : m.minutes_at
                  ? t('advisory.meetings.recorded')
                  : t('advisory.meetings.not_recorded')}
            </td>
          </tr>
        ))}
      </DataTable>
      {w.canMeet ? (
        <form method="post" action={href(`/console/advisory/${r.id}/meetings`)} novalidate>
          <Csrf />
          <h3>{t('advisory.meetings.schedule')}</h3>
          <Field name="title" label={t('advisory.field.meeting')} value={str(values.title)} errors={errors} required />
          <Field
            name="starts_at"
            type="datetime-local"
            label={t('advisory.field.starts_at')}
            hint={t('advisory.meetings.time_hint')}
            value={str(values.starts_at)}
            errors={errors}
            required
          />
          <Select
            name="duration"
            label={t('advisory.field.duration')}
            value={str(values.duration) ?? '60'}
            errors={errors}
            required
            options={DURATIONS.map((d) => ({ value: String(d), label: t('advisory.meetings.minutes_n', { n: d }) }))}
          />
          <Field
            name="place"
            label={t('advisory.field.place')}
            hint={t('advisory.meetings.where_hint')}
            value={str(values.place)}
            errors={errors}
          />
          <Field name="online_url" type="url" label={t('advisory.field.online_url')} value={str(values.online_url)} errors={errors} />
          <TextArea name="agenda" label={t('advisory.field.agenda')} value={str(values.agenda)} errors={errors} rows={3} />
          <Choices
            name="attendees"
            legend={t('advisory.field.attendees')}
            hint={t('advisory.meetings.attendees_hint')}
            values={([] as unknown[]).concat(values.attendees ?? []).map(String)}
            errors={errors}
            options={w.candidates.map((u) => ({ value: String(u.id), label: `${u.name} — ${u.email}` }))}
          />
          <button type="submit" class="button secondary">
            {t('advisory.meetings.schedule_button')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export type MeetingForm = 'minutes' | 'reschedule' | 'cancel' | 'attendees';
const lengthOf = (x: { starts_at: string; ends_at: string }) => Math.round((Date.parse(x.ends_at) - Date.parse(x.starts_at)) / 60_000);

/**
 * One meeting: when and where, who attends, the calendar file, the schedules it had before it moved,
 * and its minutes (or the form to record them); the team's forms to move it or call it off.
 */
export function MeetingPage({ v, form, values, errors }: { v: MeetingView; form?: MeetingForm; values?: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const { request: r, meeting: m } = v;
  const minutes = lengthOf(m);
  // Only the form that was sent shows what was typed.
  const val = form === 'minutes' || form === undefined ? (values ?? {}) : {};
  return (
    <AdvisoryLayout title={m.title}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { label: m.title },
        ]}
      />
      <PageHeading title={m.title} caption={r.title} />
      <ErrorSummary errors={errors} />
      {m.cancelled_at ? (
        <div class="notice" role="status">
          <p>
            <strong>{t('advisory.meetings.cancelled')}</strong> — {m.cancelled_by?.replace(/\s*<[^<>]*>\s*$/, '')},{' '}
            <DateTime value={m.cancelled_at} withTime />
          </p>
          <p class="prewrap" dir="auto">
            {t('advisory.meetings.reason', { reason: m.cancel_reason ?? '' })}
          </p>
        </div>
      ) : null}
      <dl class="summary">
        <dt>{t('advisory.field.starts_at')}</dt>
        <dd>
          <DateTime value={m.starts_at} withTime /> {t('advisory.meetings.riyadh')}
        </dd>
        <dt>{t('advisory.field.duration')}</dt>
        <dd>{t('advisory.meetings.minutes_n', { n: minutes })}</dd>
        <dt>{t('advisory.field.place')}</dt>
        <dd>{m.place ?? '—'}</dd>
        <dt>{t('advisory.field.online_url')}</dt>
        <dd>{m.online_url ? <a href={m.online_url}>{m.online_url}</a> : '—'}</dd>
        <dt>{t('advisory.field.agenda')}</dt>
        <dd class="prewrap" dir="auto">
          {m.agenda ?? '—'}
        </dd>
        <dt>{t('advisory.field.attendees')}</dt>
        <dd>
          <ul>
            {v.attendees.map((a) => (
              <li key={a.id}>{a.name}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('advisory.meetings.calendar')}</dt>
        <dd>
          <a href={`/console/advisory/${r.id}/meetings/${m.id}/invite.ics?lang=${lang}`} download>
            {m.cancelled_at ? t('advisory.meetings.calendar_cancel_link') : t('advisory.meetings.calendar_link')}
          </a>
        </dd>
      </dl>
      {v.versions.length ? (
        <section aria-labelledby="versions-h">
          <h2 id="versions-h">{t('advisory.meetings.earlier')}</h2>
          <DataTable
            caption={t('advisory.meetings.earlier')}
            headers={[
              t('advisory.field.starts_at'),
              t('advisory.field.duration'),
              t('advisory.field.where'),
              t('advisory.field.reason'),
              t('advisory.meetings.changed'),
            ]}
            empty={false}
          >
            {v.versions.map((x) => (
              <tr key={x.id}>
                <td>
                  <DateTime value={x.starts_at} withTime />
                </td>
                <td>{t('advisory.meetings.minutes_n', { n: lengthOf(x) })}</td>
                <td>{[x.place, x.online_url].filter(Boolean).join(' — ') || '—'}</td>
                <td class="prewrap" dir="auto">
                  {x.reason}
                </td>
                <td>
                  {x.changed_by.replace(/\s*<[^<>]*>\s*$/, '')}, <DateTime value={x.changed_at} withTime />
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
      {v.attendeeChanges.length ? (
        <section aria-labelledby="attendee-changes-h">
          <h2 id="attendee-changes-h">{t('advisory.meetings.attendee_changes')}</h2>
          <ol>
            {v.attendeeChanges.map((c) => (
              <li key={c.id}>
                {c.addedNames.length ? `${t('advisory.meetings.added', { names: c.addedNames.join('، ') })} ` : ''}
                {c.removedNames.length ? `${t('advisory.meetings.removed', { names: c.removedNames.join('، ') })} ` : ''}—{' '}
                {c.changed_by.replace(/\s*<[^<>]*>\s*$/, '')}, <DateTime value={c.changed_at} withTime />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {v.canChange ? <ChangeForms v={v} form={form} values={values ?? {}} errors={errors} /> : null}
      <section aria-labelledby="minutes-h">
        <h2 id="minutes-h">{t('advisory.meetings.minutes')}</h2>
        {m.minutes_at ? (
          <>
            <p class="muted">
              {m.minutes_by} — <DateTime value={m.minutes_at} withTime />
              {m.minutes_edited_at ? (
                <>
                  {' — '}
                  {t('advisory.meetings.corrected')} <DateTime value={m.minutes_edited_at} withTime />
                </>
              ) : null}
              {v.canEditMinutes ? (
                <>
                  {' — '}
                  <a href={href(`/console/advisory/${r.id}/meetings/${m.id}/minutes/edit`)}>{t('advisory.meetings.correct')}</a>
                </>
              ) : null}
            </p>
            <p class="prewrap" dir="auto">
              {m.minutes}
            </p>
            <h3>{t('advisory.field.decisions')}</h3>
            <p class="prewrap" dir="auto">
              {m.decisions ?? '—'}
            </p>
            {v.minutesEdits.length ? (
              <details>
                <summary>{t('advisory.meetings.minutes_history')}</summary>
                <ol>
                  {v.minutesEdits.map((e) => (
                    <li key={e.id}>
                      <p class="muted">
                        {e.edited_by.replace(/\s*<[^<>]*>\s*$/, '')}, <DateTime value={e.edited_at} withTime /> —{' '}
                        {t('advisory.meetings.reason', { reason: e.reason })}
                      </p>
                      <p class="prewrap" dir="auto">
                        {e.minutes}
                      </p>
                      {e.decisions ? (
                        <p class="prewrap" dir="auto">
                          {t('advisory.field.decisions')}: {e.decisions}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            <h3>{t('advisory.meetings.actions')}</h3>
            <DataTable
              caption={t('advisory.meetings.actions')}
              headers={[t('advisory.field.task'), t('advisory.field.owner'), t('advisory.field.due_on')]}
              empty={v.tasks.length === 0}
            >
              {v.tasks.map((k) => (
                <tr key={k.id}>
                  <td>{k.title}</td>
                  <td>{k.owner ?? '—'}</td>
                  <td>
                    <Day value={k.due_on} />
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        ) : v.canRecord ? (
          <form method="post" action={href(`/console/advisory/${r.id}/meetings/${m.id}/minutes`)} novalidate>
            <Csrf />
            <TextArea name="minutes" label={t('advisory.meetings.minutes')} value={str(val.minutes)} errors={errors} required />
            <TextArea name="decisions" label={t('advisory.field.decisions')} value={str(val.decisions)} errors={errors} rows={3} />
            {Array.from({ length: MINUTES_ACTIONS }, (_, i) => i + 1).map((n) => (
              <fieldset key={n}>
                <legend>{t('advisory.meetings.action_n', { n })}</legend>
                <p class="hint">{t('advisory.meetings.action_hint')}</p>
                <Field name={`action_title_${n}`} label={t('advisory.field.task')} value={str(val[`action_title_${n}`])} errors={errors} />
                <Select
                  name={`action_owner_${n}`}
                  label={t('advisory.field.owner')}
                  blank={t('advisory.tasks.no_owner')}
                  value={str(val[`action_owner_${n}`])}
                  errors={errors}
                  options={v.owners.map((o) => ({ value: String(o.advisorId), label: o.name }))}
                />
                <Field
                  name={`action_due_${n}`}
                  type="date"
                  label={t('advisory.field.due_on')}
                  value={str(val[`action_due_${n}`])}
                  errors={errors}
                />
              </fieldset>
            ))}
            <button type="submit" class="button">
              {t('advisory.meetings.record')}
            </button>
          </form>
        ) : (
          <p>{m.cancelled_at ? t('advisory.meetings.cancelled') : t('advisory.meetings.not_recorded')}</p>
        )}
      </section>
    </AdvisoryLayout>
  );
}

/** The team's forms to move a meeting (a new time, place or agenda, with the reason) or to call it off. */
function ChangeForms({ v, form, values, errors }: { v: MeetingView; form?: MeetingForm; values: Values; errors?: Errors }) {
  const { t, href, timeZone } = usePage();
  const { request: r, meeting: m } = v;
  const moved =
    form === 'reschedule'
      ? values
      : {
          title: m.title,
          starts_at: isoToLocal(m.starts_at, timeZone),
          duration: String(lengthOf(m)),
          place: m.place ?? undefined,
          online_url: m.online_url ?? undefined,
          agenda: m.agenda ?? undefined,
        };
  const off = form === 'cancel' ? values : {};
  const who = form === 'attendees' ? ([] as unknown[]).concat(values.attendees ?? []).map(String) : v.attendees.map((a) => String(a.id));
  // Someone invited who is no longer among the request's people stays on the list (and may be removed).
  const people = [
    ...v.candidates.map((u) => ({ id: u.id, label: `${u.name} — ${u.email}` })),
    ...v.attendees.filter((a) => !v.candidates.some((u) => u.id === a.id)).map((a) => ({ id: a.id, label: `${a.name} — ${a.email}` })),
  ];
  const errs = (f: MeetingForm) => (form === f ? errors : undefined);
  const durations = DURATIONS.includes(lengthOf(m)) ? DURATIONS : [...DURATIONS, lengthOf(m)].sort((a, b) => a - b);
  return (
    <section aria-labelledby="change-h">
      <h2 id="change-h">{t('advisory.meetings.change')}</h2>
      <form method="post" action={href(`/console/advisory/${r.id}/meetings/${m.id}/reschedule`)} novalidate>
        <Csrf />
        <h3>{t('advisory.meetings.reschedule')}</h3>
        <p class="hint">{t('advisory.meetings.reschedule_hint')}</p>
        <Field name="title" label={t('advisory.field.meeting')} value={str(moved.title)} errors={errs('reschedule')} required />
        <Field
          name="starts_at"
          type="datetime-local"
          label={t('advisory.field.starts_at')}
          hint={t('advisory.meetings.riyadh')}
          value={str(moved.starts_at)}
          errors={errs('reschedule')}
          required
        />
        <Select
          name="duration"
          label={t('advisory.field.duration')}
          value={str(moved.duration) ?? '60'}
          errors={errs('reschedule')}
          required
          options={durations.map((d) => ({ value: String(d), label: t('advisory.meetings.minutes_n', { n: d }) }))}
        />
        <Field
          name="place"
          label={t('advisory.field.place')}
          hint={t('advisory.meetings.where_hint')}
          value={str(moved.place)}
          errors={errs('reschedule')}
        />
        <Field
          name="online_url"
          type="url"
          label={t('advisory.field.online_url')}
          value={str(moved.online_url)}
          errors={errs('reschedule')}
        />
        <TextArea name="agenda" label={t('advisory.field.agenda')} value={str(moved.agenda)} errors={errs('reschedule')} rows={3} />
        <TextArea
          name="reason"
          label={t('advisory.field.reason')}
          value={str(moved.reason)}
          errors={errs('reschedule')}
          rows={2}
          required
        />
        <button type="submit" class="button secondary">
          {t('advisory.meetings.reschedule_button')}
        </button>
      </form>
      <form method="post" action={href(`/console/advisory/${r.id}/meetings/${m.id}/attendees`)} novalidate>
        <Csrf />
        <h3>{t('advisory.meetings.attendees_change')}</h3>
        <p class="hint">{t('advisory.meetings.attendees_change_hint')}</p>
        <Choices
          name="attendees"
          legend={t('advisory.field.attendees')}
          values={who}
          errors={errs('attendees')}
          options={people.map((p) => ({ value: String(p.id), label: p.label }))}
        />
        <button type="submit" class="button secondary">
          {t('advisory.meetings.attendees_button')}
        </button>
      </form>
      <form method="post" action={href(`/console/advisory/${r.id}/meetings/${m.id}/cancel`)} novalidate>
        <Csrf />
        <h3>{t('advisory.meetings.cancel')}</h3>
        <p class="hint">{t('advisory.meetings.cancel_hint')}</p>
        <TextArea
          name="cancel_reason"
          label={t('advisory.field.reason')}
          value={str(off.cancel_reason)}
          errors={errs('cancel')}
          rows={2}
          required
        />
        <button type="submit" class="button danger">
          {t('advisory.meetings.cancel_button')}
        </button>
      </form>
    </section>
  );
}

/** The team's correction of recorded minutes: the new wording and why; the earlier one is kept. */
export function MinutesEditPage({ v, values, errors }: { v: MeetingView; values?: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const { request: r, meeting: m } = v;
  const val = values ?? { minutes: m.minutes ?? undefined, decisions: m.decisions ?? undefined };
  const title = t('advisory.meetings.correct');
  return (
    <AdvisoryLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { href: `/console/advisory/${r.id}/meetings/${m.id}`, label: m.title },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={m.title} />
      <ErrorSummary errors={errors} />
      <p>{t('advisory.meetings.correct_lead')}</p>
      <form method="post" action={href(`/console/advisory/${r.id}/meetings/${m.id}/minutes/edit`)} novalidate>
        <Csrf />
        <TextArea name="minutes" label={t('advisory.meetings.minutes')} value={str(val.minutes)} errors={errors} required />
        <TextArea name="decisions" label={t('advisory.field.decisions')} value={str(val.decisions)} errors={errors} rows={3} />
        <TextArea name="reason" label={t('advisory.field.reason')} value={str(val.reason)} errors={errors} rows={2} required />
        <button type="submit" class="button">
          {t('advisory.meetings.correct_button')}
        </button>
      </form>
    </AdvisoryLayout>
  );
}
