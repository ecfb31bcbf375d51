import {
  Breadcrumbs,
  Choices,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { answerTypeLabel, directionLabel, methodLabel } from '../measure.labels.ts';
import type { FrameworkRow } from '../repo/frameworks.repo.ts';
import { answerTypes, type FrameworkNode, methods } from '../scoring/framework.schema.ts';
import { sourceFor } from '../sources.ts';
import { MeasureLayout, nameOf } from './common.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function Crumbs({ row, label }: { row: FrameworkRow; label: string }) {
  const { t } = usePage();
  return (
    <Breadcrumbs
      items={[
        { href: '/console/measure', label: t('measure.title') },
        { href: '/console/measure/frameworks', label: t('measure.frameworks.title') },
        { href: `/console/measure/frameworks/${row.id}`, label: `${row.key} ${row.version}` },
        { label },
      ]}
    />
  );
}

/** A node's names in both languages. */
function NameFields({ values, errors }: { values: Values; errors?: Errors }) {
  const { t } = usePage();
  return (
    <>
      <Field
        name="name_ar"
        label={t('measure.framework.name_ar')}
        value={str(values.name_ar)}
        lang="ar"
        dir="rtl"
        errors={errors}
        required
      />
      <Field
        name="name_en"
        label={t('measure.framework.name_en')}
        value={str(values.name_en)}
        lang="en"
        dir="ltr"
        errors={errors}
        required
      />
    </>
  );
}

/** A node's weight among its siblings. */
function WeightField({ values, errors }: { values: Values; errors?: Errors }) {
  const { t } = usePage();
  return (
    <Field
      name="weight"
      label={t('measure.framework.weight')}
      hint={t('measure.framework.weight_hint')}
      value={str(values.weight)}
      inputMode="decimal"
      errors={errors}
      required
    />
  );
}

