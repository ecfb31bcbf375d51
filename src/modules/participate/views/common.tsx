import type { MessageKey } from '../../../messages.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Day, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { AnswerTimes } from '../answer-times.ts';
import type { LinkedInitiative } from '../initiatives.ts';
import type { CommentStatus, Phase } from '../participate.tables.ts';

/** A calendar day in both calendars (the platform's). */
export { Day };

/** A consultation's period, both days in both calendars. */
export function Period({ c }: { c: { opens_on: string; closes_on: string } }) {
  const { t } = usePage();
  return (
    <span>
      {t('participate.period')}: <Day value={c.opens_on} /> – <Day value={c.closes_on} />
    </span>
  );
}

export const phaseLabel = {
  draft: 'participate.phase.draft',
  upcoming: 'participate.phase.upcoming',
  open: 'participate.phase.open',
  closed: 'participate.phase.closed',
  completed: 'participate.phase.completed',
} as const satisfies Record<Phase, MessageKey>;

const phaseTone: Record<Phase, 'grey' | 'amber' | 'red' | undefined> = {
  draft: 'grey',
  upcoming: 'grey',
  open: undefined,
  closed: 'amber',
  completed: undefined,
};

export function PhaseTag({ phase }: { phase: Phase }) {
  const { t } = usePage();
  return <Tag tone={phaseTone[phase]}>{t(phaseLabel[phase])}</Tag>;
}

/** Each disposition's name in the catalogs. */
export { dispositionKeys as dispositionLabel } from '../labels.ts';

export const statusLabel = {
  visible: 'participate.comment_status.visible',
  hidden: 'participate.comment_status.hidden',
  removed: 'participate.comment_status.removed',
} as const satisfies Record<CommentStatus, MessageKey>;

/** An article's name: its heading as written, else "Article N" (or "Preamble" for text before the first). */
export function useArticleName() {
  const { t, num } = usePage();
  return (a: { position: number; label: string }) =>
    a.label ? a.label : t('participate.article_n', { n: num(a.position, { useGrouping: false }) });
}

/** Text kept as written: line breaks shown, never markup (Preact escapes it). */
export function Prose({ text, lang }: { text: string; lang?: string }) {
  return (
    <div class="prose" lang={lang}>
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>
          {para.split('\n').map((line, j) => (
            <>
              {j > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

/**
 * Plan initiatives linked to a consultation or an idea, as the public may follow them: each name links
 * to the initiative's page, with its status and the share of its work done as that page shows them.
 * The public pages pass only those (`publicInitiatives`); the console passes every linked one, and one
 * the public cannot see is named with its code and said to be unpublished.
 */
export function InitiativeList({ items, heading, id }: { items: LinkedInitiative[]; heading: string; id: string }) {
  const { t, href, lang, num } = usePage();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul>
        {items.map((i) =>
          i.path === null ? (
            <li key={i.code}>
              {pick(lang, i, 'name')} (<span dir="ltr">{i.code}</span>) —{' '}
              <span class="muted">{t('participate.initiatives.not_public')}</span>
            </li>
          ) : (
            <li key={i.code}>
              <a href={href(i.path)}>{pick(lang, i, 'name')}</a>
              {' — '}
              {i.progress === null
                ? t('participate.initiatives.no_progress')
                : t('participate.initiatives.progress', { progress: num(i.progress, { style: 'percent', maximumFractionDigits: 1 }) })}
              {' · '}
              {t('participate.initiatives.status', { status: pick(lang, i, 'status') || t('participate.initiatives.unrated') })}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** A consultation's time to an answer (`answerTimes`): median, 90th percentile, longest, and how many still wait. */
export function AnswerTimesTable({ times }: { times: AnswerTimes }) {
  const { t, num } = usePage();
  const days = (v: number | null) => (v === null ? t('participate.times.none') : t('participate.times.days', { days: v }));
  return (
    <section aria-labelledby="times-h">
      <h2 id="times-h">{t('participate.times.title')}</h2>
      <p>{t('participate.times.lead')}</p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('participate.times.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participate.times.figure')}</th>
              <th scope="col">{t('participate.times.value')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('participate.times.median')}</th>
              <td>{days(times.median)}</td>
            </tr>
            <tr>
              <th scope="row">{t('participate.times.p90')}</th>
              <td>{days(times.p90)}</td>
            </tr>
            <tr>
              <th scope="row">{t('participate.times.max')}</th>
              <td>{days(times.max)}</td>
            </tr>
            <tr>
              <th scope="row">{t('participate.times.undisposed')}</th>
              <td>{num(times.undisposed)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** notify's subscription to one of participate's topics (`NEW_CONSULTATIONS_TOPIC`, `consultationTopic(id)`, `IDEA_ANSWERS_TOPIC`, `ideaTopic(id)`), offered as a link to its form. */
export function Follow({ topic, label }: { topic: string; label: string }) {
  const { href } = usePage();
  return (
    <p>
      <a href={href(`/subscribe?topic=${encodeURIComponent(topic)}`)}>{label}</a>
    </p>
  );
}
