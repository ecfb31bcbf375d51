import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCalendar, type WorkingCalendar } from './calendar.ts';
import { addWorkingTime, nextWorkingMoment, workingMsBetween } from './clock.ts';

const H = 3_600_000;
const M = 60_000;
// Local wall-clock times with their offset written out, so every expected answer is independent of the code.
const riyadh = (local: string) => new Date(`${local}:00+03:00`);
const iso = (d: Date) => d.toISOString();
const eq = (actual: Date, expected: Date) => assert.equal(iso(actual), iso(expected));

const gov = makeCalendar(); // Asia/Riyadh, Sunday–Thursday 08:00–16:00
const weekdays9to5 = ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-17:00']]);
const london: WorkingCalendar = makeCalendar({ timeZone: 'Europe/London', hours: Object.fromEntries(weekdays9to5) });
const allDay = ['00:00-24:00'];

describe('addWorkingTime and workingMsBetween on the default Saudi government week', () => {
  it('skips the Friday–Saturday weekend', () => {
    // Thu 15 Jan 2026 15:00 + 2 h: one hour to the 16:00 close, Fri and Sat off, the second hour Sunday 08:00–09:00.
    eq(addWorkingTime(gov, riyadh('2026-01-15T15:00'), 2 * H), riyadh('2026-01-18T09:00'));
    assert.equal(workingMsBetween(gov, riyadh('2026-01-15T15:00'), riyadh('2026-01-18T09:00')), 2 * H);
    // Reversed arguments give the negative, so differences can be subtracted safely.
    assert.equal(workingMsBetween(gov, riyadh('2026-01-18T09:00'), riyadh('2026-01-15T15:00')), -2 * H);
    // A whole week Sunday 00:00 to Sunday 00:00 holds five 8-hour days.
    assert.equal(workingMsBetween(gov, riyadh('2026-01-04T00:00'), riyadh('2026-01-11T00:00')), 40 * H);
    // Friday to Saturday night holds none.
    assert.equal(workingMsBetween(gov, riyadh('2026-01-09T00:00'), riyadh('2026-01-10T23:59')), 0);
  });

  it('starts a clock begun outside working hours at the next opening', () => {
    // Friday 16 Jan 10:00: the office next opens Sunday 18 Jan 08:00, so one hour later it is 09:00.
    eq(nextWorkingMoment(gov, riyadh('2026-01-16T10:00')), riyadh('2026-01-18T08:00'));
    eq(addWorkingTime(gov, riyadh('2026-01-16T10:00'), H), riyadh('2026-01-18T09:00'));
    // Before opening on a working day: Sunday 06:30 + 1 h → 08:00 + 1 h = 09:00.
    eq(addWorkingTime(gov, riyadh('2026-01-18T06:30'), H), riyadh('2026-01-18T09:00'));
    // Starting exactly at the 16:00 close counts as outside: Thu 16:00 + 1 h → Sun 09:00.
    eq(addWorkingTime(gov, riyadh('2026-01-15T16:00'), H), riyadh('2026-01-18T09:00'));
    // During hours the moment is itself.
    eq(nextWorkingMoment(gov, riyadh('2026-01-18T11:11')), riyadh('2026-01-18T11:11'));
  });

  it('lands a deadline that ends exactly at closing on closing time, not the next morning', () => {
    // Convention: the deadline is the earliest instant the time has elapsed. Sun 08:00 + 8 h = Sun 16:00.
    eq(addWorkingTime(gov, riyadh('2026-01-04T08:00'), 8 * H), riyadh('2026-01-04T16:00'));
    // Thu 14:00 + 2 h = Thu 16:00, not Sunday 08:00.
    eq(addWorkingTime(gov, riyadh('2026-01-15T14:00'), 2 * H), riyadh('2026-01-15T16:00'));
    // One millisecond more must wait for Sunday's opening.
    eq(addWorkingTime(gov, riyadh('2026-01-15T14:00'), 2 * H + 1), new Date(riyadh('2026-01-18T08:00').getTime() + 1));
    // A zero duration is due at once, even outside hours (nothing has to elapse).
    eq(addWorkingTime(gov, riyadh('2026-01-16T10:00'), 0), riyadh('2026-01-16T10:00'));
  });

  it('counts a 30-working-day target in one step per day', { timeout: 5_000 }, () => {
    // 30 days × 8 h = 240 h from Sun 4 Jan 2026 08:00 is exactly six Sunday–Thursday weeks: the last day is
    // Thursday 12 Feb (4 Jan + 5 weeks + 4 days), and by the closing convention the deadline is 16:00 there.
    eq(addWorkingTime(gov, riyadh('2026-01-04T08:00'), 240 * H), riyadh('2026-02-12T16:00'));
    // Ten years of round-the-clock time in UTC: day-sized steps finish well within the timeout; minute steps would not.
    const always = makeCalendar({
      timeZone: 'UTC',
      hours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
    });
    const from = new Date('2026-01-01T00:00:00Z');
    eq(addWorkingTime(always, from, 3650 * 24 * H), new Date(from.getTime() + 3650 * 24 * H));
  });

  it('agrees with itself: the deadline is the first instant with the full duration elapsed', () => {
    // A deterministic pseudo-random sweep over three calendars and a year of start times.
    const cals = [gov, london, makeCalendar({ hours: { sun: ['08:00-12:00', '13:00-17:00'], tue: ['10:00-11:00'] } })];
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 300; i++) {
      const cal = cals[i % cals.length];
      const from = Date.UTC(2026, 0, 1) + Math.floor(rand() * 365 * 24 * 60) * M;
      const duration = 1 + Math.floor(rand() * 100 * 60) * M;
      const due = addWorkingTime(cal, from, duration).getTime();
      assert.equal(workingMsBetween(cal, from, due), duration);
      assert.equal(workingMsBetween(cal, from, due - 1), duration - 1);
    }
  });

  it('rejects negative durations and invalid instants', () => {
    assert.throws(() => addWorkingTime(gov, riyadh('2026-01-04T08:00'), -1), RangeError);
    assert.throws(() => addWorkingTime(gov, riyadh('2026-01-04T08:00'), Number.POSITIVE_INFINITY), RangeError);
    assert.throws(() => workingMsBetween(gov, new Date('nonsense'), 0), /from is not a valid instant/);
  });
});

