import { pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type Errors, Field, PostButton, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { categoryLabel } from '../feedback.labels.ts';
import { caseCategories } from '../feedback.tables.ts';
import type { PolicyRow } from '../settings.repo.ts';
import { FALLBACK_POLICY } from '../sla.service.ts';
import { FeedbackNav } from './parts.tsx';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** SLA targets per agency and topic, in working hours; the program office also sets the defaults. */
export function SlaPage(p: {
  policies: PolicyRow[];
  agencies: Agency[];
  programDefaults: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, lang, href, num } = usePage();
  const names = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  const hours = (m: number) => num(Math.round((m / 60) * 100) / 100);
  const v = p.values ?? {};
  return (
    <Layout title={t('feedback.sla_page.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.sla_page.title')} lead={t('feedback.sla_page.lead')} />
      <FeedbackNav current="/console/feedback/sla" />
      <p>{t('feedback.sla_page.fallback', { first: FALLBACK_POLICY.firstResponseHours, resolution: FALLBACK_POLICY.resolutionHours })}</p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('feedback.sla_page.current')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feedback.field.agency')}</th>
              <th scope="col">{t('feedback.field.category')}</th>
              <th scope="col" class="num">
                {t('feedback.field.first_response_hours')}
              </th>
              <th scope="col" class="num">
                {t('feedback.field.resolution_hours')}
              </th>
              <th scope="col" class="num">
                {t('feedback.field.warn_percent')}
              </th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.policies.map((r) => (
              <tr key={r.id}>
                <td>{r.agency_id === null ? t('feedback.sla_page.program_default') : (names.get(r.agency_id) ?? r.agency_id)}</td>
                <td>{r.category ? t(categoryLabel[r.category]) : t('feedback.sla_page.all_categories')}</td>
                <td class="num">{hours(r.first_response_minutes)}</td>
                <td class="num">{hours(r.resolution_minutes)}</td>
                <td class="num">{num(r.warn_permille ? r.warn_permille / 10 : 80)}</td>
                <td>
                  {r.agency_id !== null || p.programDefaults ? (
                    <PostButton
                      action={href(`/console/feedback/sla/${r.id}/delete`)}
                      label={t('feedback.action.delete')}
                      tone="danger"
                      confirm={t('feedback.confirm.delete')}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/console/feedback/sla')} class="stack panel">
        <h2>{t('feedback.sla_page.set')}</h2>
        <Csrf />
        <Select
          name="agency_id"
          label={t('feedback.field.agency')}
          value={str(v.agency_id)}
          blank={p.programDefaults ? t('feedback.sla_page.program_default') : undefined}
          errors={p.errors}
          options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
        <Select
          name="category"
          label={t('feedback.field.category')}
          value={str(v.category)}
          blank={t('feedback.sla_page.all_categories')}
          errors={p.errors}
          options={caseCategories.map((c) => ({ value: c, label: t(categoryLabel[c]) }))}
        />
        <Field
          name="first_response_hours"
          type="number"
          step="0.25"
          min="0.25"
          label={t('feedback.field.first_response_hours')}
          value={str(v.first_response_hours)}
          required
          errors={p.errors}
        />
        <Field
          name="resolution_hours"
          type="number"
          step="0.25"
          min="0.25"
          label={t('feedback.field.resolution_hours')}
          value={str(v.resolution_hours)}
          required
          errors={p.errors}
        />
        <Field
          name="warn_percent"
          type="number"
          min="1"
          max="100"
          label={t('feedback.field.warn_percent')}
          hint={t('feedback.field.warn_percent_hint')}
          value={str(v.warn_percent)}
          errors={p.errors}
        />
        <button type="submit" class="button">
          {t('feedback.sla_page.save')}
        </button>
      </form>
    </Layout>
  );
}
