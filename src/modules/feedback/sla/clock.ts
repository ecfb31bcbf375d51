import { localDayNumber } from '../../../platform/i18n/dates.ts';
import { type CompiledCalendar, compileCalendar, type WorkingCalendar } from './calendar.ts';

// Conventions (the tests pin each one):
// - Working intervals are half-open [open, close): 16:00 is the first instant after the day's work.
// - A deadline is the EARLIEST instant at which the working time has elapsed, so work that ends at
//   closing time is due at 16:00 that day, not at 08:00 the next working morning.
// - An SLA is breached strictly after its deadline: a response at exactly dueAt is on time.

/** An instant: a Date or epoch milliseconds. */
export type Instant = Date | number;

// A calendar whose weekdays have hours but whose holidays cover more than this many days in a row is
// treated as broken rather than searched for ever.
const MAX_IDLE_DAYS = 400;

function ms(t: Instant, what: string): number {
  const v = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(v)) throw new RangeError(`${what} is not a valid instant`);
  return v;
}

// Working intervals from `from` on, clipped to start there, one local day at a time.
function* intervalsFrom(cal: CompiledCalendar, from: number): Generator<readonly [number, number]> {
  let day = localDayNumber(cal.timeZone, from);
  let idle = 0;
  for (;;) {
    let any = false;
    for (const [s, e] of cal.intervals(day)) {
      any = true;
      if (e > from) yield [Math.max(s, from), e];
    }
    idle = any ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) {
      throw new Error(`working calendar has no working time for ${MAX_IDLE_DAYS} days after ${new Date(from).toISOString()}`);
    }
    day++;
  }
}

function between(cal: CompiledCalendar, from: number, to: number): number {
  if (to < from) return -between(cal, to, from);
  let total = 0;
  const last = localDayNumber(cal.timeZone, to);
  for (let day = localDayNumber(cal.timeZone, from); day <= last; day++) {
    for (const [s, e] of cal.intervals(day)) total += Math.max(0, Math.min(e, to) - Math.max(s, from));
  }
  return total;
}

function add(cal: CompiledCalendar, from: number, duration: number): number {
  if (!(duration >= 0) || !Number.isFinite(duration)) throw new RangeError(`working duration must be a finite number ≥ 0, got ${duration}`);
  if (duration === 0) return from;
  let left = duration;
  for (const [s, e] of intervalsFrom(cal, from)) {
    if (e - s >= left) return s + left;
    left -= e - s;
  }
  throw new Error('unreachable');
}

/** Working milliseconds between two instants; negative when `to` is before `from`. */
export function workingMsBetween(cal: WorkingCalendar, from: Instant, to: Instant): number {
  return between(compileCalendar(cal), ms(from, 'from'), ms(to, 'to'));
}

/** The deadline: the earliest instant by which `durationMs` of working time has passed since `from` (0 gives `from`). */
export function addWorkingTime(cal: WorkingCalendar, from: Instant, durationMs: number): Date {
  return new Date(add(compileCalendar(cal), ms(from, 'from'), durationMs));
}

/** `at` itself if the office is open then, else the next opening. */
export function nextWorkingMoment(cal: WorkingCalendar, at: Instant): Date {
  const t = ms(at, 'at');
  for (const [s] of intervalsFrom(compileCalendar(cal), t)) return new Date(s);
  throw new Error('unreachable');
}

/** Time waiting for the beneficiary; `to: null` is a pause still open. */
export interface Pause {
  from: Instant;
  to: Instant | null;
}

export type SlaState = 'running' | 'paused' | 'warning' | 'breached' | 'met';

interface SlaBase {
  startedAt: Instant;
  /** The target in working milliseconds. */
  targetMs: number;
  pauses?: readonly Pause[];
  /** Share of the target after which the state turns to 'warning'; 0.8 by default. */
  warnAtFraction?: number;
}

