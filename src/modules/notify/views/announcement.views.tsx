import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Choices, Csrf, ErrorSummary, type Errors, Field, Select, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { kindLabel } from '../notify.labels.ts';
import { announcementKinds } from '../notify.tables.ts';

export interface FormProps {
  mode: 'new' | 'edit';
  action: string;
  agencies: { id: number; name_ar: string; name_en: string }[];
  services: { id: number; name_ar: string; name_en: string }[];
  values: Record<string, unknown>;
  errors?: Errors;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? undefined : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]);

/** Writing an announcement: both languages side by side, its services, and the dates it is about. */
export function AnnouncementFormPage(p: FormProps) {
  const { t, href, lang, zoneName } = usePage();
  const title = p.mode === 'new' ? t('notify.ann.new') : t('notify.ann.edit');
  const checked = new Set(list(p.values.service_ids));
  // Ticked services first, so a long list still shows what is linked.
  const services = [...p.services].sort((a, b) => Number(checked.has(String(b.id))) - Number(checked.has(String(a.id))));
  return (
    <Layout title={title} nav="/console/notify">
      <Breadcrumbs items={[{ href: '/console/announcements', label: t('notify.ann.list_title') }, { label: title }]} />
      <PageHeading title={title} lead={t('notify.ann.form_lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(p.action)} class="panel stack" noValidate>
        <Csrf />
        {p.mode === 'new' ? (
          <Select
            name="agency_id"
            label={t('field.agency')}
            value={str(p.values.agency_id)}
            errors={p.errors}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
        <Select
          name="kind"
          label={t('notify.field.kind')}
          value={str(p.values.kind)}
          errors={p.errors}
          options={announcementKinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
        />
        <Field
          name="title_ar"
          label={t('notify.field.title_ar')}
          value={str(p.values.title_ar)}
          errors={p.errors}
          lang="ar"
          dir="rtl"
          required
        />
        <Field
          name="title_en"
          label={t('notify.field.title_en')}
          value={str(p.values.title_en)}
          errors={p.errors}
          lang="en"
          dir="ltr"
          required
        />
        <TextArea
          name="body_ar"
          label={t('notify.field.body_ar')}
          hint={t('notify.field.body_hint')}
          value={str(p.values.body_ar)}
          errors={p.errors}
          lang="ar"
          dir="rtl"
          rows={8}
        />
        <TextArea
          name="body_en"
          label={t('notify.field.body_en')}
          hint={t('notify.field.body_hint')}
          value={str(p.values.body_en)}
          errors={p.errors}
          lang="en"
          dir="ltr"
          rows={8}
        />
        <Field
          name="starts_at"
          type="datetime-local"
          label={t('notify.field.starts_at')}
          hint={t('notify.field.starts_hint', { zone: zoneName })}
          value={str(p.values.starts_at)}
          errors={p.errors}
        />
        <Field name="ends_at" type="datetime-local" label={t('notify.field.ends_at')} value={str(p.values.ends_at)} errors={p.errors} />
        <Field
          name="publish_at"
          type="datetime-local"
          label={t('notify.field.publish_at')}
          hint={t('notify.field.publish_hint')}
          value={str(p.values.publish_at)}
          errors={p.errors}
        />
        {services.length ? (
          <Choices
            name="service_ids"
            legend={t('notify.field.services')}
            hint={t('notify.field.services_hint')}
            errors={p.errors}
            values={[...checked]}
            options={services.map((s) => ({ value: String(s.id), label: pick(lang, s, 'name') }))}
          />
        ) : (
          <p class="hint">{t('notify.field.no_services')}</p>
        )}
        <button type="submit" class="button">
          {t('notify.ann.save_draft')}
        </button>
      </form>
    </Layout>
  );
}

/** For someone working for several agencies: which one is announcing? */
export function ChooseAgencyPage({ agencies }: { agencies: { id: number; name_ar: string; name_en: string }[] }) {
  const { t, href, lang } = usePage();
  return (
    <Layout title={t('notify.ann.new')} nav="/console/notify">
      <PageHeading title={t('notify.ann.new')} lead={t('notify.ann.choose_agency')} />
      <form method="get" action={href('/console/announcements/new')} class="panel stack">
        <Select
          name="agency"
          label={t('field.agency')}
          options={agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
        <button type="submit" class="button">
          {t('notify.ann.continue')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * Exactly what each language's subscribers will receive, at phone width: the email itself in a
 * sandboxed frame (the same rendering the dispatcher sends), its subject, and the text message.
 */
export function PreviewPage(p: { id: number; title: string; subjects: { ar: string; en: string }; sms: { ar: string; en: string } }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('notify.preview.title')} nav="/console/notify">
      <Breadcrumbs
        items={[
          { href: '/console/announcements', label: t('notify.ann.list_title') },
          { href: `/console/announcements/${p.id}`, label: p.title },
          { label: t('notify.preview.title') },
        ]}
      />
      <PageHeading title={t('notify.preview.title')} lead={t('notify.preview.lead')} />
      <div class="previews">
        {(['ar', 'en'] as const).map((l) => (
          <section key={l} aria-labelledby={`preview-${l}`}>
            <h2 id={`preview-${l}`} lang={l}>
              {l === 'ar' ? 'العربية' : 'English'}
            </h2>
            <p>
              <strong>{t('notify.preview.subject')}</strong>{' '}
              <span lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
                {p.subjects[l]}
              </span>
            </p>
            <iframe
              src={href(`/console/announcements/${p.id}/preview/${l}`)}
              title={t('notify.preview.frame', { lang: l === 'ar' ? 'العربية' : 'English' })}
              width={360}
              height={720}
              loading="lazy"
            />
            <p>
              <strong>{t('notify.preview.sms')}</strong>
            </p>
            <pre class="json" tabIndex={0} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
              {p.sms[l]}
            </pre>
          </section>
        ))}
      </div>
    </Layout>
  );
}
