import { Csrf, DateTime, ErrorSummary, type Errors, Field } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Question } from '../feedback.schema.ts';
import { FeedbackNav, useDriverLabel } from './parts.tsx';

interface Version {
  version: number;
  questions: Question[];
  created_at: string;
  created_by: string;
}

function Check({ id, name, label, checked }: { id: string; name: string; label: string; checked: boolean }) {
  return (
    <div class="choice">
      <input type="checkbox" id={id} name={name} value="on" checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** The rating questions: edit the wording, drop or add drivers, publish as a new version. */
export function QuestionsPage(p: { versions: Version[]; errors?: Errors }) {
  const { t, href } = usePage();
  const driver = useDriverLabel();
  const current = p.versions[0];
  return (
    <Layout title={t('feedback.questions.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.questions.title')} lead={t('feedback.questions.lead')} />
      <FeedbackNav current="/console/feedback/questions" />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/console/feedback/questions')} class="stack">
        <Csrf />
        {current.questions.map((q, i) => (
          <fieldset key={q.driver} class="row-group">
            <legend>
              {driver(q.driver)} <span class="ltr muted">({q.driver})</span>
            </legend>
            <input type="hidden" name={`driver_${i}`} value={q.driver} />
            <Field name={`ar_${i}`} label={t('feedback.field.question_ar')} value={q.ar} dir="rtl" lang="ar" errors={p.errors} />
            <Field name={`en_${i}`} label={t('feedback.field.question_en')} value={q.en} dir="ltr" lang="en" errors={p.errors} />
            <Check id={`f-staff_${i}`} name={`staff_${i}`} label={t('feedback.field.staff_only')} checked={q.staff} />
            {q.driver === 'satisfied' ? (
              <input type="hidden" name={`keep_${i}`} value="on" />
            ) : (
              <Check id={`f-keep_${i}`} name={`keep_${i}`} label={t('feedback.field.keep')} checked />
            )}
          </fieldset>
        ))}
        <fieldset class="row-group">
          <legend>{t('feedback.questions.new')}</legend>
          <Field name="driver_new" label={t('feedback.field.driver')} hint={t('feedback.field.driver_hint')} dir="ltr" errors={p.errors} />
          <Field name="ar_new" label={t('feedback.field.question_ar')} dir="rtl" lang="ar" errors={p.errors} />
          <Field name="en_new" label={t('feedback.field.question_en')} dir="ltr" lang="en" errors={p.errors} />
          <Check id="f-staff_new" name="staff_new" label={t('feedback.field.staff_only')} checked={false} />
        </fieldset>
        <button type="submit" class="button">
          {t('feedback.questions.save')}
        </button>
      </form>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('feedback.questions.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feedback.questions.version')}</th>
              <th scope="col">{t('feedback.questions.drivers')}</th>
              <th scope="col">{t('field.created_at')}</th>
            </tr>
          </thead>
          <tbody>
            {p.versions.map((v) => (
              <tr key={v.version}>
                <th scope="row" class="num">
                  {v.version}
                </th>
                <td>{v.questions.map((q) => driver(q.driver)).join(' · ')}</td>
                <td>
                  <DateTime value={v.created_at} /> <span class="muted">{v.created_by}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