describe('holidays', () => {
  it('skips a Gregorian one-day holiday and a Gregorian range', () => {
    // Control: Tue 22 Sep 2026 15:00 + 2 h without holidays → Wed 23 Sep 09:00.
    eq(addWorkingTime(gov, riyadh('2026-09-22T15:00'), 2 * H), riyadh('2026-09-23T09:00'));
    // National Day, Wed 23 Sep, is off → the second hour is Thu 24 Sep 08:00–09:00.
    const nationalDay = makeCalendar({ holidays: [{ dates: '09-23', name: 'National Day' }] });
    eq(addWorkingTime(nationalDay, riyadh('2026-09-22T15:00'), 2 * H), riyadh('2026-09-24T09:00'));
    // A Wed–Thu range runs into the weekend: the second hour is Sun 27 Sep 08:00–09:00.
    const range = makeCalendar({ holidays: [{ dates: '2026-09-23..2026-09-24' }] });
    eq(addWorkingTime(range, riyadh('2026-09-22T15:00'), 2 * H), riyadh('2026-09-27T09:00'));
  });

  it('skips Eid al-Fitr given as Hijri dates, one-off or yearly', () => {
    // 1–4 Shawwal 1447 = Fri 20 – Mon 23 Mar 2026. Thu 19 Mar 15:00 + 2 h: 1 h Thursday, Fri–Sat weekend,
    // Sun–Mon Eid, the second hour Tue 24 Mar 08:00–09:00.
    const once = makeCalendar({ holidays: [{ calendar: 'hijri', dates: '1447-10-01..1447-10-04', name: 'Eid al-Fitr' }] });
    const yearly = makeCalendar({ holidays: [{ calendar: 'hijri', dates: '10-01..10-04', name: 'Eid al-Fitr' }] });
    eq(addWorkingTime(once, riyadh('2026-03-19T15:00'), 2 * H), riyadh('2026-03-24T09:00'));
    eq(addWorkingTime(yearly, riyadh('2026-03-19T15:00'), 2 * H), riyadh('2026-03-24T09:00'));
    // Without the holiday it would be Sun 22 Mar 09:00.
    eq(addWorkingTime(gov, riyadh('2026-03-19T15:00'), 2 * H), riyadh('2026-03-22T09:00'));
    // The yearly rule also covers 1448: 1–4 Shawwal = Tue 9 – Fri 12 Mar 2027. Mon 8 Mar 15:00 + 2 h → Sun 14 Mar 09:00.
    eq(addWorkingTime(yearly, riyadh('2027-03-08T15:00'), 2 * H), riyadh('2027-03-14T09:00'));
    // The one-off rule does not: Tue 9 Mar 2027 09:00.
    eq(addWorkingTime(once, riyadh('2027-03-08T15:00'), 2 * H), riyadh('2027-03-09T09:00'));
  });

  it('skips Eid al-Adha given as Hijri dates', () => {
    // 10–13 Dhu al-Hijjah 1447 = Wed 27 – Sat 30 May 2026. Tue 26 May 15:00 + 2 h → Sun 31 May 09:00.
    const adha = makeCalendar({ holidays: [{ calendar: 'hijri', dates: '1447-12-10..1447-12-13' }] });
    eq(addWorkingTime(adha, riyadh('2026-05-26T15:00'), 2 * H), riyadh('2026-05-31T09:00'));
    // Sun 24 – Sun 31 May 08:00: only Sun, Mon, Tue work (Wed, Thu Eid; Fri, Sat weekend) = 24 h.
    assert.equal(workingMsBetween(adha, riyadh('2026-05-24T08:00'), riyadh('2026-05-31T08:00')), 24 * H);
  });

  it('throws a clear error when holidays leave no working time for over a year, but still measures spans', () => {
    const closed = makeCalendar({ holidays: [{ dates: '2026-01-01..2027-12-31' }] });
    assert.throws(() => addWorkingTime(closed, riyadh('2026-01-04T08:00'), H), /no working time for 400 days/);
    assert.equal(workingMsBetween(closed, riyadh('2026-01-04T08:00'), riyadh('2026-06-04T08:00')), 0);
  });

  it('throws a clear error for a calendar with no working days at all', () => {
    const none = makeCalendar({ hours: { fri: [], sat: [] } });
    assert.throws(() => addWorkingTime(none, riyadh('2026-01-04T08:00'), H), /no working hours on any weekday/);
    assert.throws(() => workingMsBetween(none, 0, 1), /no working hours on any weekday/);
  });
});

