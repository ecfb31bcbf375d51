import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { zonedParts } from '../../../platform/i18n/dates.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { Phase } from '../award.service.ts';
import type { ConflictKind, ConflictSource, NominationStatus, NomineeKind, Outcome, Screening, TieBreak } from '../award.tables.ts';

export function AwardLayout({ title, children, nav = '/console/award' }: { title: string; children: ComponentChildren; nav?: string }) {
  return (
    <Layout title={title} nav={nav}>
      {children}
    </Layout>
  );
}

export const nameOf = (lang: Lang, r: { name_ar: string; name_en: string }) => pick(lang, r, 'name');
export const titleOf = (lang: Lang, r: { title_ar: string; title_en: string }) => pick(lang, r, 'title');
export const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** An instant in the program's zone, to the second, with its Hijri (Umm al-Qura) and Gregorian dates. */
export function Instant({ value }: { value: string | null | undefined }) {
  const { date, lang, timeZone, num } = usePage();
  if (!value) return <span class="muted">—</span>;
  const d = date(value);
  const p = zonedParts(new Date(value), timeZone);
  const two = (n: number) => num(n, { minimumIntegerDigits: 2, useGrouping: false });
  const time = `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  return (
    <time dateTime={d.iso}>
      {lang === 'ar' ? (
        <>
          {d.hijri} {time} <span class="other-calendar">({d.gregorian}م)</span>
        </>
      ) : (
        <>
          {d.gregorian} {time} <span class="other-calendar">({d.hijri})</span>
        </>
      )}
    </time>
  );
}

export const phaseLabel = {
  announced: 'award.phase.announced',
  nominating: 'award.phase.nominating',
  screening: 'award.phase.screening',
  judging: 'award.phase.judging',
  deciding: 'award.phase.deciding',
  published: 'award.phase.published',
} as const satisfies Record<Phase, MessageKey>;

export const nomineeKindLabel = {
  agency: 'award.nominee_kind.agency',
  semi_government: 'award.nominee_kind.semi_government',
  individual: 'award.nominee_kind.individual',
  team: 'award.nominee_kind.team',
} as const satisfies Record<NomineeKind, MessageKey>;

export const statusLabel = {
  draft: 'award.status.draft',
  submitted: 'award.status.submitted',
  withdrawn: 'award.status.withdrawn',
} as const satisfies Record<NominationStatus, MessageKey>;

export const screeningLabel = {
  pending: 'award.screening.pending',
  eligible: 'award.screening.eligible',
  ineligible: 'award.screening.ineligible',
} as const satisfies Record<Screening, MessageKey>;

export const conflictSourceLabel = {
  automatic: 'award.conflict_source.automatic',
  declared: 'award.conflict_source.declared',
  office: 'award.conflict_source.office',
} as const satisfies Record<ConflictSource, MessageKey>;

export const conflictKindLabel = {
  employment: 'award.conflict_kind.employment',
  family: 'award.conflict_kind.family',
  collaboration: 'award.conflict_kind.collaboration',
  financial: 'award.conflict_kind.financial',
  other: 'award.conflict_kind.other',
} as const satisfies Record<ConflictKind, MessageKey>;

export const outcomeLabel = {
  winner: 'award.outcome.winner',
  honourable_mention: 'award.outcome.honourable_mention',
} as const satisfies Record<Outcome, MessageKey>;

export const decisionStatusLabel = {
  open: 'award.decision_status.open',
  proposed: 'award.decision_status.proposed',
  approved: 'award.decision_status.approved',
} as const;

export function StatusTag({ status, screening }: { status: NominationStatus; screening: Screening }) {
  const { t } = usePage();
  if (status !== 'submitted') return <Tag tone="grey">{t(statusLabel[status])}</Tag>;
  return (
    <>
      <Tag>{t(statusLabel[status])}</Tag>{' '}
      <Tag tone={screening === 'ineligible' ? 'red' : screening === 'pending' ? 'amber' : undefined}>{t(screeningLabel[screening])}</Tag>
    </>
  );
}

/** The tie-break rule, as the results page and the edition's form name it. */
export const tieBreakLabel: Record<TieBreak, MessageKey> = {
  raw_normalised: 'award.tie_break.raw_normalised',
  normalised_raw: 'award.tie_break.normalised_raw',
  raw_top_scores: 'award.tie_break.raw_top_scores',
};

/** A table's header row: one column heading per label. */
export function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th scope="col" key={c}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