/** Scale, decimals, root method and the stages with their thresholds; one blank row adds a stage. */
export function FrameworkSettingsPage({ row, values, errors }: { row: FrameworkRow; values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const stages = (values.stages as Values[] | undefined) ?? [];
  const rows = [...stages, {}];
  return (
    <MeasureLayout title={t('measure.framework.edit_settings')}>
      <Crumbs row={row} label={t('measure.framework.edit_settings')} />
      <PageHeading title={t('measure.framework.edit_settings')} lead={t('measure.framework.settings_lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`/console/measure/frameworks/${row.id}/settings`)} class="panel">
        <Csrf />
        <Field
          name="scale_max"
          label={t('measure.framework.scale_max')}
          value={str(values.scale_max)}
          inputMode="decimal"
          errors={errors}
        />
        <Field name="decimals" label={t('measure.framework.decimals')} value={str(values.decimals)} inputMode="numeric" errors={errors} />
        <Select
          name="method"
          label={t('measure.framework.method')}
          value={str(values.method)}
          options={methods.map((m) => ({ value: m, label: t(methodLabel[m]) }))}
          errors={errors}
        />
        <h2>{t('measure.framework.stages')}</h2>
        <p class="hint">{t('measure.framework.stages_hint')}</p>
        {rows.map((s, i) => (
          <fieldset class="row-group" key={i}>
            <legend>{t('measure.framework.stage_n', { n: i + 1 })}</legend>
            <Field name={`stages.${i}.key`} label={t('measure.framework.key')} value={str(s.key)} dir="ltr" errors={errors} />
            <Field
              name={`stages.${i}.name_ar`}
              label={t('measure.framework.name_ar')}
              value={str(s.name_ar)}
              lang="ar"
              dir="rtl"
              errors={errors}
            />
            <Field
              name={`stages.${i}.name_en`}
              label={t('measure.framework.name_en')}
              value={str(s.name_en)}
              lang="en"
              dir="ltr"
              errors={errors}
            />
            <Field
              name={`stages.${i}.min`}
              label={t('measure.framework.stage_min')}
              value={str(s.min)}
              inputMode="decimal"
              errors={errors}
            />
          </fieldset>
        ))}
        <button type="submit" class="button">
          {t('measure.save')}
        </button>
      </form>
    </MeasureLayout>
  );
}

/** One node's texts and weight; a question's evidence, N/A, levels and scale. Structure changes go through the JSON. */
export function NodeEditPage({ row, node, values, errors }: { row: FrameworkRow; node: FrameworkNode; values: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const levels = (values.levels as Values[] | undefined) ?? [];
  const scale = values.scale as Values | undefined;
  const title = t('measure.framework.edit_node_title', { name: nameOf(lang, node) });
  return (
    <MeasureLayout title={title}>
      <Crumbs row={row} label={nameOf(lang, node)} />
      <PageHeading title={title} caption={node.key} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`/console/measure/frameworks/${row.id}/nodes/${encodeURIComponent(node.key)}`)} class="panel">
        <Csrf />
        <NameFields values={values} errors={errors} />
        <TextArea
          name="guidance_ar"
          label={t('measure.framework.guidance_ar')}
          value={str(values.guidance_ar)}
          lang="ar"
          dir="rtl"
          rows={3}
          errors={errors}
        />
        <TextArea
          name="guidance_en"
          label={t('measure.framework.guidance_en')}
          value={str(values.guidance_en)}
          lang="en"
          dir="ltr"
          rows={3}
          errors={errors}
        />
        <WeightField values={values} errors={errors} />
        {node.type !== 'question' ? (
          <Select
            name="method"
            label={t('measure.framework.method')}
            value={str(values.method)}
            options={methods.map((m) => ({ value: m, label: t(methodLabel[m]) }))}
            errors={errors}
          />
        ) : (
          <>
            <Choices
              name="flags"
              legend={t('measure.framework.question_rules')}
              options={[
                { value: 'allow_na', label: t('measure.framework.na_allowed') },
                { value: 'evidence_required', label: t('measure.framework.evidence_required') },
                { value: 'entered_by_office', label: t('measure.framework.entered_by_office') },
              ]}
              values={[
                values.allow_na ? 'allow_na' : '',
                values.evidence_required ? 'evidence_required' : '',
                values.entered_by_office ? 'entered_by_office' : '',
              ].filter(Boolean)}
            />
            <TextArea
              name="evidence_ar"
              label={t('measure.framework.evidence_ar')}
              value={str(values.evidence_ar)}
              lang="ar"
              dir="rtl"
              rows={2}
              errors={errors}
            />
            <TextArea
              name="evidence_en"
              label={t('measure.framework.evidence_en')}
              value={str(values.evidence_en)}
              lang="en"
              dir="ltr"
              rows={2}
              errors={errors}
            />
            {levels.map((l, i) => (
              <fieldset class="row-group" key={i}>
                <legend>{t('measure.framework.level_n', { n: i + 1, key: String(l.key ?? '') })}</legend>
                <input type="hidden" name={`levels.${i}.key`} value={str(l.key)} />
                <Field
                  name={`levels.${i}.name_ar`}
                  label={t('measure.framework.name_ar')}
                  value={str(l.name_ar)}
                  lang="ar"
                  dir="rtl"
                  errors={errors}
                />
                <Field
                  name={`levels.${i}.name_en`}
                  label={t('measure.framework.name_en')}
                  value={str(l.name_en)}
                  lang="en"
                  dir="ltr"
                  errors={errors}
                />
                <Field
                  name={`levels.${i}.score`}
                  label={t('measure.framework.level_score')}
                  hint={t('measure.framework.level_score_hint')}
                  value={str(l.score)}
                  inputMode="decimal"
                  errors={errors}
                />
              </fieldset>
            ))}
            {scale ? (
              <fieldset class="row-group">
                <legend>{t('measure.framework.scale')}</legend>
                <Field
                  name="scale.min"
                  label={t('measure.framework.scale_min')}
                  value={str(scale.min)}
                  inputMode="decimal"
                  errors={errors}
                />
                <Field
                  name="scale.max"
                  label={t('measure.framework.scale_max_value')}
                  value={str(scale.max)}
                  inputMode="decimal"
                  errors={errors}
                />
                <Select
                  name="scale.direction"
                  label={t('measure.framework.direction')}
                  value={str(scale.direction)}
                  options={Object.entries(directionLabel).map(([value, key]) => ({ value, label: t(key) }))}
                  errors={errors}
                />
                <Field
                  name="scale.cap"
                  label={t('measure.framework.cap')}
                  hint={t('measure.framework.cap_hint')}
                  value={str(scale.cap)}
                  inputMode="decimal"
                  errors={errors}
                />
              </fieldset>
            ) : null}
          </>
        )}
        <button type="submit" class="button">
          {t('measure.save')}
        </button>
      </form>
      <section id="f-node" class="panel" aria-labelledby="structure-h">
        <h2 id="structure-h">{t('measure.framework.structure')}</h2>
        {node.type !== 'question' ? (
          <p>
            <a href={href(`/console/measure/frameworks/${row.id}/nodes/${encodeURIComponent(node.key)}/add`)}>
              {t('measure.framework.add_question')}
            </a>
          </p>
        ) : null}
        <p class="hint">{t(node.type === 'question' ? 'measure.framework.remove_hint_question' : 'measure.framework.remove_hint_group')}</p>
        <PostButton
          action={href(`/console/measure/frameworks/${row.id}/nodes/${encodeURIComponent(node.key)}/remove`)}
          label={t('measure.framework.remove_node')}
          tone="danger"
          confirm={t('measure.framework.remove_confirm', { name: nameOf(lang, node) })}
        />
      </section>
    </MeasureLayout>
  );
}

/** A new question under a perspective, axis or indicator: key, names, weight and answer type (and source when automatic). */
export function AddQuestionPage({
  row,
  parent,
  sources,
  values,
  errors,
}: {
  row: FrameworkRow;
  parent: FrameworkNode;
  sources: string[];
  values: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const sourceName = (name: string) => {
    const source = sourceFor(name);
    return source ? t(source.label) : name;
  };
  const title = t('measure.framework.add_question_title', { name: nameOf(lang, parent) });
  return (
    <MeasureLayout title={title}>
      <Crumbs row={row} label={title} />
      <PageHeading title={title} caption={parent.key} />
      <ErrorSummary errors={errors} />
      <p class="lead">{t('measure.framework.add_question_lead')}</p>
      <form method="post" action={href(`/console/measure/frameworks/${row.id}/nodes/${encodeURIComponent(parent.key)}/add`)} class="panel">
        <Csrf />
        <Field
          name="key"
          label={t('measure.framework.key')}
          hint={t('measure.framework.key_hint')}
          value={str(values.key)}
          dir="ltr"
          autocomplete="off"
          errors={errors}
          required
        />
        <NameFields values={values} errors={errors} />
        <WeightField values={values} errors={errors} />
        <Select
          name="answer_type"
          label={t('measure.framework.answer_type')}
          value={str(values.answer_type)}
          options={answerTypes.map((a) => ({ value: a, label: t(answerTypeLabel[a]) }))}
          errors={errors}
        />
        <Select
          name="source"
          label={t('measure.framework.source')}
          hint={t('measure.framework.source_hint')}
          value={str(values.source)}
          blank={t('measure.framework.source_none')}
          options={sources.map((name) => ({ value: name, label: sourceName(name) }))}
          errors={errors}
        />
        <button type="submit" class="button">
          {t('measure.framework.add_question_submit')}
        </button>
      </form>
    </MeasureLayout>
  );
}

/** The whole draft as JSON, for any change at once (moving nodes, adding perspectives, axes and indicators). */
export function FrameworkJsonPage({ row, text, errors }: { row: FrameworkRow; text: string; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <MeasureLayout title={t('measure.framework.edit_json')}>
      <Crumbs row={row} label={t('measure.framework.edit_json')} />
      <PageHeading title={t('measure.framework.edit_json')} lead={t('measure.framework.json_lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`/console/measure/frameworks/${row.id}/json`)} class="panel">
        <Csrf />
        <TextArea name="definition" label={t('measure.framework.definition')} value={text} rows={30} dir="ltr" errors={errors} />
        <button type="submit" class="button">
          {t('measure.save')}
        </button>
      </form>
    </MeasureLayout>
  );
}