describe('split shifts', () => {
  const split = makeCalendar({
    hours: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu'].map((d) => [d, ['08:00-12:00', '13:00-17:00']])),
  });

  it('skips the midday break', () => {
    // Sun 4 Jan 11:00 + 2 h: 11:00–12:00, break, 13:00–14:00.
    eq(addWorkingTime(split, riyadh('2026-01-04T11:00'), 2 * H), riyadh('2026-01-04T14:00'));
    // + 1 h ends exactly at the break: 12:00, by the closing convention.
    eq(addWorkingTime(split, riyadh('2026-01-04T11:00'), H), riyadh('2026-01-04T12:00'));
    // Starting in the break: 12:30 + 30 min → 13:30.
    eq(addWorkingTime(split, riyadh('2026-01-04T12:30'), 30 * M), riyadh('2026-01-04T13:30'));
    // Thu 8 Jan 16:30 + 1 h: 30 min Thursday, 30 min Sunday → Sun 11 Jan 08:30.
    eq(addWorkingTime(split, riyadh('2026-01-08T16:30'), H), riyadh('2026-01-11T08:30'));
    assert.equal(workingMsBetween(split, riyadh('2026-01-04T08:00'), riyadh('2026-01-04T17:00')), 8 * H);
    assert.equal(workingMsBetween(split, riyadh('2026-01-04T11:30'), riyadh('2026-01-04T13:30')), H);
  });
});

