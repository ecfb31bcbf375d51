import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayNumber, hijriOf, isoDay } from '../../../platform/i18n/dates.ts';
import { compileCalendar, expandHolidays, hijriToGregorian, makeCalendar } from './calendar.ts';

const at = (iso: string) => new Date(iso).getTime();

describe('hijriToGregorian (Umm al-Qura through Intl)', () => {
  it('gives the published Umm al-Qura dates for 1446–1448', () => {
    // Checked against Node 20's ICU (islamic-umalqura) before writing, and they agree with the
    // Umm al-Qura calendar: 1 Ramadan 1447 is Wednesday 18 Feb 2026, 1 Shawwal 1447 (Eid al-Fitr)
    // Friday 20 Mar 2026, 10 Dhu al-Hijjah 1447 (Eid al-Adha) Wednesday 27 May 2026.
    assert.equal(hijriToGregorian(1447, 9, 1), '2026-02-18');
    assert.equal(hijriToGregorian(1447, 10, 1), '2026-03-20');
    assert.equal(hijriToGregorian(1447, 12, 10), '2026-05-27');
    // The years either side, so a fixed offset cannot pass: 1 Shawwal 1446 = 30 Mar 2025,
    // 10 Dhu al-Hijjah 1446 = 6 Jun 2025, 1 Shawwal 1448 = 9 Mar 2027, 10 Dhu al-Hijjah 1448 = 16 May 2027.
    assert.equal(hijriToGregorian(1446, 10, 1), '2025-03-30');
    assert.equal(hijriToGregorian(1446, 12, 10), '2025-06-06');
    assert.equal(hijriToGregorian(1448, 10, 1), '2027-03-09');
    assert.equal(hijriToGregorian(1448, 12, 10), '2027-05-16');
  });

  it('round-trips every day from 2020 to 2030 with hijriOf', () => {
    for (let n = dayNumber(2020, 1, 1); n <= dayNumber(2030, 12, 31); n++) {
      const h = hijriOf(n);
      assert.equal(hijriToGregorian(h.year, h.month, h.day), isoDay(n), `${h.year}-${h.month}-${h.day}`);
    }
  });

  it('rejects the 30th of a 29-day month and dates out of range', () => {
    // Sha'ban 1447 has 29 days: 29 Sha'ban is 17 Feb 2026 and the next day is 1 Ramadan.
    assert.equal(hijriToGregorian(1447, 8, 29), '2026-02-17');
    assert.throws(() => hijriToGregorian(1447, 8, 30), /has no day 30/);
    // Ramadan 1447 has 30 days (30 Ramadan = 19 Mar 2026), so its 30th is fine.
    assert.equal(hijriToGregorian(1447, 9, 30), '2026-03-19');
    assert.throws(() => hijriToGregorian(1447, 13, 1), RangeError);
    assert.throws(() => hijriToGregorian(1447, 1, 0), RangeError);
    assert.throws(() => hijriToGregorian(1447.5, 1, 1), RangeError);
  });
});

