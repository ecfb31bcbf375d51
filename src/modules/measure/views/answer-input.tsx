import type { MessageKey } from '../../../messages.ts';
import { translate } from '../../../platform/i18n/i18n.ts';
import { Choices, DateTime, type Errors, Field, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { type AutoReading, parseAuto } from '../automatic.service.ts';
import type { AnswerRow } from '../repo/answers.repo.ts';
import type { QuestionNode } from '../scoring/framework.schema.ts';
import { sourceFor } from '../sources.ts';
import { describeValue, valueFromJson, valueToField } from '../values.ts';
import { nameOf } from './common.tsx';

/** What the form shows for a question: the stored answer, or what the person typed when the save failed. */
export interface FieldValues {
  value: string;
  na: boolean;
  comment: string;
  response: string;
  version: number;
}

export function fieldValues(q: QuestionNode, row: AnswerRow | undefined, typed?: Record<string, unknown>): FieldValues {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  if (typed && `v_${q.key}` in typed)
    return {
      value: s(typed[`a_${q.key}`]),
      na: !!typed[`na_${q.key}`],
      comment: s(typed[`c_${q.key}`]),
      response: s(typed[`r_${q.key}`]),
      version: Number(typed[`v_${q.key}`]) || 0,
    };
  return {
    value: valueToField(q, valueFromJson(row?.value_json ?? null)),
    na: row?.na === 1,
    comment: row?.comment ?? '',
    response: row?.response ?? '',
    version: row?.version ?? 0,
  };
}

/** A reading of an automatic source: its rate with the numerator and denominator it came from. */
export function Reading({ q, auto }: { q: QuestionNode; auto: AutoReading | null }) {
  const { t, lang, num } = usePage();
  const source = q.automatic ? sourceFor(q.automatic.source) : undefined;
  if (!auto) return <p class="muted">{t('measure.auto.not_read')}</p>;
  if (!auto.available) return <p class="notice warn">{t('measure.source.unavailable_note', { source: auto.source })}</p>;
  return (
    <dl class="summary reading">
      <dt>{t('measure.auto.value')}</dt>
      <dd>{auto.rate === null ? t('measure.auto.nothing_to_count') : describeValue(lang, q, auto.rate)}</dd>
      <dt>{source ? t(source.numerator) : t('measure.auto.numerator')}</dt>
      <dd>{num(auto.numerator)}</dd>
      <dt>{source ? t(source.denominator) : t('measure.auto.denominator')}</dt>
      <dd>{num(auto.denominator)}</dd>
      <dt>{auto.frozen_at ? t('measure.auto.frozen_at') : t('measure.auto.computed_at')}</dt>
      <dd>
        <DateTime value={auto.frozen_at ?? auto.computed_at} withTime />
      </dd>
    </dl>
  );
}

/** How a number question is scored, in words. */
function scaleHint(lang: 'ar' | 'en', q: QuestionNode): string | undefined {
  if (q.answer_type === 'percentage') return translate(lang, 'measure.input.percentage_hint');
  if (!q.scale || q.answer_type !== 'number') return undefined;
  const key: MessageKey = q.scale.direction === 'higher_better' ? 'measure.input.scale_higher' : 'measure.input.scale_lower';
  return translate(lang, key, { min: q.scale.min, max: q.scale.max });
}

/** The inputs of one question: its value (by type), "not applicable", a note for reviewers, and the version held. */
export function AnswerInputs({
  q,
  v,
  errors,
  row,
  responding,
}: {
  q: QuestionNode;
  v: FieldValues;
  errors?: Errors;
  row?: AnswerRow;
  responding: boolean;
}) {
  const { t, lang } = usePage();
  const name = `a_${q.key}`;
  return (
    <>
      <input type="hidden" name="q" value={q.key} />
      <input type="hidden" name={`v_${q.key}`} value={String(v.version)} />
      {q.answer_type === 'automatic' ? (
        <Reading q={q} auto={parseAuto(row?.auto_json ?? null)} />
      ) : q.answer_type === 'yes_no' || q.answer_type === 'levels' ? (
        <Choices
          name={name}
          type="radio"
          legend={t('measure.input.answer')}
          options={
            q.answer_type === 'yes_no'
              ? [
                  { value: 'yes', label: t('measure.answer.yes') },
                  { value: 'no', label: t('measure.answer.no') },
                ]
              : (q.levels ?? []).map((l) => ({ value: l.key, label: nameOf(lang, l) }))
          }
          values={[v.value]}
          errors={errors}
        />
      ) : (
        <Field
          name={name}
          label={t('measure.input.answer')}
          hint={scaleHint(lang, q)}
          value={v.value}
          inputMode="decimal"
          errors={errors}
        />
      )}
      {q.allow_na && q.answer_type !== 'automatic' ? (
        <div class="choice">
          <input type="checkbox" id={`f-na_${q.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`} name={`na_${q.key}`} value="on" checked={v.na} />
          <label for={`f-na_${q.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`}>{t('measure.answer.na_check')}</label>
        </div>
      ) : null}
      <TextArea
        name={`c_${q.key}`}
        label={t('measure.input.comment')}
        hint={t('measure.input.comment_hint')}
        value={v.comment}
        rows={2}
        errors={errors}
      />
      {responding ? (
        <TextArea
          name={`r_${q.key}`}
          label={t('measure.input.response')}
          hint={t('measure.input.response_hint')}
          value={v.response}
          rows={3}
          errors={errors}
        />
      ) : null}
    </>
  );
}