describe('time zones and DST', () => {
  it('gives different answers for the same UTC instants in Riyadh and London', () => {
    // The same Sunday–Thursday 08:00–16:00 week, only the zone differs. 13:00Z on Thu 15 Jan 2026 is
    // 16:00 in Riyadh (closed: Sun 08:00 + 2 h = 10:00 = 07:00Z) but 13:00 in London (GMT: 15:00 = 15:00Z).
    const inLondon = makeCalendar({ timeZone: 'Europe/London' });
    const from = new Date('2026-01-15T13:00:00Z');
    eq(addWorkingTime(gov, from, 2 * H), new Date('2026-01-18T07:00:00Z'));
    eq(addWorkingTime(inLondon, from, 2 * H), new Date('2026-01-15T15:00:00Z'));
    // 10:00Z–20:00Z that Thursday: Riyadh 13:00–23:00 → 3 h; London 10:00–20:00 → 6 h.
    const to = new Date('2026-01-15T20:00:00Z');
    assert.equal(workingMsBetween(gov, new Date('2026-01-15T10:00:00Z'), to), 3 * H);
    assert.equal(workingMsBetween(inLondon, new Date('2026-01-15T10:00:00Z'), to), 6 * H);
  });

  it('reads the local day, not the UTC day, in a zone behind UTC', () => {
    // An evening shift Monday 18:00–22:00 in New York (EST, UTC−5). Mon 5 Jan 2026 20:00 EST is already
    // Tuesday 01:00Z; 1 h later is Mon 21:00 EST = Tue 02:00Z, not next Monday.
    const evening = makeCalendar({ timeZone: 'America/New_York', hours: { mon: ['18:00-22:00'] } });
    eq(addWorkingTime(evening, new Date('2026-01-06T01:00:00Z'), H), new Date('2026-01-06T02:00:00Z'));
    // Mon 20:00 EST to Mon 23:00 EST (04:00Z Tue): the last two hours of the shift.
    assert.equal(workingMsBetween(evening, new Date('2026-01-06T01:00:00Z'), new Date('2026-01-06T04:00:00Z')), 2 * H);
  });

  it('follows London across the spring change on 29 March 2026', () => {
    // Fri 27 Mar 16:00 GMT (16:00Z) + 2 h: 1 h Friday, then Mon 30 Mar opens 09:00 BST = 08:00Z → 09:00Z.
    // Adding whole 24 h days in UTC would wrongly give 10:00Z.
    eq(addWorkingTime(london, new Date('2026-03-27T16:00:00Z'), 2 * H), new Date('2026-03-30T09:00:00Z'));
    // Fri 09:00Z–Mon 17:00Z: Friday 8 h, Monday 09:00–17:00 BST = 08:00Z–16:00Z, all inside → 16 h.
    assert.equal(workingMsBetween(london, new Date('2026-03-27T09:00:00Z'), new Date('2026-03-30T17:00:00Z')), 16 * H);
  });

  it('gives the 23- and 25-hour days their true length', () => {
    // A calendar open all Sunday only: Sun 29 Mar 2026 runs from 00:00 GMT (00:00Z) to Mon 00:00 BST (Sun 23:00Z): 23 h.
    const sundayOnly = makeCalendar({ timeZone: 'Europe/London', hours: { sun: allDay } });
    assert.equal(workingMsBetween(sundayOnly, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-31T00:00:00Z')), 23 * H);
    // Autumn: Sun 25 Oct 2026 runs 00:00 BST (24 Oct 23:00Z) to 00:00 GMT (25 Oct 24:00Z): 25 h.
    assert.equal(workingMsBetween(sundayOnly, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z')), 25 * H);
    // Round the clock, working time is plain elapsed time, DST or not.
    const always = makeCalendar({
      timeZone: 'Europe/London',
      hours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
    });
    eq(addWorkingTime(always, new Date('2026-03-28T12:00:00Z'), 48 * H), new Date('2026-03-30T12:00:00Z'));
    // With Sunday off, Sat 28 Mar 12:00Z + 13 h: 12 h to Saturday midnight (Sun 00:00Z), Sunday's 23 h off,
    // Monday 00:00 BST = Sun 23:00Z, plus 1 h = Mon 00:00Z (24 h steps would give 01:00Z).
    const noSunday = makeCalendar({
      timeZone: 'Europe/London',
      hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
    });
    eq(addWorkingTime(noSunday, new Date('2026-03-28T12:00:00Z'), 13 * H), new Date('2026-03-30T00:00:00Z'));
    assert.equal(workingMsBetween(noSunday, new Date('2026-03-29T00:00:00Z'), new Date('2026-03-29T23:00:00Z')), 0);
  });

  it('never counts an hour twice when a shift end is pushed past the next shift by the spring gap', () => {
    // Sunday 29 Mar 2026, London, shifts 00:00–01:59 and 02:00–03:00. Wall time 01:59 does not exist and moves
    // on by the gap to 02:59 BST (01:59Z), while 02:00 BST is 01:00Z: the shifts collide. Someone working them
    // is on duty 00:00 GMT (00:00Z) to 03:00 BST (02:00Z): 2 h, not 1 h 59 + 1 h.
    const night = makeCalendar({ timeZone: 'Europe/London', hours: { sun: ['00:00-01:59', '02:00-03:00'] } });
    assert.equal(workingMsBetween(night, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T00:00:00Z')), 2 * H);
  });

  it('follows London across the autumn change', () => {
    // Fri 23 Oct 16:00 BST (15:00Z) + 2 h: 1 h Friday, then Mon 26 Oct 09:00 GMT (09:00Z) + 1 h = 10:00Z.
    eq(addWorkingTime(london, new Date('2026-10-23T15:00:00Z'), 2 * H), new Date('2026-10-26T10:00:00Z'));
  });
});
