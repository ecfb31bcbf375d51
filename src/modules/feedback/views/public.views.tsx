import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Choices, Csrf, ErrorSummary, type Errors, Field, Select, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { FragmentCache } from '../../../platform/views/render.tsx';
import type { Agency } from '../../identity/public.ts';
import { categoryLabel, kindLabel, notifyByLabel } from '../feedback.labels.ts';
import type { Question } from '../feedback.schema.ts';
import { caseCategories, caseKinds } from '../feedback.tables.ts';
import { AttachmentField, Honeypot, ScaleQuestion } from './parts.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Blank rating fields by language and question set (every public service page shows them). */
const blankFields = new FragmentCache();

/** The rating questions and the comment box, shared by the service page and the rating page. */
export function RatingFields(p: { questions: Question[]; values?: Values; errors?: Errors }) {
  const page = usePage();
  // Blank, they depend only on the language and the questions: rendered once, not on every page.
  if (p.errors === undefined && (p.values === undefined || Object.keys(p.values).length === 0)) {
    return blankFields.render(page, `${page.lang}:${JSON.stringify(p.questions)}`, () => <FreshRatingFields questions={p.questions} />);
  }
  return <FreshRatingFields {...p} />;
}

function FreshRatingFields({ questions, values = {}, errors }: { questions: Question[]; values?: Values; errors?: Errors }) {
  const { t, lang } = usePage();
  const question = (q: Question) => (
    <ScaleQuestion
      key={q.driver}
      name={`q_${q.driver}`}
      legend={q[lang]}
      hint={q.staff ? t('feedback.rate.staff_hint') : undefined}
      value={str(values[`q_${q.driver}`])}
      errors={errors}
      optional
    />
  );
  // One question first (as GSA Touchpoints does); the others and the comment behind a disclosure,
  // open when the person already answered one of them or one has an error.
  const [first, ...rest] = questions;
  const restNames = [...rest.map((q) => `q_${q.driver}`), 'comment'];
  const open = restNames.some((n) => str(values[n]) || errors?.some((e) => e.field === n));
  return (
    <>
      {first ? question(first) : null}
      <details class="more-questions" open={open}>
        <summary>{t('feedback.rate.more')}</summary>
        {rest.map(question)}
        <TextArea
          name="comment"
          label={t('feedback.rate.comment')}
          hint={t('feedback.rate.comment_hint')}
          rows={4}
          value={str(values.comment)}
          errors={errors}
        />
      </details>
      <Honeypot />
    </>
  );
}

export function RatingForm(p: { identifier: string; questions: Question[]; values?: Values; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <form method="post" action={href(`/feedback/rate/${p.identifier}`)} class="stack">
      <Csrf />
      <RatingFields questions={p.questions} values={p.values} errors={p.errors} />
      <button type="submit" class="button">
        {t('feedback.rate.submit')}
      </button>
    </form>
  );
}

/** The rating form on a page of its own (where a mistake in the form is shown). */
export function RatePage(p: { identifier: string; serviceName: string; questions: Question[]; values?: Values; errors?: Errors }) {
  const { t } = usePage();
  return (
    <Layout title={t('feedback.rate.page_title', { service: p.serviceName })} nav="/services">
      <Breadcrumbs
        items={[
          { href: '/', label: t('portal.home.title') },
          { href: `/services/${p.identifier}`, label: p.serviceName },
          { label: t('feedback.rate.title') },
        ]}
      />
      <PageHeading title={t('feedback.rate.page_title', { service: p.serviceName })} lead={t('feedback.rate.lead')} />
      <ErrorSummary errors={p.errors} />
      <RatingForm identifier={p.identifier} questions={p.questions} values={p.values} errors={p.errors} />
    </Layout>
  );
}

