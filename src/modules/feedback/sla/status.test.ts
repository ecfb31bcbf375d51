import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCalendar } from './calendar.ts';
import { type SlaInput, type SlaStatus, slaStatus } from './clock.ts';

const H = 3_600_000;
const riyadh = (local: string) => new Date(`${local}:00+03:00`);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
const gov = makeCalendar(); // Asia/Riyadh, Sunday–Thursday 08:00–16:00
const start = riyadh('2026-01-04T08:00'); // Sunday, opening time

// Compares the whole status, dates as ISO strings, so a stray or missing field fails too.
function check(input: SlaInput, expected: Partial<Record<keyof SlaStatus, string | number>>) {
  const s = slaStatus(gov, input);
  const flat = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  const want = Object.fromEntries(
    Object.entries(expected).map(([k, v]) => [k, typeof v === 'string' && k !== 'state' ? riyadh(v).toISOString() : v]),
  );
  assert.deepEqual(flat, want);
}

describe('slaStatus on a running clock', () => {
  it('runs, with deadline and warning time', () => {
    // 8 h from Sun 08:00: due Sun 16:00; the 80% warning at 6.4 h = 6 h 24 min → 14:24. At 10:00, 2 h have run.
    check(
      { startedAt: start, targetMs: 8 * H, now: riyadh('2026-01-04T10:00') },
      { state: 'running', elapsedWorkingMs: 2 * H, remainingMs: 6 * H, dueAt: '2026-01-04T16:00', warnAt: '2026-01-04T14:24' },
    );
  });

  it('turns to warning at 80% and breached only strictly after the deadline', () => {
    // 10 h from Sun 08:00: 8 h (the 80%) is reached at Sun 16:00; the last 2 h run Mon 08:00–10:00.
    const base = { startedAt: start, targetMs: 10 * H };
    const times = { dueAt: '2026-01-05T10:00', warnAt: '2026-01-04T16:00' };
    check(
      { ...base, now: plus(riyadh('2026-01-04T16:00'), -1) },
      { state: 'running', elapsedWorkingMs: 8 * H - 1, remainingMs: 2 * H + 1, ...times },
    );
    check({ ...base, now: riyadh('2026-01-04T16:00') }, { state: 'warning', elapsedWorkingMs: 8 * H, remainingMs: 2 * H, ...times });
    // Overnight the clock stands still and the warning stays.
    check({ ...base, now: riyadh('2026-01-04T20:00') }, { state: 'warning', elapsedWorkingMs: 8 * H, remainingMs: 2 * H, ...times });
    // At the deadline itself the case is still on time.
    check({ ...base, now: riyadh('2026-01-05T10:00') }, { state: 'warning', elapsedWorkingMs: 10 * H, remainingMs: 0, ...times });
    // One millisecond later it is breached, overrun by that millisecond.
    check(
      { ...base, now: plus(riyadh('2026-01-05T10:00'), 1) },
      { state: 'breached', elapsedWorkingMs: 10 * H + 1, remainingMs: -1, ...times, breachedAt: '2026-01-05T10:00' },
    );
  });

  it('honours a custom warning fraction', () => {
    // 50% of 8 h = 4 h → Sun 12:00.
    check(
      { startedAt: start, targetMs: 8 * H, warnAtFraction: 0.5, now: riyadh('2026-01-04T12:00') },
      { state: 'warning', elapsedWorkingMs: 4 * H, remainingMs: 4 * H, dueAt: '2026-01-04T16:00', warnAt: '2026-01-04T12:00' },
    );
  });

  it('is breached after a closing-time deadline even though no working time has passed since', () => {
    // Due Sun 16:00; at 17:00 the working clock still shows exactly 8 h, but the deadline is behind us.
    check(
      { startedAt: start, targetMs: 8 * H, now: riyadh('2026-01-04T17:00') },
      {
        state: 'breached',
        elapsedWorkingMs: 8 * H,
        remainingMs: 0,
        dueAt: '2026-01-04T16:00',
        warnAt: '2026-01-04T14:24',
        breachedAt: '2026-01-04T16:00',
      },
    );
  });

  it('starts a clock begun on the weekend at Sunday opening', () => {
    // Started Fri 9 Jan 10:00 with 2 h: nothing runs until Sun 11 Jan 08:00, so due 10:00 and warned at 09:36.
    check(
      { startedAt: riyadh('2026-01-09T10:00'), targetMs: 2 * H, now: riyadh('2026-01-10T23:00') },
      { state: 'running', elapsedWorkingMs: 0, remainingMs: 2 * H, dueAt: '2026-01-11T10:00', warnAt: '2026-01-11T09:36' },
    );
  });

  it('reads a clock before its start as untouched', () => {
    check(
      { startedAt: start, targetMs: 8 * H, now: riyadh('2026-01-03T12:00') },
      { state: 'running', elapsedWorkingMs: 0, remainingMs: 8 * H, dueAt: '2026-01-04T16:00', warnAt: '2026-01-04T14:24' },
    );
  });
});

