import {
  Breadcrumbs,
  Choices,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Tag,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { QUESTIONS } from '../evaluation.ts';
import type { GuestLearning } from '../guest-learning.service.ts';
import type { OfferingRow, ProgrammeRow, SessionRow } from '../training.repo.ts';
import { AssignmentSection } from './assignment.views.tsx';
import { AttemptsTable, Day, EnrolmentTag, QuestionFields, titleOf, usePct, When, Where } from './common.tsx';

// The public's pages around an offering: sign up (name, email, phone), the code from the email, the
// confirmation a link in that email opens, the page that shows a place and cancels it, and the
// evaluation form sent after the offering. All are plain forms (no script needed).

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
type Offer = { offering: OfferingRow; programme: ProgrammeRow; sessions: SessionRow[]; prerequisites?: ProgrammeRow[] };

function OfferingSummary({ d }: { d: Offer }) {
  const { t } = usePage();
  return (
    <dl class="summary">
      <dt>{t('training.field.dates')}</dt>
      <dd>
        <Day value={d.offering.starts_on} /> – <Day value={d.offering.ends_on} />
      </dd>
      <dt>{t('training.field.where')}</dt>
      <dd>
        <Where o={d.offering} />
      </dd>
      <dt>{t('training.field.sessions')}</dt>
      <dd>
        <ul class="plain">
          {d.sessions.map((s) => (
            <li key={s.id}>
              <When value={s.starts_at} />
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

function Crumbs({ d, here }: { d: Offer; here: string }) {
  const { t, lang } = usePage();
  return (
    <Breadcrumbs
      items={[{ href: '/training', label: t('training.public.title') }, { label: titleOf(lang, d.programme) }, { label: here }]}
    />
  );
}

/** Sign up for a public offering: name, email, an optional phone; a code goes to the email. */
export function SignUpPage({ d, values = {}, errors }: { d: Offer; values?: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const open = d.offering.status === 'open';
  return (
    <Layout title={t('training.signup.title')} nav="/training">
      <Crumbs d={d} here={t('training.signup.title')} />
      <PageHeading title={t('training.signup.title')} caption={titleOf(lang, d.programme)} lead={t('training.signup.lead')} />
      <ErrorSummary errors={errors} />
      <OfferingSummary d={d} />
      {d.prerequisites?.length ? (
        <p class="panel">
          {t('training.signup.prerequisites', {
            programmes: d.prerequisites.map((x) => titleOf(lang, x)).join(lang === 'ar' ? '، ' : ', '),
          })}
        </p>
      ) : null}
      {open ? (
        <form method="post" action={href(`/training/offerings/${d.offering.id}/sign-up`)} class="panel">
          <Csrf />
          <Field name="name" label={t('training.field.your_name')} value={str(values.name)} errors={errors} autocomplete="name" required />
          <Field
            name="email"
            type="email"
            label={t('training.field.your_email')}
            hint={t('training.signup.email_hint')}
            value={str(values.email)}
            errors={errors}
            autocomplete="email"
            dir="ltr"
            required
          />
          <Field
            name="phone"
            type="tel"
            label={t('training.field.phone_optional')}
            value={str(values.phone)}
            errors={errors}
            autocomplete="tel"
            inputMode="tel"
            dir="ltr"
          />
          <p class="muted">{t('training.signup.privacy')}</p>
          <button type="submit" class="button">
            {t('training.signup.send_code')}
          </button>
        </form>
      ) : (
        <p class="panel">{t('training.signup.not_open')}</p>
      )}
    </Layout>
  );
}

/** The code from the email (the link in it does the same). */
export function GuestCodePage({ d, pending, errors }: { d: Offer; pending: string; errors?: Errors }) {
  const { t, href, lang } = usePage();
  return (
    <Layout title={t('training.signup.code_title')} nav="/training">
      <Crumbs d={d} here={t('training.signup.code_title')} />
      <PageHeading title={t('training.signup.code_title')} caption={titleOf(lang, d.programme)} lead={t('training.signup.code_lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`/training/offerings/${d.offering.id}/sign-up/verify`)} class="panel">
        <Csrf />
        <input type="hidden" name="pending" value={pending} />
        <Field
          name="code"
          label={t('training.field.code')}
          errors={errors}
          inputMode="numeric"
          autocomplete="one-time-code"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {t('training.signup.verify')}
        </button>
      </form>
      <p>
        <a href={href(`/training/offerings/${d.offering.id}/sign-up`)}>{t('training.signup.again')}</a>
      </p>
    </Layout>
  );
}

/** The page the link in the code email opens: one button confirms (a link alone changes nothing). */
export function GuestConfirmPage({ d, token }: { d: Offer; token: string }) {
  const { t, href, lang } = usePage();
  return (
    <Layout title={t('training.signup.confirm_title')} nav="/training">
      <Crumbs d={d} here={t('training.signup.confirm_title')} />
      <PageHeading
        title={t('training.signup.confirm_title')}
        caption={titleOf(lang, d.programme)}
        lead={t('training.signup.confirm_lead')}
      />
      <OfferingSummary d={d} />
      <PostButton action={href('/training/sign-up/confirm')} label={t('training.signup.confirm')} fields={{ token }} />
    </Layout>
  );
}

/**
 * A member of the public's place on an offering, through the signed link in their emails: their
 * status with a cancel button, and once seated their attendance, the assessment (taken here, as
 * they have no account), their completion and the page where anyone can verify their certificate.
 */
export function GuestManagePage({
  l,
  token,
  values,
  errors,
  pdf,
}: {
  l: GuestLearning;
  token: string;
  values?: Values;
  errors?: Errors;
  /** Whether this server prints PDFs: the certificate's PDF is linked only then. */
  pdf?: boolean;
}) {
  const { t, href, lang, num } = usePage();
  const pct = usePct();
  const { guest, programme: p } = l;
  const active = guest.status === 'enrolled' || guest.status === 'waitlisted';
  const finished = l.offering.status === 'completed' || l.offering.status === 'cancelled';
  return (
    <Layout title={t('training.signup.manage_title')} nav="/training">
      <Crumbs d={l} here={t('training.signup.manage_title')} />
      <PageHeading title={t('training.signup.manage_title')} caption={titleOf(lang, p)} />
      <ErrorSummary errors={errors} />
      <dl class="summary">
        <dt>{t('training.field.your_name')}</dt>
        <dd>{guest.name}</dd>
        <dt>{t('training.field.your_email')}</dt>
        <dd dir="ltr">{guest.email}</dd>
        <dt>{t('training.field.status')}</dt>
        <dd>
          <EnrolmentTag status={guest.status === 'pending' ? 'requested' : guest.status} position={guest.waitlist_position} />
          {guest.cancel_reason ? ` — ${t('training.signup.cancelled_by_office', { reason: guest.cancel_reason })}` : null}
        </dd>
      </dl>
      <OfferingSummary d={l} />
      {guest.status === 'enrolled' ? (
        <section>
          <h2>{t('training.signup.learning')}</h2>
          <dl class="summary">
            <dt>{t('training.field.attendance')}</dt>
            <dd>{l.result.attendance === null ? '—' : pct(l.result.attendance)}</dd>
            {p.pass_mark_pct !== null ? (
              <>
                <dt>{t('training.assessment.title')}</dt>
                <dd>
                  {l.passed
                    ? t('training.assessment.passed')
                    : t('training.assessment.rules', {
                        pct: num(p.pass_mark_pct),
                        attempts: num(p.max_attempts),
                        used: num(l.attempts.length),
                      })}
                </dd>
              </>
            ) : null}
            <dt>{t('training.field.completion')}</dt>
            <dd>
              {guest.completed_at ? (
                <>
                  <Tag>{t('training.completed')}</Tag> <Day value={guest.completed_at.slice(0, 10)} />
                </>
              ) : (
                t('training.signup.not_complete')
              )}
            </dd>
            {l.certificate ? (
              <>
                <dt>{t('training.certificate.verify')}</dt>
                <dd>
                  <a href={href(l.certificate)}>{t('training.signup.certificate_link')}</a>
                  {pdf ? (
                    <>
                      {' · '}
                      <a href={href(`${l.certificate}/certificate.pdf`)} type="application/pdf">
                        {t('training.certificate.pdf')}
                      </a>
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
          {l.canAttendByCode ? (
            <form method="post" action={href('/training/sign-up/attend')} class="panel" novalidate>
              <h3>{t('training.code.section')}</h3>
              <Csrf />
              <input type="hidden" name="token" value={token} />
              <Field
                name="code"
                label={t('training.code.enter')}
                hint={t('training.code.enter_hint')}
                value={values?.code === undefined ? undefined : String(values.code)}
                errors={errors}
                inputMode="numeric"
                autocomplete="one-time-code"
              />
              <button type="submit" class="button">
                {t('training.code.submit')}
              </button>
            </form>
          ) : null}
          <AttemptsTable attempts={l.attempts} />
          {l.open ? (
            <form method="post" action={href('/training/sign-up/assessment')} class="panel" novalidate>
              <Csrf />
              <input type="hidden" name="token" value={token} />
              <h3>{t('training.assessment.title')}</h3>
              <QuestionFields questions={l.questions} values={values} errors={errors} />
              <button type="submit" class="button">
                {t('training.assessment.submit')}
              </button>
            </form>
          ) : l.canStart ? (
            <PostButton action={href('/training/sign-up/assessment/start')} label={t('training.assessment.start')} fields={{ token }} />
          ) : null}
        </section>
      ) : null}
      {guest.status === 'enrolled' && p.assignment_ar !== null ? (
        <AssignmentSection
          programme={p}
          assignment={l.assignment}
          action="/training/sign-up/assignment"
          canSubmit={l.canSubmitAssignment}
          hidden={{ token }}
          values={values}
          errors={errors}
        />
      ) : null}
      {active && !finished && !guest.completed_at ? (
        <PostButton
          action={href('/training/sign-up/cancel')}
          label={t('training.signup.cancel')}
          tone="secondary"
          confirm={t('training.signup.cancel_confirm')}
          fields={{ token }}
        />
      ) : null}
    </Layout>
  );
}

/** The evaluation an attendee is emailed after the offering: three ratings 1–5 and a comment, anonymous. */
export function EvaluationPage({
  d,
  token,
  values = {},
  errors,
}: {
  d: { offering: OfferingRow; programme: ProgrammeRow };
  token: string;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  return (
    <Layout title={t('training.evaluation.title')} nav="/training">
      <PageHeading title={t('training.evaluation.title')} caption={titleOf(lang, d.programme)} lead={t('training.evaluation.lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href('/training/evaluation')} class="panel">
        <Csrf />
        <input type="hidden" name="token" value={token} />
        {QUESTIONS.map((q) => (
          <Choices
            key={q}
            type="radio"
            name={q}
            legend={t(`training.evaluation.q.${q}`)}
            hint={t('training.evaluation.scale')}
            options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: num(n) }))}
            values={values[q] === undefined ? [] : [String(values[q])]}
            errors={errors}
          />
        ))}
        <TextArea name="comment" label={t('training.evaluation.comment')} value={str(values.comment)} errors={errors} rows={4} />
        <button type="submit" class="button">
          {t('training.evaluation.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** What a person sees after answering (or when the link was already used). */
export function EvaluationDonePage() {
  const { t } = usePage();
  return (
    <Layout title={t('training.evaluation.title')} nav="/training">
      <PageHeading title={t('training.evaluation.title')} lead={t('training.evaluation.thanks')} />
    </Layout>
  );
}
