import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  Select,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { audienceLabel, availabilityLabel, channelTypeLabel, durationUnitLabel, lifecycleLabel, maturityLabel } from '../catalog.labels.ts';
import type { TermRow } from '../catalog.repo.ts';
import { audiences, availabilities, channelTypes, lifecycleStatuses, maturities } from '../catalog.schema.ts';
import { durationUnits, formatDuration } from '../format.ts';

type Values = Record<string, unknown>;
const s = (v: unknown) => (v == null ? '' : String(v));
const arr = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
const rowsOf = (v: Values, prefix: string, extra: number) => {
  const used = Object.keys(v)
    .map((k) => new RegExp(`^${prefix}_(\\d+)_`).exec(k)?.[1])
    .filter(Boolean)
    .map(Number);
  const n = used.length ? Math.max(...used) + 1 : 0;
  return Array.from({ length: n + extra }, (_, i) => i);
};

/** Create or edit a service's draft: every part of the record, usable without JavaScript. */
export function ServiceFormPage(p: {
  mode: 'new' | 'edit';
  action: string;
  title: string;
  values: Values;
  errors?: Errors;
  terms: TermRow[];
  agencies?: Agency[];
  serviceId?: number;
}) {
  const { t, lang } = usePage();
  const label = useLabel();
  const v = p.values;
  const e = p.errors;
  const termOptions = (kind: string) =>
    p.terms.filter((x) => x.kind === kind).map((x) => ({ value: x.code, label: pick(lang, x, 'name') }));
  const channelOptions = channelTypes.map((c) => ({ value: c, label: label(channelTypeLabel, c) }));
  return (
    <Layout title={p.title} nav="/console/services">
      <Breadcrumbs
        items={[
          { href: '/console/services', label: t('cservice.list.title') },
          ...(p.serviceId
            ? [{ href: `/console/services/${p.serviceId}`, label: s(v.name_ar && lang === 'ar' ? v.name_ar : v.name_en) || '…' }]
            : []),
          { label: p.title },
        ]}
      />
      <PageHeading title={p.title} />
      <ErrorSummary errors={e} />
      <form method="post" action={p.action} class="panel service-form" noValidate>
        <Csrf />
        <fieldset>
          <legend>{t('cservice.section.basics')}</legend>
          {p.mode === 'new' ? (
            <>
              <Field
                name="identifier"
                label={t('field.identifier')}
                hint={t('field.identifier_hint')}
                value={s(v.identifier)}
                errors={e}
                dir="ltr"
                required
              />
              {p.agencies && p.agencies.length > 0 ? (
                <Select
                  name="agency_id"
                  label={t('field.agency')}
                  value={s(v.agency_id)}
                  options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
                  errors={e}
                />
              ) : null}
            </>
          ) : null}
          <Field name="name_ar" label={t('field.service_name_ar')} value={s(v.name_ar)} errors={e} lang="ar" dir="rtl" required />
          <Field name="name_en" label={t('field.service_name_en')} value={s(v.name_en)} errors={e} lang="en" dir="ltr" required />
          <TextArea
            name="description_ar"
            label={t('field.description_ar')}
            value={s(v.description_ar)}
            errors={e}
            lang="ar"
            dir="rtl"
            rows={5}
          />
          <TextArea
            name="description_en"
            label={t('field.description_en')}
            value={s(v.description_en)}
            errors={e}
            lang="en"
            dir="ltr"
            rows={5}
          />
          <Select
            name="status"
            label={t('field.lifecycle')}
            value={s(v.status) || 'planned'}
            options={lifecycleStatuses.map((x) => ({ value: x, label: label(lifecycleLabel, x) }))}
            errors={e}
          />
          <Select
            name="maturity"
            label={t('field.maturity')}
            value={s(v.maturity) || 'informational'}
            options={maturities.map((x) => ({ value: x, label: label(maturityLabel, x) }))}
            errors={e}
          />
        </fieldset>
        <fieldset>
          <legend>{t('cservice.section.classification')}</legend>
          <Choices
            name="audiences"
            legend={t('field.audiences')}
            options={audiences.map((a) => ({ value: a, label: label(audienceLabel, a) }))}
            values={arr(v.audiences)}
            errors={e}
          />
          <Choices
            name="categories"
            legend={t('field.categories')}
            options={termOptions('category')}
            values={arr(v.categories)}
            errors={e}
          />
          <Choices
            name="life_events"
            legend={t('field.life_events')}
            options={termOptions('life_event')}
            values={arr(v.life_events)}
            errors={e}
          />
          <Choices
            name="business_events"
            legend={t('field.business_events')}
            options={termOptions('business_event')}
            values={arr(v.business_events)}
            errors={e}
          />
          <Field
            name="keywords_ar"
            label={t('field.keywords_ar')}
            hint={t('cservice.keywords_hint')}
            value={s(v.keywords_ar)}
            errors={e}
            lang="ar"
            dir="rtl"
          />
          <Field name="keywords_en" label={t('field.keywords_en')} value={s(v.keywords_en)} errors={e} lang="en" dir="ltr" />
        </fieldset>
        <fieldset>
          <legend>{t('cservice.section.channels')}</legend>
          <p class="hint">{t('cservice.blank_rows_hint')}</p>
          {rowsOf(v, 'channel', 2).map((i) => (
            <fieldset class="row-group" key={i}>
              <legend>{t('cservice.channel_row', { n: i + 1 })}</legend>
              <Select
                name={`channel_${i}_type`}
                label={t('field.channel_type')}
                value={s(v[`channel_${i}_type`])}
                blank="—"
                options={channelOptions}
                errors={e}
              />
              <Field name={`channel_${i}_url`} type="url" label={t('field.url')} value={s(v[`channel_${i}_url`])} errors={e} dir="ltr" />
              <Field
                name={`channel_${i}_phone`}
                type="tel"
                label={t('field.phone')}
                value={s(v[`channel_${i}_phone`])}
                errors={e}
                dir="ltr"
              />
              <Select
                name={`channel_${i}_availability`}
                label={t('field.availability')}
                value={s(v[`channel_${i}_availability`]) || 'business_hours'}
                options={availabilities.map((a) => ({ value: a, label: label(availabilityLabel, a) }))}
                errors={e}
              />
              <Field
                name={`channel_${i}_hours_ar`}
                label={t('field.hours_ar')}
                value={s(v[`channel_${i}_hours_ar`])}
                errors={e}
                lang="ar"
                dir="rtl"
              />
              <Field
                name={`channel_${i}_hours_en`}
                label={t('field.hours_en')}
                value={s(v[`channel_${i}_hours_en`])}
                errors={e}
                lang="en"
                dir="ltr"
              />
            </fieldset>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('cservice.section.requirements')}</legend>
          <p class="hint">{t('cservice.lines_hint')}</p>
          <TextArea
            name="requirements_ar"
            label={t('field.requirements_ar')}
            value={s(v.requirements_ar)}
            errors={e}
            lang="ar"
            dir="rtl"
            rows={4}
          />
          <TextArea
            name="requirements_en"
            label={t('field.requirements_en')}
            value={s(v.requirements_en)}
            errors={e}
            lang="en"
            dir="ltr"
            rows={4}
          />
          <TextArea name="documents_ar" label={t('field.documents_ar')} value={s(v.documents_ar)} errors={e} lang="ar" dir="rtl" rows={4} />
          <TextArea name="documents_en" label={t('field.documents_en')} value={s(v.documents_en)} errors={e} lang="en" dir="ltr" rows={4} />
          <TextArea name="outputs_ar" label={t('field.outputs_ar')} value={s(v.outputs_ar)} errors={e} lang="ar" dir="rtl" rows={2} />
          <TextArea name="outputs_en" label={t('field.outputs_en')} value={s(v.outputs_en)} errors={e} lang="en" dir="ltr" rows={2} />
        </fieldset>
        <fieldset>
          <legend>{t('cservice.section.fees')}</legend>
          <p class="hint">{t('cservice.blank_rows_hint')}</p>
          {rowsOf(v, 'fee', 1).map((i) => (
            <fieldset class="row-group" key={i}>
              <legend>{t('cservice.fee_row', { n: i + 1 })}</legend>
              <Field
                name={`fee_${i}_amount`}
                label={t('field.amount')}
                value={s(v[`fee_${i}_amount`])}
                errors={e}
                dir="ltr"
                inputMode="decimal"
              />
              <Field
                name={`fee_${i}_currency`}
                label={t('field.currency')}
                value={s(v[`fee_${i}_currency`]) || 'SAR'}
                errors={e}
                dir="ltr"
              />
              <Select
                name={`fee_${i}_channel`}
                label={t('service.fee_channel')}
                value={s(v[`fee_${i}_channel`])}
                blank={t('service.fee_all_channels')}
                options={channelOptions}
                errors={e}
              />
              <Field
                name={`fee_${i}_desc_ar`}
                label={t('field.fee_description_ar')}
                value={s(v[`fee_${i}_desc_ar`])}
                errors={e}
                lang="ar"
                dir="rtl"
              />
              <Field
                name={`fee_${i}_desc_en`}
                label={t('field.fee_description_en')}
                value={s(v[`fee_${i}_desc_en`])}
                errors={e}
                lang="en"
                dir="ltr"
              />
            </fieldset>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('cservice.section.time')}</legend>
          <DurationField name="processing_time" legend={t('field.processing_time')} values={v} errors={e} />
          <DurationField name="sla_target" legend={t('field.sla_target')} values={v} errors={e} />
          <TextArea
            name="legal_ar"
            label={t('field.legal_basis_ar')}
            hint={t('cservice.legal_hint')}
            value={s(v.legal_ar)}
            errors={e}
            lang="ar"
            dir="rtl"
            rows={2}
          />
          <TextArea name="legal_en" label={t('field.legal_basis_en')} value={s(v.legal_en)} errors={e} lang="en" dir="ltr" rows={2} />
        </fieldset>
        <button type="submit" class="button">
          {t('cservice.save_draft')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * A duration as a number and a unit people understand (not ISO 8601). A stored duration of several
 * units (from an import) rides along unchanged in a hidden field until a number replaces it.
 */
function DurationField({ name, legend, values, errors }: { name: string; legend: string; values: Values; errors?: Errors }) {
  const { t, lang } = usePage();
  const label = useLabel();
  const kept = s(values[name]);
  const now = kept ? formatDuration(lang, kept) : null;
  return (
    <fieldset class="row-group duration">
      <legend>{legend}</legend>
      <p class="hint">{now ? t('cservice.duration_kept', { duration: now }) : t('cservice.duration_hint')}</p>
      {kept ? <input type="hidden" name={name} value={kept} /> : null}
      <div class="filters">
        <Field
          name={`${name}_amount`}
          label={t('cservice.duration_amount')}
          value={s(values[`${name}_amount`])}
          errors={errors}
          inputMode="numeric"
        />
        <Select
          name={`${name}_unit`}
          label={t('cservice.duration_unit')}
          value={s(values[`${name}_unit`]) || 'days'}
          errors={errors}
          options={durationUnits.map((u) => ({ value: u, label: label(durationUnitLabel, u) }))}
        />
      </div>
    </fieldset>
  );
}