describe('slaStatus with pauses (waiting for the beneficiary)', () => {
  it('takes out a single pause', () => {
    // 8 h from Sun 08:00, paused 10:00–12:00. At 14:00: 08–10 and 12–14 ran = 4 h.
    // Deadline: 2 h before the pause, 4 h 12:00–16:00, the last 2 h Mon 08:00–10:00.
    // Warning at 6.4 h: 2 h + 4 h to Sun 16:00, then 0.4 h = 24 min → Mon 08:24.
    check(
      {
        startedAt: start,
        targetMs: 8 * H,
        pauses: [{ from: riyadh('2026-01-04T10:00'), to: riyadh('2026-01-04T12:00') }],
        now: riyadh('2026-01-04T14:00'),
      },
      { state: 'running', elapsedWorkingMs: 4 * H, remainingMs: 4 * H, dueAt: '2026-01-05T10:00', warnAt: '2026-01-05T08:24' },
    );
  });

  it('counts overlapping, nested, unsorted pauses once and ignores pauses in closed hours', () => {
    // 11–13 (twice), 10–12 and 11:30–12:00 (nested) make one pause 10–13: 3 h, not 4 or 6.5.
    // The overnight pause Sun 20:00–Mon 07:00 covers no working time.
    // At Mon 09:00: Sun 08–10 (2 h) + 13–16 (3 h) + Mon 08–09 (1 h) = 6 h. Due after 2 h more → Mon 11:00.
    // Warning at 6.4 h → Mon 09:24.
    const pauses = [
      { from: riyadh('2026-01-04T11:00'), to: riyadh('2026-01-04T13:00') },
      { from: riyadh('2026-01-04T20:00'), to: riyadh('2026-01-05T07:00') },
      { from: riyadh('2026-01-04T10:00'), to: riyadh('2026-01-04T12:00') },
      { from: riyadh('2026-01-04T11:00'), to: riyadh('2026-01-04T13:00') },
      { from: riyadh('2026-01-04T11:30'), to: riyadh('2026-01-04T12:00') },
    ];
    check(
      { startedAt: start, targetMs: 8 * H, pauses, now: riyadh('2026-01-05T09:00') },
      { state: 'running', elapsedWorkingMs: 6 * H, remainingMs: 2 * H, dueAt: '2026-01-05T11:00', warnAt: '2026-01-05T09:24' },
    );
  });

  it('holds an open pause until now, with no deadline while paused', () => {
    // Paused since Sun 12:00 and still waiting at 15:00: 4 h ran (08–12); 6.4 h not reached, so no warnAt either.
    const open = { from: riyadh('2026-01-04T12:00'), to: null };
    check(
      { startedAt: start, targetMs: 8 * H, pauses: [open], now: riyadh('2026-01-04T15:00') },
      { state: 'paused', elapsedWorkingMs: 4 * H, remainingMs: 4 * H },
    );
    // The beneficiary answers Mon 09:00: the pause covered Sun 12–16 and Mon 08–09, so still 4 h, and at
    // that moment (pause ended, half-open) the clock runs again: due 4 h on → Mon 13:00; warning 2.4 h on → Mon 11:24.
    check(
      { startedAt: start, targetMs: 8 * H, pauses: [{ ...open, to: riyadh('2026-01-05T09:00') }], now: riyadh('2026-01-05T09:00') },
      { state: 'running', elapsedWorkingMs: 4 * H, remainingMs: 4 * H, dueAt: '2026-01-05T13:00', warnAt: '2026-01-05T11:24' },
    );
  });

  it('is paused from the very instant a pause opens', () => {
    // Pause opened exactly now, Sun 11:00: 3 h ran, and the clock stands.
    check(
      { startedAt: start, targetMs: 8 * H, pauses: [{ from: riyadh('2026-01-04T11:00'), to: null }], now: riyadh('2026-01-04T11:00') },
      { state: 'paused', elapsedWorkingMs: 3 * H, remainingMs: 5 * H },
    );
  });

  it('keeps a breach that happened before the pause, and a warning reached before it', () => {
    // 2 h target, due Sun 10:00 (warning 1.6 h → 09:36); paused from 11:00. At 12:00 it stays breached, 3 h elapsed.
    check(
      { startedAt: start, targetMs: 2 * H, pauses: [{ from: riyadh('2026-01-04T11:00'), to: null }], now: riyadh('2026-01-04T12:00') },
      {
        state: 'breached',
        elapsedWorkingMs: 3 * H,
        remainingMs: -H,
        dueAt: '2026-01-04T10:00',
        warnAt: '2026-01-04T09:36',
        breachedAt: '2026-01-04T10:00',
      },
    );
    // 4 h target, paused from 11:30 after the 3.2 h warning (11:12): paused, the warning time kept, no deadline.
    check(
      { startedAt: start, targetMs: 4 * H, pauses: [{ from: riyadh('2026-01-04T11:30'), to: null }], now: riyadh('2026-01-04T13:00') },
      { state: 'paused', elapsedWorkingMs: 3.5 * H, remainingMs: 0.5 * H, warnAt: '2026-01-04T11:12' },
    );
  });

  it('clips pauses to the clock: before the start and after now count for nothing', () => {
    // Paused Sat 10:00 – Sun 09:00 (only Sun 08–09 matters) and Sun 15:00–16:00 (not yet come).
    // At Sun 10:00: 1 h ran (09–10). The clock effectively started at 09:00, so Sunday holds 7 h and the 8th
    // is Mon 08:00–09:00 → due Mon 09:00; the future pause is not known yet and does not move it.
    // Warning at 6.4 h: 09:00 + 6 h 24 min = 15:24.
    const pauses = [
      { from: riyadh('2026-01-03T10:00'), to: riyadh('2026-01-04T09:00') },
      { from: riyadh('2026-01-04T15:00'), to: riyadh('2026-01-04T16:00') },
    ];
    check(
      { startedAt: start, targetMs: 8 * H, pauses, now: riyadh('2026-01-04T10:00') },
      { state: 'running', elapsedWorkingMs: H, remainingMs: 7 * H, dueAt: '2026-01-05T09:00', warnAt: '2026-01-04T15:24' },
    );
  });
});

