import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { nowIso } from '../../../platform/db/time.ts';
import { lastLocalDate } from '../../../platform/i18n/dates.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { DateTime, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import { measureAssets } from '../assets.ts';
import { answerStatusLabel, participantStatusLabel, roundStatusLabel } from '../measure.labels.ts';
import type { AnswerStatus, ParticipantStatus, RoundStatus } from '../measure.tables.ts';
import type { RoundRow } from '../repo/rounds.repo.ts';
import type { Stage } from '../scoring/framework.schema.ts';
import { roundHalfUp } from '../scoring/ranking.ts';

/** The console layout with the module's stylesheet and script island. */
export function MeasureLayout({ title, children, nav = '/console/measure' }: { title: string; children: ComponentChildren; nav?: string }) {
  return (
    <Layout
      title={title}
      nav={nav}
      head={
        <>
          <link rel="stylesheet" href={measureAssets.css.url} />
          <script src={measureAssets.js.url} defer />
        </>
      }
    >
      {children}
    </Layout>
  );
}

const roundTone: Record<RoundStatus | 'closed', 'grey' | 'amber' | undefined> = {
  draft: 'grey',
  open: 'amber',
  closed: 'grey',
  finalised: undefined,
  published: undefined,
};

/** What a round's state reads as: an open round past its close takes no more answers while the office finishes the review. */
export function roundState(round: { status: RoundStatus; closes_at: string }, now = nowIso()): RoundStatus | 'closed' {
  return round.status === 'open' && round.closes_at <= now ? 'closed' : round.status;
}

export function RoundStatusTag({ round }: { round: { status: RoundStatus; closes_at: string } }) {
  const { t } = usePage();
  const state = roundState(round);
  return <Tag tone={roundTone[state]}>{t(roundStatusLabel[state])}</Tag>;
}

const answerTone: Record<AnswerStatus, 'grey' | 'amber' | 'red' | undefined> = {
  draft: 'grey',
  submitted: 'amber',
  accepted: undefined,
  adjusted: undefined,
  returned: 'red',
  responded: 'amber',
};
export function AnswerStatusTag({ status }: { status: AnswerStatus }) {
  const { t } = usePage();
  return <Tag tone={answerTone[status]}>{t(answerStatusLabel[status])}</Tag>;
}

const participantTone: Record<ParticipantStatus, 'grey' | 'amber' | 'red' | undefined> = {
  in_progress: 'grey',
  submitted: undefined,
  returned: 'red',
};
export function ParticipantStatusTag({ status }: { status: ParticipantStatus }) {
  const { t } = usePage();
  return <Tag tone={participantTone[status]}>{t(participantStatusLabel[status])}</Tag>;
}

/** A score as the language writes it, with exactly the framework's decimals. */
export function formatScore(lang: Lang, x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined) return '—';
  const n = roundHalfUp(x, decimals);
  const key = `${lang}:${decimals}`;
  let format = scoreFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'ar' ? 'ar-SA-u-nu-arab' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    scoreFormats.set(key, format);
  }
  return format.format(n);
}

/** One formatter per language and number of decimals: building one costs more than the table cell it formats. */
const scoreFormats = new Map<string, Intl.NumberFormat>();

/** A signed change, e.g. +3.25 / −1.50, or an em dash when there is nothing to compare. */
export function formatDelta(lang: Lang, x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined) return '—';
  const n = roundHalfUp(x, decimals);
  const text = formatScore(lang, Math.abs(n), decimals);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

export function StageTag({ stage }: { stage: Stage | null | undefined }) {
  const { lang, t } = usePage();
  if (!stage) return <span class="muted">{t('measure.no_stage')}</span>;
  return <span class={`stage stage-${stage.key.replace(/[^a-z0-9-]/g, '')}`}>{lang === 'ar' ? stage.name_ar : stage.name_en}</span>;
}

/** The name of a framework node, a level or a stage in the page's language. */
export const nameOf = (lang: Lang, x: { name_ar: string; name_en: string }) => pick(lang, x as Record<string, unknown>, 'name');

/** When a round opens and closes (Hijri and Gregorian), and the period it measures. */
export function RoundDates({ round }: { round: RoundRow }) {
  const { t, timeZone } = usePage();
  return (
    <dl class="summary">
      <dt>{t('measure.round.opens')}</dt>
      <dd>
        <DateTime value={round.opens_at} />
      </dd>
      <dt>{t('measure.round.closes')}</dt>
      <dd>
        <DateTime value={`${lastLocalDate(round.closes_at, timeZone)}T12:00:00Z`} />
      </dd>
      <dt>{t('measure.round.period')}</dt>
      <dd>
        <DateTime value={`${round.period_from}T12:00:00Z`} /> – <DateTime value={`${round.period_to}T12:00:00Z`} />
      </dd>
    </dl>
  );
}

/** Links to a round's pages, shown on each of them. */
export function RoundNav({ round, current, showResults }: { round: RoundRow; current: string; showResults: boolean }) {
  const { t, href } = usePage();
  const base = `/console/measure/rounds/${round.id}`;
  const links: [string, MessageKey][] = [[base, 'measure.round.overview']];
  if (showResults) links.push([`${base}/results`, 'measure.results.title'], [`${base}/report`, 'measure.report.title']);
  return (
    <nav class="subnav" aria-label={t('measure.round.nav')}>
      <ul>
        {links.map(([path, label]) => (
          <li key={path}>
            <a href={href(path)} aria-current={current === path ? 'page' : undefined}>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