describe('expandHolidays', () => {
  it('expands yearly Hijri Eids into each Gregorian year', () => {
    const eids = [
      { calendar: 'hijri' as const, dates: '10-01..10-04', name: 'Eid al-Fitr' },
      { calendar: 'hijri' as const, dates: '12-10..12-13', name: 'Eid al-Adha' },
    ];
    // 1 Shawwal 1447 = 20 Mar 2026, so 1–4 Shawwal = 20–23 Mar; 10 Dhu al-Hijjah 1447 = 27 May, so 10–13 = 27–30 May.
    assert.deepEqual(expandHolidays(eids, 2026), [
      { from: '2026-03-20', to: '2026-03-23', name: 'Eid al-Fitr' },
      { from: '2026-05-27', to: '2026-05-30', name: 'Eid al-Adha' },
    ]);
    // 1 Shawwal 1448 = 9 Mar 2027; 10 Dhu al-Hijjah 1448 = 16 May 2027.
    assert.deepEqual(expandHolidays(eids, 2027), [
      { from: '2027-03-09', to: '2027-03-12', name: 'Eid al-Fitr' },
      { from: '2027-05-16', to: '2027-05-19', name: 'Eid al-Adha' },
    ]);
  });

  it('gives a Hijri month twice in a Gregorian year when the lunar year is shorter', () => {
    // The Hijri year is ~11 days shorter, so a date early in January comes round again in late December:
    // per Intl's Umm al-Qura, 1 Ramadan 1451 = 5 Jan 2030 and 1 Ramadan 1452 = 26 Dec 2030.
    const r = expandHolidays([{ calendar: 'hijri', dates: '09-01' }], 2030);
    assert.equal(r.length, 2);
    assert.equal(r[0].from, hijriToGregorian(1451, 9, 1));
    assert.equal(r[1].from, hijriToGregorian(1452, 9, 1));
    assert.deepEqual(
      r.map((x) => x.from),
      ['2030-01-05', '2030-12-26'],
    );
  });

  it('handles Gregorian one-offs, yearly dates, year-end wraps and 29 February', () => {
    const r = expandHolidays(
      [
        { dates: '2026-09-23', name: 'National Day 2026' },
        { dates: '2026-06-01..2026-06-03' },
        { dates: '02-22', name: 'Founding Day' },
        { dates: '12-31..01-01' },
        { dates: '02-29' },
      ],
      2026,
    );
    // The wrap appears twice: 31 Dec 2025–1 Jan 2026 (reaching in from 2025) and 31 Dec 2026–1 Jan 2027.
    // 29 February does not exist in 2026, so that holiday is simply absent.
    assert.deepEqual(
      r.map((x) => `${x.from}..${x.to}`),
      ['2025-12-31..2026-01-01', '2026-02-22..2026-02-22', '2026-06-01..2026-06-03', '2026-09-23..2026-09-23', '2026-12-31..2027-01-01'],
    );
    assert.deepEqual(
      expandHolidays([{ dates: '02-29' }], 2028).map((x) => x.from),
      ['2028-02-29'],
    );
  });

  it('keeps a yearly Hijri 30th to the days the month has', () => {
    // Sha'ban 1447 has 29 days, so "08-25..08-30" in 1447 ends on 29 Sha'ban = 17 Feb 2026.
    const r = expandHolidays([{ calendar: 'hijri', dates: '08-25..08-30' }], 2026);
    assert.deepEqual(r[0], { from: hijriToGregorian(1447, 8, 25), to: '2026-02-17' });
  });

  it('rejects malformed holidays with a message naming them', () => {
    const bad = (dates: string, calendar?: 'hijri') => () => expandHolidays([{ dates, calendar, name: 'X' }], 2026);
    assert.throws(bad('2026/09/23'), /holiday "2026\/09\/23" \(X\): expected/);
    assert.throws(bad('2026-09-23..09-24'), /both ends need a year/);
    assert.throws(bad('2026-09-24..2026-09-23'), /ends before it starts/);
    assert.throws(bad('2026-02-30'), /no such date/);
    assert.throws(bad('1447-08-30', 'hijri'), /no such date/);
    assert.throws(bad('13-01'), /out of range/);
    assert.throws(bad('2026-01-01..2026-01-02..2026-01-03'), /expected/);
  });
});

describe('working calendar validation', () => {
  it('defaults to Asia/Riyadh, Sunday–Thursday 08:00–16:00', () => {
    const cal = makeCalendar();
    assert.equal(cal.timeZone, 'Asia/Riyadh');
    assert.deepEqual(Object.keys(cal.hours), ['sun', 'mon', 'tue', 'wed', 'thu']);
    assert.deepEqual(cal.hours.sun, ['08:00-16:00']);
    // Friday 9 Jan 2026 is off; Sunday 4 Jan has one interval 05:00Z–13:00Z (Riyadh is UTC+3).
    const c = compileCalendar(cal);
    assert.deepEqual(c.intervals(dayNumber(2026, 1, 9)), []);
    assert.deepEqual(c.intervals(dayNumber(2026, 1, 4)), [[at('2026-01-04T05:00Z'), at('2026-01-04T13:00Z')]]);
  });

  it('throws a clear error for a calendar with no working days', () => {
    assert.throws(() => compileCalendar(makeCalendar({ hours: {} })), /no working hours on any weekday/);
    assert.throws(() => compileCalendar(makeCalendar({ hours: { sun: [], fri: [] } })), /no working hours on any weekday/);
  });

  it('rejects bad shifts, weekdays and zones', () => {
    assert.throws(() => compileCalendar(makeCalendar({ hours: { sun: ['8:00-16:00'] } })), /sun: "8:00-16:00"/);
    assert.throws(() => compileCalendar(makeCalendar({ hours: { sun: ['16:00-08:00'] } })), /start before end/);
    assert.throws(() => compileCalendar(makeCalendar({ hours: { sun: ['08:00-24:30'] } })), RangeError);
    assert.throws(() => compileCalendar(makeCalendar({ hours: { sun: ['08:00-12:00', '11:00-15:00'] } })), /overlap/);
    assert.throws(() => compileCalendar(makeCalendar({ hours: { sunday: ['08:00-12:00'] } as never })), /unknown weekday sunday/);
    assert.throws(() => compileCalendar(makeCalendar({ timeZone: 'Asia/Nowhere' })), /unknown time zone: Asia\/Nowhere/);
  });

  it('accepts 24:00 and unsorted split shifts', () => {
    const c = compileCalendar(makeCalendar({ timeZone: 'UTC', hours: { mon: ['13:00-24:00', '00:00-12:00'] } }));
    // Monday 5 Jan 2026 in UTC: 00:00–12:00 and 13:00–24:00 (= Tuesday 00:00).
    assert.deepEqual(c.intervals(dayNumber(2026, 1, 5)), [
      [at('2026-01-05T00:00Z'), at('2026-01-05T12:00Z')],
      [at('2026-01-05T13:00Z'), at('2026-01-06T00:00Z')],
    ]);
  });
});