describe('slaStatus in another zone', () => {
  it('runs on London time across the spring change', () => {
    // Mon–Fri 09:00–17:00 London. Started Fri 27 Mar 2026 16:00 GMT (16:00Z), 2 h: 1 h Friday, then Monday
    // opens 09:00 BST = 08:00Z, so due 09:00Z and warned (1.6 h) at 08:36Z. At 08:30Z, 1.5 h have run.
    const nine = ['09:00-17:00'];
    const london = makeCalendar({ timeZone: 'Europe/London', hours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine } });
    const s = slaStatus(london, { startedAt: new Date('2026-03-27T16:00:00Z'), targetMs: 2 * H, now: new Date('2026-03-30T08:30:00Z') });
    assert.deepEqual(
      { ...s, dueAt: s.dueAt?.toISOString(), warnAt: s.warnAt?.toISOString() },
      {
        state: 'running',
        elapsedWorkingMs: 1.5 * H,
        remainingMs: 0.5 * H,
        dueAt: '2026-03-30T09:00:00.000Z',
        warnAt: '2026-03-30T08:36:00.000Z',
      },
    );
  });
});

describe('slaStatus on a stopped clock (response sent, case resolved)', () => {
  const base = { startedAt: start, targetMs: 8 * H };

  it('is met at the deadline and breached one millisecond after it', () => {
    check(
      { ...base, stoppedAt: riyadh('2026-01-04T16:00') },
      { state: 'met', elapsedWorkingMs: 8 * H, remainingMs: 0, dueAt: '2026-01-04T16:00', warnAt: '2026-01-04T14:24' },
    );
    check(
      { ...base, stoppedAt: plus(riyadh('2026-01-04T16:00'), 1) },
      {
        state: 'breached',
        elapsedWorkingMs: 8 * H,
        remainingMs: 0,
        dueAt: '2026-01-04T16:00',
        warnAt: '2026-01-04T14:24',
        breachedAt: '2026-01-04T16:00',
      },
    );
  });

  it('ignores `now` once stopped', () => {
    // Stopped Sun 12:00 with 4 h on the clock; a later `now` changes nothing.
    check(
      { ...base, stoppedAt: riyadh('2026-01-04T12:00'), now: riyadh('2026-02-01T12:00') },
      { state: 'met', elapsedWorkingMs: 4 * H, remainingMs: 4 * H, dueAt: '2026-01-04T16:00', warnAt: '2026-01-04T14:24' },
    );
  });

  it('is met when resolved while waiting for the beneficiary', () => {
    // Paused from Sun 12:00, resolved Mon 15:00 with the pause still open: 4 h ran; the deadline, as if the
    // clock resumed at the stop, is 4 h on: Mon 15:00–16:00, Tue 08:00–11:00 → Tue 11:00 (warning 2.4 h on → Tue 09:24).
    check(
      { ...base, pauses: [{ from: riyadh('2026-01-04T12:00'), to: null }], stoppedAt: riyadh('2026-01-05T15:00') },
      { state: 'met', elapsedWorkingMs: 4 * H, remainingMs: 4 * H, dueAt: '2026-01-06T11:00', warnAt: '2026-01-06T09:24' },
    );
  });

  it('rejects inconsistent input', () => {
    assert.throws(() => slaStatus(gov, { ...base, stoppedAt: riyadh('2026-01-03T12:00') }), /stoppedAt is before startedAt/);
    assert.throws(() => slaStatus(gov, { ...base, now: start, warnAtFraction: 0 }), /warnAtFraction/);
    assert.throws(() => slaStatus(gov, { ...base, now: start, warnAtFraction: 1.5 }), /warnAtFraction/);
    assert.throws(() => slaStatus(gov, { ...base, targetMs: -1, now: start }), /targetMs/);
    assert.throws(
      () => slaStatus(gov, { ...base, now: start, pauses: [{ from: riyadh('2026-01-04T12:00'), to: riyadh('2026-01-04T11:00') }] }),
      /ends before it starts/,
    );
    assert.throws(() => slaStatus(makeCalendar({ hours: {} }), { ...base, now: start }), /no working hours on any weekday/);
  });
});