/** The form for a complaint, inquiry or suggestion: multipart (a few attachments), the CSRF token in the address. */
export function CaseFormPage(p: {
  agencies: Agency[];
  service?: { id: number; name: string; identifier: string };
  values: Values;
  errors?: Errors;
}) {
  const { t, lang, href } = usePage();
  const v = p.values;
  return (
    <Layout title={t('feedback.case_form.title')} nav="/feedback/new">
      <PageHeading title={t('feedback.case_form.title')} lead={t('feedback.case_form.lead')} />
      <ErrorSummary
        errors={p.errors}
        labels={{
          kind: t('feedback.field.kind'),
          agency_id: t('feedback.field.agency'),
          category: t('feedback.field.category'),
          subject: t('feedback.field.subject'),
          body: t('feedback.field.body'),
          contact_name: t('feedback.field.contact_name'),
          contact_email: t('feedback.field.contact_email'),
          contact_phone: t('feedback.field.contact_phone'),
          notify_by: t('feedback.field.notify_by'),
        }}
      />
      {/* The server checks every field and answers in the page's language; the browser's own bubbles would not. */}
      <form method="post" action={href('/feedback/new')} encType="multipart/form-data" class="stack panel" noValidate>
        <Csrf />
        <Choices
          type="radio"
          name="kind"
          legend={t('feedback.field.kind')}
          values={[str(v.kind) ?? 'complaint']}
          errors={p.errors}
          options={caseKinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
        />
        {p.service ? (
          <p>
            <input type="hidden" name="service_id" value={String(p.service.id)} />
            {t('feedback.case_form.about_service', { service: p.service.name })}
          </p>
        ) : null}
        <Select
          name="agency_id"
          label={t('feedback.field.agency')}
          value={str(v.agency_id)}
          blank={t('feedback.field.agency_choose')}
          required
          errors={p.errors}
          options={p.agencies
            .map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))
            .sort((a, b) => a.label.localeCompare(b.label, lang))}
        />
        <Select
          name="category"
          label={t('feedback.field.category')}
          value={str(v.category) ?? 'service_quality'}
          errors={p.errors}
          options={caseCategories.map((c) => ({ value: c, label: t(categoryLabel[c]) }))}
        />
        <Field name="subject" label={t('feedback.field.subject')} value={str(v.subject)} required errors={p.errors} />
        <TextArea
          name="body"
          label={t('feedback.field.body')}
          hint={t('feedback.field.body_hint')}
          rows={8}
          value={str(v.body)}
          required
          errors={p.errors}
        />
        <AttachmentField errors={p.errors} />
        <fieldset>
          <legend>{t('feedback.case_form.contact_legend')}</legend>
          <p class="hint">{t('feedback.case_form.contact_hint')}</p>
          <Field
            name="contact_name"
            label={t('feedback.field.contact_name')}
            value={str(v.contact_name)}
            autocomplete="name"
            errors={p.errors}
          />
          <Field
            name="contact_email"
            type="email"
            label={t('feedback.field.contact_email')}
            value={str(v.contact_email)}
            autocomplete="email"
            dir="ltr"
            errors={p.errors}
          />
          <Field
            name="contact_phone"
            type="tel"
            label={t('feedback.field.contact_phone')}
            value={str(v.contact_phone)}
            autocomplete="tel"
            dir="ltr"
            inputMode="tel"
            errors={p.errors}
          />
          <Choices
            type="radio"
            name="notify_by"
            legend={t('feedback.field.notify_by')}
            values={[str(v.notify_by) ?? 'email']}
            errors={p.errors}
            options={Object.entries(notifyByLabel).map(([value, key]) => ({ value, label: t(key) }))}
          />
          <p class="muted">
            {t('feedback.case_form.privacy')} <a href={href('/privacy')}>{t('feedback.case_form.privacy_link')}</a>
          </p>
        </fieldset>
        <Honeypot />
        <button type="submit" class="button">
          {t('feedback.case_form.submit')}
        </button>
      </form>
      <p>
        <a href={href('/feedback/track')}>{t('feedback.track.title')}</a>
      </p>
    </Layout>
  );
}

/** After a submission that created nothing new: a repeat of an earlier case, or what the honeypot caught. */
export function ReceivedPage({ tracking }: { tracking?: string }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('feedback.received.title')} nav="/feedback/new">
      <PageHeading title={t('feedback.received.title')} />
      <p class="lead">{tracking ? t('feedback.received.duplicate', { tracking }) : t('feedback.received.body')}</p>
      <p>
        <a href={href('/services')}>{t('feedback.received.back')}</a>
      </p>
    </Layout>
  );
}

/** Asks for the status link again, to be sent to the contact on file. */
export function TrackPage({ values = {}, errors }: { values?: Values; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('feedback.track.title')} nav="/feedback/new">
      <PageHeading title={t('feedback.track.title')} lead={t('feedback.track.lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href('/feedback/track')} class="stack panel">
        <Csrf />
        <Field
          name="tracking_no"
          label={t('feedback.field.tracking_no')}
          hint={t('feedback.field.tracking_no_hint')}
          value={str(values.tracking_no)}
          dir="ltr"
          required
          errors={errors}
        />
        <Field name="contact" label={t('feedback.field.contact')} value={str(values.contact)} dir="ltr" required errors={errors} />
        <Honeypot />
        <button type="submit" class="button">
          {t('feedback.track.submit')}
        </button>
      </form>
    </Layout>
  );
}
