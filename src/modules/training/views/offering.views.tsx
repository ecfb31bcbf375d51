import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Choices,
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
import type { attendanceSheet } from '../progress.service.ts';
import { codeHolds, shownCode } from '../session-codes.service.ts';
import type { OfferingView } from '../training.service.ts';
import { offeringSteps } from '../training.service.ts';
import {
  Day,
  EnrolmentTag,
  Head,
  modeLabel,
  offeringStatusLabel,
  offeringStepLabel,
  TrainingLayout,
  titleOf,
  When,
  Where,
} from './common.tsx';

type Values = Record<string, unknown>;
type Form = 'session' | 'trainer' | 'nominate' | 'enrol' | 'complete' | 'guest_cancel' | 'guest_complete';
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** An offering: when and where, its sessions, enrolment for staff and nomination for administrators, the enrolments one may see. */
export function OfferingPage(p: {
  v: OfferingView;
  form?: Form;
  values?: Values;
  errors?: Errors;
  completeFor?: number;
  guestFor?: number;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const { offering: o, programme: pr, can } = p.v;
  const title = titleOf(lang, pr);
  const vals = (f: Form) => (p.form === f ? (p.values ?? {}) : {});
  const errs = (f: Form) => (p.form === f ? p.errors : undefined);
  const active = p.v.mine && ['requested', 'enrolled', 'waitlisted'].includes(p.v.mine.status);
  const finished = o.status === 'completed' || o.status === 'cancelled';
  return (
    <TrainingLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/training', label: t('training.title') },
          { href: `/console/training/programmes/${pr.id}`, label: title },
          { label: t('training.offering.one') },
        ]}
      />
      <PageHeading title={title} caption={`${t('training.offering.one')} · ${label(offeringStatusLabel, o.status)}`} />
      <ErrorSummary errors={p.errors} />
      <dl class="summary">
        <dt>{t('training.field.dates')}</dt>
        <dd>
          <Day value={o.starts_on} /> – <Day value={o.ends_on} />
        </dd>
        <dt>{t('training.field.mode')}</dt>
        <dd>{label(modeLabel, pr.delivery_mode)}</dd>
        <dt>{t('training.field.where')}</dt>
        <dd>
          <Where o={o} />
        </dd>
        <dt>{t('training.field.seats')}</dt>
        <dd>
          {t('training.seats', { taken: num(o.seats_taken), capacity: num(o.capacity) })} ·{' '}
          {t('training.waitlist_count', { count: num(p.v.counts.waitlisted) })}
        </dd>
        <dt>{t('training.field.trainers')}</dt>
        <dd>{p.v.trainers.length ? p.v.trainers.map((tr) => tr.name).join(lang === 'ar' ? '، ' : ', ') : '—'}</dd>
      </dl>

      {p.v.mine ? (
        <div class="panel">
          <p>
            {t('training.enrolment.yours')} <EnrolmentTag status={p.v.mine.status} position={p.v.mine.waitlist_position} />
            {p.v.mine.completed_at ? (
              <>
                {' '}
                <Tag>{t('training.completed')}</Tag>
              </>
            ) : null}
          </p>
          <div class="actions">
            {p.v.mine.status === 'enrolled' && pr.pass_mark_pct !== null ? (
              <a class="button secondary" href={href(`/console/training/enrolments/${p.v.mine.id}/assessment`)}>
                {t('training.assessment.title')}
              </a>
            ) : null}
            {active && !p.v.mine.completed_at && o.status !== 'completed' && o.status !== 'cancelled' ? (
              <PostButton
                action={href(`/console/training/enrolments/${p.v.mine.id}/cancel`)}
                label={t('training.enrolment.cancel')}
                tone="secondary"
              />
            ) : null}
          </div>
        </div>
      ) : null}
      {can.enrol && o.status === 'open' && !active ? (
        <form method="post" action={href(`/console/training/offerings/${o.id}/enrol`)} class="panel">
          <Csrf />
          <p>{t('training.enrolment.self_hint')}</p>
          {p.v.enrolAgencies.length > 1 ? (
            <Select
              name="agency_id"
              label={t('training.field.enrol_for')}
              value={str(vals('enrol').agency_id)}
              errors={errs('enrol')}
              options={p.v.enrolAgencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
              required
            />
          ) : null}
          <button type="submit" class="button">
            {t('training.enrolment.request')}
          </button>
        </form>
      ) : null}
      {p.v.administered.length === 1 && o.status === 'open' ? (
        <section>
          <h2>{t('training.nominate.title')}</h2>
          {p.v.staff.length === 0 ? (
            <p>{t('training.nominate.nobody')}</p>
          ) : (
            <form method="post" action={href(`/console/training/offerings/${o.id}/nominate`)} class="panel" novalidate>
              <Csrf />
              <input type="hidden" name="agency_id" value={String(p.v.administered[0])} />
              <Choices
                name="user_ids"
                legend={t('training.nominate.legend')}
                options={p.v.staff.map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))}
                values={(vals('nominate').user_ids as string[] | undefined) ?? []}
                errors={errs('nominate')}
              />
              <button type="submit" class="button">
                {t('training.nominate.submit')}
              </button>
            </form>
          )}
        </section>
      ) : null}

      <h2>{t('training.session.title')}</h2>
      {can.mark && p.v.sessions.length ? (
        <p>
          <a href={`/console/training/offerings/${o.id}/attendance.xlsx?lang=${lang}`}>{t('training.attendance.xlsx')}</a>
          {p.v.programme.assignment_ar !== null ? (
            <>
              {' · '}
              <a href={href(`/console/training/offerings/${o.id}/assignments`)}>{t('training.assignment.list_title')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {p.v.sessions.length === 0 ? (
        <p>{t('training.session.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('training.session.caption')}</caption>
            <Head
              cols={[
                t('training.field.session_no'),
                t('training.field.starts_at'),
                t('training.field.ends_at'),
                t('training.field.attendance'),
              ]}
            />
            <tbody>
              {p.v.sessions.map((s, i) => (
                <tr key={s.id}>
                  <th scope="row">{num(i + 1)}</th>
                  <td>
                    <When value={s.starts_at} />
                  </td>
                  <td>
                    <When value={s.ends_at} />
                  </td>
                  <td>
                    {can.mark ? <a href={href(`/console/training/sessions/${s.id}/attendance`)}>{t('training.attendance.mark')}</a> : '—'}
                    {can.administer && !finished ? (
                      <>
                        {' · '}
                        <a href={href(`/console/training/sessions/${s.id}/edit`)}>
                          {t('training.edit')}
                          <span class="visually-hidden">
                            {' '}
                            {t('training.edit.session')} {num(i + 1)}
                          </span>
                        </a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {p.v.enrolments.length > 0 ? (
        <>
          <h2>{t('training.enrolment.title')}</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('training.enrolment.caption')}</caption>
              <Head
                cols={[t('training.field.person'), t('training.field.status'), t('training.field.completion'), t('training.field.actions')]}
              />
              <tbody>
                {p.v.enrolments.map((e) => {
                  const decides = p.v.administered.includes(e.agency_id) && e.status === 'requested';
                  const cancellable =
                    ['requested', 'enrolled', 'waitlisted'].includes(e.status) &&
                    !e.completed_at &&
                    (can.administer || p.v.administered.includes(e.agency_id));
                  return (
                    <tr key={e.id}>
                      <th scope="row">{e.person}</th>
                      <td>
                        <EnrolmentTag status={e.status} position={e.waitlist_position} />
                      </td>
                      <td>
                        {e.completed_at ? (
                          <>
                            {t('training.completed')}{' '}
                            {e.completion_basis === 'manual' ? `(${t('training.completion.manual')}: ${e.completion_reason ?? ''})` : ''}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <div class="actions">
                          {decides ? (
                            <>
                              <PostButton
                                action={href(`/console/training/enrolments/${e.id}/approve`)}
                                label={t('training.enrolment.approve')}
                              />
                              <PostButton
                                action={href(`/console/training/enrolments/${e.id}/reject`)}
                                label={t('training.enrolment.reject')}
                                tone="secondary"
                              />
                            </>
                          ) : null}
                          {cancellable && e.user_id !== (p.v.mine?.user_id ?? -1) ? (
                            <PostButton
                              action={href(`/console/training/enrolments/${e.id}/cancel`)}
                              label={t('training.enrolment.cancel')}
                              tone="secondary"
                            />
                          ) : null}
                          {can.oversee && e.status === 'enrolled' && !e.completed_at ? (
                            <form method="post" action={href(`/console/training/enrolments/${e.id}/complete`)} novalidate>
                              <Csrf />
                              <Field
                                name="reason"
                                label={t('training.completion.reason', { person: e.person })}
                                value={p.completeFor === e.id ? str(vals('complete').reason) : undefined}
                                errors={p.completeFor === e.id ? errs('complete') : undefined}
                              />
                              <button type="submit" class="button secondary">
                                {t('training.completion.record')}
                              </button>
                            </form>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {p.v.guests.length > 0 ? (
        <>
          <h2>{t('training.field.guests')}</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('training.field.guests')}</caption>
              <Head
                cols={[
                  t('training.field.person'),
                  t('training.field.email'),
                  t('training.field.phone'),
                  t('training.field.status'),
                  t('training.field.completion'),
                  t('training.field.actions'),
                ]}
              />
              <tbody>
                {p.v.guests.map((g) => {
                  const live = (g.status === 'enrolled' || g.status === 'waitlisted') && !g.completed_at && !finished;
                  return (
                    <tr key={g.id}>
                      <th scope="row">{g.name}</th>
                      <td dir="ltr">{g.email}</td>
                      <td dir="ltr">{g.phone ?? '—'}</td>
                      <td>
                        <EnrolmentTag status={g.status === 'pending' ? 'requested' : g.status} position={g.waitlist_position} />
                        {g.cancel_reason ? ` (${g.cancel_reason})` : null}
                      </td>
                      <td>
                        {g.completed_at ? (
                          <>
                            {t('training.completed')}{' '}
                            {g.completion_basis === 'manual' ? `(${t('training.completion.manual')}: ${g.completion_reason ?? ''})` : ''}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <div class="actions">
                          {can.administer && live ? (
                            <form method="post" action={href(`/console/training/guests/${g.id}/cancel`)} novalidate>
                              <Csrf />
                              <Field
                                name="reason"
                                label={t('training.guest.cancel_reason', { person: g.name })}
                                value={p.guestFor === g.id && p.form === 'guest_cancel' ? str(p.values?.reason) : undefined}
                                errors={p.guestFor === g.id && p.form === 'guest_cancel' ? p.errors : undefined}
                              />
                              <button type="submit" class="button danger">
                                {t('training.guest.cancel')}
                              </button>
                            </form>
                          ) : null}
                          {can.oversee && g.status === 'enrolled' && !g.completed_at ? (
                            <form method="post" action={href(`/console/training/guests/${g.id}/complete`)} novalidate>
                              <Csrf />
                              <Field
                                name="reason"
                                label={t('training.completion.reason', { person: g.name })}
                                value={p.guestFor === g.id && p.form === 'guest_complete' ? str(p.values?.reason) : undefined}
                                errors={p.guestFor === g.id && p.form === 'guest_complete' ? p.errors : undefined}
                              />
                              <button type="submit" class="button secondary">
                                {t('training.completion.record')}
                              </button>
                            </form>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {can.administer ? (
        <>
          <h2>{t('training.offering.manage')}</h2>
          <div class="actions">
            {offeringSteps[o.status].map((s) => (
              <PostButton
                key={s}
                action={href(`/console/training/offerings/${o.id}/status`)}
                label={t(offeringStepLabel[s])}
                fields={{ status: s }}
                tone={s === 'cancelled' ? 'danger' : 'secondary'}
              />
            ))}
            {!finished ? (
              <a class="button secondary" href={href(`/console/training/offerings/${o.id}/edit`)}>
                {t('training.edit.offering')}
              </a>
            ) : null}
          </div>
          {o.status !== 'completed' && o.status !== 'cancelled' ? (
            <form method="post" action={href(`/console/training/offerings/${o.id}/sessions`)} class="panel" novalidate>
              <Csrf />
              <h3>{t('training.session.new')}</h3>
              <Field
                name="starts_at"
                type="datetime-local"
                label={t('training.field.starts_at')}
                value={str(vals('session').starts_at)}
                errors={errs('session')}
                required
              />
              <Field
                name="ends_at"
                type="datetime-local"
                label={t('training.field.ends_at')}
                value={str(vals('session').ends_at)}
                errors={errs('session')}
                required
              />
              <button type="submit" class="button">
                {t('training.add')}
              </button>
            </form>
          ) : null}
          <form method="post" action={href(`/console/training/offerings/${o.id}/trainers`)} class="panel" novalidate>
            <Csrf />
            <h3>{t('training.trainer.new')}</h3>
            <Field
              name="email"
              type="email"
              label={t('training.field.trainer_email')}
              value={str(vals('trainer').email)}
              errors={errs('trainer')}
              dir="ltr"
              required
            />
            <button type="submit" class="button">
              {t('training.add')}
            </button>
          </form>
        </>
      ) : null}
    </TrainingLayout>
  );
}

/** One session's attendance sheet: a checkbox per enrolled person. */
export function AttendancePage({ s, errors }: { s: Awaited<ReturnType<typeof attendanceSheet>>; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const title = titleOf(lang, s.programme);
  const names = new Map(s.enrolled.map((e) => [e.id, e.person]));
  return (
    <TrainingLayout title={t('training.attendance.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/training', label: t('training.title') },
          { href: `/console/training/offerings/${s.offering.id}`, label: title },
          { label: t('training.attendance.title') },
        ]}
      />
      <PageHeading title={t('training.attendance.title')} caption={title} />
      <p>
        <When value={s.session.starts_at} />
      </p>
      <ErrorSummary errors={errors} />
      <SessionCode s={s} />
      {s.enrolled.length === 0 && s.guests.length === 0 ? (
        <p>{t('training.attendance.nobody')}</p>
      ) : (
        <form method="post" action={href(`/console/training/sessions/${s.session.id}/attendance`)} class="panel" novalidate>
          <Csrf />
          {s.enrolled.length ? (
            <Choices
              name="present"
              legend={t('training.attendance.legend')}
              options={s.enrolled.map((e) => ({ value: String(e.id), label: names.get(e.id) ?? '' }))}
              values={s.enrolled.filter((e) => s.marks.get(e.id)).map((e) => String(e.id))}
              errors={errors}
            />
          ) : null}
          {s.guests.length ? (
            <Choices
              name="present_guests"
              legend={t('training.attendance.legend_guests')}
              options={s.guests.map((g) => ({ value: String(g.id), label: g.name }))}
              values={s.guests.filter((g) => s.guestMarks.get(g.id)).map((g) => String(g.id))}
              errors={errors}
            />
          ) : null}
          <button type="submit" class="button">
            {t('training.save')}
          </button>
        </form>
      )}
    </TrainingLayout>
  );
}

/** The session's code for the room while it holds, and the button to show a (new) one while the session's window is open. */
function SessionCode({ s }: { s: Awaited<ReturnType<typeof attendanceSheet>> }) {
  const { t, href } = usePage();
  const now = new Date();
  const code = shownCode(s.session, now);
  const running = s.offering.status === 'open' || s.offering.status === 'closed' || s.offering.status === 'completed';
  if (!running) return null;
  return (
    <section class="panel" aria-labelledby="session-code">
      <h2 id="session-code">{t('training.code.title')}</h2>
      {codeHolds(s.session, now) ? (
        <>
          {code ? (
            <>
              <p>{t('training.code.lead')}</p>
              <p class="session-code" dir="ltr" lang="en">
                <strong>{code}</strong>
              </p>
            </>
          ) : null}
          <PostButton
            action={href(`/console/training/sessions/${s.session.id}/code`)}
            label={code ? t('training.code.replace') : t('training.code.make')}
            tone={code ? 'secondary' : undefined}
          />
        </>
      ) : (
        <p>{t('training.code.none')}</p>
      )}
    </section>
  );
}