/** A running clock is read at `now`; a stopped one (first response sent, case resolved) at `stoppedAt`. */
export type SlaInput = SlaBase & ({ now: Instant; stoppedAt?: undefined } | { stoppedAt: Instant; now?: Instant });

export interface SlaStatus {
  state: SlaState;
  /** Working time on the clock so far, pauses excluded; it may pass the target. */
  elapsedWorkingMs: number;
  /** targetMs − elapsedWorkingMs: negative once overrun in working time. */
  remainingMs: number;
  /** The deadline given the pauses so far; undefined while paused before reaching it (it depends on the resume). */
  dueAt?: Date;
  /** When the warning threshold is (or was) reached; undefined while paused before reaching it. */
  warnAt?: Date;
  /** Equal to dueAt when the state is 'breached'. */
  breachedAt?: Date;
}

/**
 * Where an SLA clock stands. Pauses may be unsorted, overlapping, or open; only their parts inside
 * [startedAt, now or stoppedAt] count. A stopped clock ends 'met' (at or before dueAt) or 'breached'.
 */
export function slaStatus(calendar: WorkingCalendar, input: SlaInput): SlaStatus {
  const cal = compileCalendar(calendar);
  const start = ms(input.startedAt, 'startedAt');
  const stopped = input.stoppedAt !== undefined;
  const end = stopped ? ms(input.stoppedAt, 'stoppedAt') : ms(input.now as Instant, 'now');
  const target = input.targetMs;
  const fraction = input.warnAtFraction ?? 0.8;
  if (!(target >= 0) || !Number.isFinite(target)) throw new RangeError(`targetMs must be a finite number ≥ 0, got ${target}`);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`warnAtFraction must be in (0, 1], got ${fraction}`);
  if (stopped && end < start) throw new RangeError('stoppedAt is before startedAt');

  // Clip pauses to [start, end]; overlaps need no merging, as the walk below never moves its cursor back.
  const clipped = (input.pauses ?? [])
    .map((p) => {
      const from = ms(p.from, 'pause.from');
      const to = p.to === null ? end : ms(p.to, 'pause.to');
      if (to < from) throw new RangeError('a pause ends before it starts');
      return [Math.max(from, start), Math.min(to, end)] as [number, number];
    })
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  // [from, to): a pause that ends exactly now is over; one that starts exactly now is on.
  const pausedNow =
    !stopped &&
    end >= start &&
    (input.pauses ?? []).some((p) => ms(p.from, 'pause.from') <= end && (p.to === null || ms(p.to, 'pause.to') > end));

  // The clock runs in the gaps between pauses, then from the last resume on.
  const segments: [number, number][] = [];
  let cursor = start;
  for (const [a, b] of clipped) {
    if (a > cursor) segments.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  // A pause opening exactly now has no length to clip, so close the running stretch before it by hand.
  if (pausedNow && cursor < end) segments.push([cursor, end]);
  const tail = pausedNow ? null : cursor;

  let elapsed = 0;
  for (const [a, b] of segments) elapsed += between(cal, a, b);
  if (tail !== null && end > tail) elapsed += between(cal, tail, end);

  const reached = (amount: number): Date | undefined => {
    let left = amount;
    for (const [a, b] of segments) {
      const w = between(cal, a, b);
      if (w >= left) return new Date(add(cal, a, left));
      left -= w;
    }
    return tail === null ? undefined : new Date(add(cal, tail, left));
  };
  const dueAt = reached(target);
  const warnAt = reached(Math.round(target * fraction));

  let state: SlaState;
  if (dueAt && end > dueAt.getTime()) state = 'breached';
  else if (stopped) state = 'met';
  else if (pausedNow) state = 'paused';
  else if (warnAt && end >= warnAt.getTime()) state = 'warning';
  else state = 'running';

  return {
    state,
    elapsedWorkingMs: elapsed,
    remainingMs: target - elapsed,
    ...(dueAt ? { dueAt } : {}),
    ...(warnAt ? { warnAt } : {}),
    ...(state === 'breached' ? { breachedAt: dueAt } : {}),
  };
}
