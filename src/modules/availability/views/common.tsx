import type { MessageKey } from '../../../messages.ts';
import { Day, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { Day as HistoryDay } from '../status.service.ts';
import type { DayState } from '../uptime.ts';

export const dayStateLabel = {
  none: 'availability.state.none',
  up: 'availability.state.up',
  degraded: 'availability.state.degraded',
  down: 'availability.state.down',
  planned: 'availability.state.planned',
} as const satisfies Record<DayState, MessageKey>;

export const errorLabel: Record<string, MessageKey> = {
  timeout: 'availability.error.timeout',
  refused_address: 'availability.error.refused_address',
  status: 'availability.error.status',
  text: 'availability.error.text',
  redirect_refused: 'availability.error.redirect_refused',
  too_many_redirects: 'availability.error.too_many_redirects',
  dns: 'availability.error.dns',
  tls: 'availability.error.tls',
  network: 'availability.error.network',
  scheme: 'availability.error.url',
  credentials: 'availability.error.url',
  url: 'availability.error.url',
  invalid: 'availability.error.url',
};

/** A share as a percentage with two decimals, or "no data". */
export function usePercent() {
  const { num, t } = usePage();
  return (share: number | null) =>
    share === null ? t('availability.no_data') : num(share, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "Up", "Down" or "Not checked yet" as a tag. */
export function CurrentState({ ok, open }: { ok: number | null | undefined; open: boolean }) {
  const { t } = usePage();
  if (open) return <Tag tone="red">{t('availability.current.down')}</Tag>;
  if (ok === null || ok === undefined) return <Tag tone="grey">{t('availability.current.unknown')}</Tag>;
  return ok ? <Tag>{t('availability.current.up')}</Tag> : <Tag tone="amber">{t('availability.current.failing')}</Tag>;
}

/**
 * 90 days as a row of coloured cells: a list, one item per day, each saying its date, standing and
 * uptime in words (read by screen readers, shown on hover by the title); the colours are also told
 * apart by pattern in the stylesheet, so colour alone carries nothing.
 */
export function HistoryBar({ days, label }: { days: HistoryDay[]; label: string }) {
  const { t, date, lang } = usePage();
  const percent = usePercent();
  return (
    <ol class="status-history" aria-label={label}>
      {days.map((d) => {
        const when = date(`${d.date}T12:00:00Z`);
        const words = `${lang === 'ar' ? when.hijri : when.gregorian}: ${t(dayStateLabel[d.state])}${d.uptime === null ? '' : ` (${percent(d.uptime)})`}`;
        return (
          <li key={d.date} class={`status-day status-${d.state}`} title={words}>
            <span class="visually-hidden">{words}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The key under a bar. */
export function HistoryKey() {
  const { t } = usePage();
  return (
    <ul class="status-key">
      {(['up', 'degraded', 'down', 'planned', 'none'] as const).map((s) => (
        <li key={s}>
          <span class={`status-day status-${s}`} aria-hidden="true" /> {t(dayStateLabel[s])}
        </li>
      ))}
    </ul>
  );
}

/** A duration in hours and minutes. */
export function useDuration() {
  const { t, num } = usePage();
  return (seconds: number | null) => {
    if (seconds === null) return '—';
    const m = Math.round(seconds / 60);
    return t('availability.duration', { hours: num(Math.floor(m / 60)), minutes: num(m % 60) });
  };
}

export { Day };
