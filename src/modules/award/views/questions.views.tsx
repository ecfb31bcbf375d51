import { pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, type Errors, Field, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { Question } from '../award.tables.ts';
import { QUESTION_ROWS } from '../questions.ts';
import { str } from './common.tsx';

type Values = Record<string, unknown>;

/** A nomination's questions with its answers (as that nomination answered them). */
export interface AnsweredQuestions {
  version: number | null;
  items: { q: Question; answer: string }[];
}

/** The program administrator's form for a branch's questions (on the branch's edit page). */
export function QuestionsForm(p: { branchId: number; version: number | null; values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const v = p.values;
  return (
    <section aria-labelledby="questions-h">
      <h2 id="questions-h">{t('award.questions.title')}</h2>
      <p>{t('award.questions.lead')}</p>
      <p>{p.version === null ? t('award.questions.none') : t('award.questions.version', { version: p.version })}</p>
      <form method="post" action={href(`/console/award/branches/${p.branchId}/questions`)} novalidate>
        <Csrf />
        <p class="hint">{t('award.questions.hint')}</p>
        {QUESTION_ROWS.map((i) => {
          const k = (f: string) => `q${i}_${f}`;
          return (
            <fieldset key={i}>
              <legend>{t('award.questions.row', { n: i })}</legend>
              <TextArea
                name={k('prompt_ar')}
                label={t('award.questions.prompt_ar')}
                value={str(v[k('prompt_ar')])}
                errors={p.errors}
                lang="ar"
                dir="rtl"
                rows={2}
              />
              <TextArea
                name={k('prompt_en')}
                label={t('award.questions.prompt_en')}
                value={str(v[k('prompt_en')])}
                errors={p.errors}
                lang="en"
                dir="ltr"
                rows={2}
              />
              <Field
                name={k('help_ar')}
                label={t('award.questions.help_ar')}
                value={str(v[k('help_ar')])}
                errors={p.errors}
                lang="ar"
                dir="rtl"
              />
              <Field
                name={k('help_en')}
                label={t('award.questions.help_en')}
                value={str(v[k('help_en')])}
                errors={p.errors}
                lang="en"
                dir="ltr"
              />
              <Field
                name={k('word_limit')}
                label={t('award.questions.word_limit')}
                value={str(v[k('word_limit')])}
                errors={p.errors}
                inputMode="numeric"
              />
              <div class="field">
                <input type="checkbox" id={`f-${k('required')}`} name={k('required')} value="on" checked={v[k('required')] === 'on'} />
                <label for={`f-${k('required')}`}>{t('award.questions.required')}</label>
              </div>
            </fieldset>
          );
        })}
        <button type="submit" class="button">
          {t('award.questions.save')}
        </button>
      </form>
    </section>
  );
}

/** The answer fields of a nomination form, one per question of the version it answers. */
export function AnswerFields(p: { questions: AnsweredQuestions; values: Values; errors?: Errors }) {
  const { t, lang } = usePage();
  if (p.questions.items.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('award.questions.answers')}</legend>
      {p.questions.items.map(({ q, answer }) => {
        const name = `answer_${q.key}`;
        const help = pick(lang, q, 'help');
        const hint = [help, t('award.questions.limit_hint', { limit: q.word_limit })].filter(Boolean).join(' ');
        const value = name in p.values ? str(p.values[name]) : answer;
        return (
          <TextArea
            key={q.key}
            name={name}
            label={`${pick(lang, q, 'prompt')}${q.required ? '' : ` ${t('award.questions.optional')}`}`}
            hint={hint}
            value={value}
            errors={p.errors}
            rows={5}
            required={q.required}
          />
        );
      })}
    </fieldset>
  );
}

/** A nomination's answers as written (a blind branch's judges are told names in free text cannot be removed). */
export function AnswersBlock(p: { questions: AnsweredQuestions; blind: boolean }) {
  const { t, lang } = usePage();
  if (p.questions.items.length === 0) return null;
  return (
    <section aria-labelledby="answers-h">
      <h2 id="answers-h">{t('award.questions.answers')}</h2>
      {p.questions.version === null ? null : <p class="hint">{t('award.questions.answered_version', { version: p.questions.version })}</p>}
      {p.blind ? <p class="notice">{t('award.questions.blind_note')}</p> : null}
      <dl class="facts">
        {p.questions.items.map(({ q, answer }) => (
          <div key={q.key}>
            <dt>{pick(lang, q, 'prompt')}</dt>
            <dd class="prewrap">{answer || t('award.questions.no_answer')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
