import { pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type Errors, Field, PostButton, Select, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { TemplateRow } from '../settings.repo.ts';
import { FeedbackNav } from './parts.tsx';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function TemplateForm(p: {
  action: string;
  agencies: Agency[];
  programWide: boolean;
  values: Record<string, unknown>;
  errors?: Errors;
  submit: string;
}) {
  const { t, lang } = usePage();
  const v = p.values;
  return (
    <form method="post" action={p.action} class="stack panel">
      <Csrf />
      <Select
        name="agency_id"
        label={t('feedback.field.agency')}
        value={str(v.agency_id)}
        blank={p.programWide ? t('feedback.templates.program_wide') : undefined}
        errors={p.errors}
        options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
      />
      <Field name="title_ar" label={t('feedback.field.title_ar')} value={str(v.title_ar)} dir="rtl" lang="ar" required errors={p.errors} />
      <Field name="title_en" label={t('feedback.field.title_en')} value={str(v.title_en)} dir="ltr" lang="en" required errors={p.errors} />
      <TextArea
        name="body_ar"
        label={t('feedback.field.body_ar')}
        value={str(v.body_ar)}
        dir="rtl"
        lang="ar"
        rows={5}
        required
        errors={p.errors}
      />
      <TextArea
        name="body_en"
        label={t('feedback.field.body_en')}
        value={str(v.body_en)}
        dir="ltr"
        lang="en"
        rows={5}
        required
        errors={p.errors}
      />
      <button type="submit" class="button">
        {p.submit}
      </button>
    </form>
  );
}

/** Reply templates in both languages: the agency's own and the program-wide ones. */
export function TemplatesPage(p: {
  templates: TemplateRow[];
  /** Every agency (to name each template's). */
  agencies: Agency[];
  /** The agencies the person may write templates for: the form offers only these. */
  formAgencies: Agency[];
  editable: (t: TemplateRow) => boolean;
  programWide: boolean;
  canCreate: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, lang, href } = usePage();
  const names = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  return (
    <Layout title={t('feedback.templates.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.templates.title')} lead={t('feedback.templates.lead')} />
      <FeedbackNav current="/console/feedback/templates" />
      {p.templates.length === 0 ? <p>{t('feedback.templates.empty')}</p> : null}
      <ul>
        {p.templates.map((tp) => (
          <li key={tp.id} class="panel">
            <h2>{pick(lang, tp, 'title')}</h2>
            <p class="muted">{tp.agency_id === null ? t('feedback.templates.program_wide') : names.get(tp.agency_id)}</p>
            <p>{lang === 'ar' ? tp.body_ar : tp.body_en}</p>
            {p.editable(tp) ? (
              <div class="actions">
                <a href={href(`/console/feedback/templates/${tp.id}`)}>{t('action.edit')}</a>
                <PostButton
                  action={href(`/console/feedback/templates/${tp.id}/delete`)}
                  label={t('feedback.action.delete')}
                  tone="danger"
                  confirm={t('feedback.confirm.delete')}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {p.canCreate ? (
        <>
          <h2>{t('feedback.templates.new')}</h2>
          <ErrorSummary errors={p.errors} />
          <TemplateForm
            action={href('/console/feedback/templates')}
            agencies={p.formAgencies}
            programWide={p.programWide}
            values={p.values ?? {}}
            errors={p.errors}
            submit={t('feedback.templates.create')}
          />
        </>
      ) : null}
    </Layout>
  );
}

export function TemplateEditPage(p: {
  template: TemplateRow;
  agencies: Agency[];
  programWide: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const tp = p.template;
  const values = p.values ?? { ...tp, agency_id: tp.agency_id === null ? '' : String(tp.agency_id) };
  return (
    <Layout title={t('feedback.templates.edit')} nav="/console/feedback">
      <PageHeading title={t('feedback.templates.edit')} />
      <FeedbackNav current="/console/feedback/templates" />
      <ErrorSummary errors={p.errors} />
      <TemplateForm
        action={href(`/console/feedback/templates/${tp.id}`)}
        agencies={p.agencies}
        programWide={p.programWide}
        values={values}
        errors={p.errors}
        submit={t('action.save')}
      />
    </Layout>
  );
}
