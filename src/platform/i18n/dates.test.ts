import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clockTime,
  DAY_MS,
  dayNumber,
  dayStart,
  formDayStart,
  hijriDate,
  hijriDayNumber,
  hijriOf,
  isoDay,
  isoToLocal,
  lastLocalDate,
  localDate,
  localDayNumber,
  localToIso,
  offsetAt,
  weekdayOf,
  zonedInstant,
  zoneName,
} from './dates.ts';

const at = (iso: string) => new Date(iso).getTime();

describe('zone arithmetic', () => {
  it('knows weekdays and offsets', () => {
    assert.equal(weekdayOf(dayNumber(1970, 1, 1)), 4); // a Thursday
    assert.equal(weekdayOf(dayNumber(2026, 3, 20)), 5); // Eid al-Fitr 1447 falls on a Friday
    assert.equal(weekdayOf(dayNumber(1969, 12, 28)), 0); // a Sunday before the epoch
    assert.equal(offsetAt('Asia/Riyadh', at('2026-03-29T12:00Z')), 3 * 3_600_000);
    assert.equal(offsetAt('Europe/London', at('2026-03-29T00:59Z')), 0);
    assert.equal(offsetAt('Europe/London', at('2026-03-29T01:00Z')), 3_600_000);
  });

  it('finds local days through the zone, not the UTC date', () => {
    // 22:30Z on Thursday 15 Jan is 01:30 Friday 16 Jan in Riyadh but still Thursday in London.
    assert.equal(isoDay(localDayNumber('Asia/Riyadh', at('2026-01-15T22:30Z'))), '2026-01-16');
    assert.equal(isoDay(localDayNumber('Europe/London', at('2026-01-15T22:30Z'))), '2026-01-15');
    assert.equal(localDate('2026-01-15T22:30:00Z', 'Asia/Riyadh'), '2026-01-16');
    assert.equal(localDate(new Date('2026-01-15T22:30:00Z'), 'Europe/London'), '2026-01-15');
  });

  it('resolves DST gaps forward and overlaps to the first occurrence', () => {
    const spring = dayNumber(2026, 3, 29); // London: 01:00 GMT jumps to 02:00 BST
    assert.equal(zonedInstant('Europe/London', spring, 0), at('2026-03-29T00:00Z'));
    assert.equal(zonedInstant('Europe/London', spring, 90), at('2026-03-29T01:30Z')); // 01:30 does not exist → 02:30 BST
    assert.equal(zonedInstant('Europe/London', spring, 180), at('2026-03-29T02:00Z')); // 03:00 BST
    // A day is 23 hours long: next midnight minus this one.
    assert.equal(zonedInstant('Europe/London', spring + 1, 0) - zonedInstant('Europe/London', spring, 0), DAY_MS - 3_600_000);
    const autumn = dayNumber(2026, 10, 25); // London: 02:00 BST falls back to 01:00 GMT
    assert.equal(zonedInstant('Europe/London', autumn, 90), at('2026-10-25T00:30Z')); // first 01:30 is BST
    assert.equal(zonedInstant('Europe/London', autumn + 1, 0) - zonedInstant('Europe/London', autumn, 0), DAY_MS + 3_600_000);
  });
});

describe('dayStart', () => {
  it('gives local midnight as UTC text, and the next local midnight for plusDays 1', () => {
    assert.equal(dayStart('2026-12-10', 'Asia/Riyadh'), '2026-12-09T21:00:00.000Z');
    assert.equal(dayStart('2026-12-10', 'Asia/Riyadh', 1), '2026-12-10T21:00:00.000Z');
    assert.equal(dayStart('2026-12-10', 'Asia/Riyadh', -30), '2026-11-09T21:00:00.000Z');
  });

  it('counts local days, not 24-hour blocks, across a DST change', () => {
    assert.equal(dayStart('2026-03-29', 'Europe/London'), '2026-03-29T00:00:00.000Z');
    assert.equal(dayStart('2026-03-29', 'Europe/London', 1), '2026-03-29T23:00:00.000Z');
    assert.equal(dayStart('2026-10-25', 'Europe/London', 1), '2026-10-26T00:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at the first instant it has', () => {
    // Santiago springs forward at midnight on 6 Sep 2026: the day begins at 01:00 (-03).
    assert.equal(dayStart('2026-09-06', 'America/Santiago'), '2026-09-06T04:00:00.000Z');
    assert.equal(dayStart('2026-09-05', 'America/Santiago', 1), '2026-09-06T04:00:00.000Z');
  });

  it('refuses text that is not a date; the form variant answers undefined instead', () => {
    assert.throws(() => dayStart('10/12/2026', 'Asia/Riyadh'), RangeError);
    assert.equal(formDayStart(undefined, 'Asia/Riyadh'), undefined);
    assert.equal(formDayStart('2026-12', 'Asia/Riyadh'), undefined);
    assert.equal(formDayStart(['2026-12-10'], 'Asia/Riyadh'), undefined);
    assert.equal(formDayStart('2026-12-10', 'Asia/Riyadh', 1), '2026-12-10T21:00:00.000Z');
  });

  it('names the last day of a period that ends at a local midnight', () => {
    assert.equal(lastLocalDate('2026-12-10T21:00:00.000Z', 'Asia/Riyadh'), '2026-12-10');
    assert.equal(lastLocalDate(dayStart('2026-03-29', 'Europe/London', 1), 'Europe/London'), '2026-03-29');
  });
});

describe('datetime-local values', () => {
  it('reads a local time in the zone and writes it back', () => {
    assert.equal(localToIso('2026-12-10T22:00', 'Asia/Riyadh'), '2026-12-10T19:00:00.000Z');
    assert.equal(localToIso('2026-07-01T12:00', 'Europe/London'), '2026-07-01T11:00:00.000Z');
    assert.equal(isoToLocal('2026-12-10T19:00:00.000Z', 'Asia/Riyadh'), '2026-12-10T22:00');
    assert.equal(isoToLocal('2026-07-01T11:00:00.000Z', 'Europe/London'), '2026-07-01T12:00');
  });

  it('moves a skipped time forward and takes the first of a repeated one', () => {
    assert.equal(localToIso('2026-03-29T01:30', 'Europe/London'), '2026-03-29T01:30:00.000Z'); // 02:30 BST
    assert.equal(localToIso('2026-10-25T01:30', 'Europe/London'), '2026-10-25T00:30:00.000Z'); // 01:30 BST
  });

  it('passes unparseable text through for the schema to refuse, and nothing as nothing', () => {
    assert.equal(localToIso('not a time', 'Asia/Riyadh'), 'not a time');
    assert.equal(localToIso('', 'Asia/Riyadh'), undefined);
    assert.equal(isoToLocal(null, 'Asia/Riyadh'), undefined);
  });
});

describe('Hijri (Umm al-Qura)', () => {
  it('turns at the month boundary the Umm al-Qura calendar publishes', () => {
    // Sha'ban 1447 has 29 days: 29 Sha'ban is 17 Feb 2026 and 18 Feb is 1 Ramadan.
    assert.deepEqual(hijriOf(dayNumber(2026, 2, 17)), { year: 1447, month: 8, day: 29 });
    assert.deepEqual(hijriOf(dayNumber(2026, 2, 18)), { year: 1447, month: 9, day: 1 });
    assert.equal(hijriDayNumber(1447, 8, 30), null);
    assert.equal(isoDay(hijriDayNumber(1447, 9, 30) as number), '2026-03-19');
    // The year turns: 1 Muharram 1448 is 16 Jun 2026.
    assert.deepEqual(hijriOf(dayNumber(2026, 6, 16)), { year: 1448, month: 1, day: 1 });
  });

  it('reads an instant in the zone: late evening in London is already the next day in Riyadh', () => {
    assert.deepEqual(hijriDate('2026-02-17T21:30:00Z', 'Asia/Riyadh'), { year: 1447, month: 9, day: 1 });
    assert.deepEqual(hijriDate('2026-02-17T21:30:00Z', 'Europe/London'), { year: 1447, month: 8, day: 29 });
  });

  it('round-trips every day from 2020 to 2030', () => {
    for (let n = dayNumber(2020, 1, 1); n <= dayNumber(2030, 12, 31); n++) {
      const h = hijriOf(n);
      assert.equal(hijriDayNumber(h.year, h.month, h.day), n, `${h.year}-${h.month}-${h.day}`);
    }
  });

  it('refuses dates out of range', () => {
    assert.throws(() => hijriDayNumber(1447, 13, 1), RangeError);
    assert.throws(() => hijriDayNumber(1447, 1, 0), RangeError);
    assert.throws(() => hijriDayNumber(1447.5, 1, 1), RangeError);
  });
});

describe('zone names and clock times for people', () => {
  it('names the zone in the reader’s language, never by its IANA code', () => {
    assert.equal(zoneName('ar', 'Asia/Riyadh'), 'توقيت المملكة العربية السعودية');
    assert.equal(zoneName('en', 'Asia/Riyadh'), 'Saudi Arabia Time');
    assert.doesNotMatch(zoneName('ar', 'Europe/London'), /Europe|London/);
  });

  it('writes a stored HH:MM in the page’s digits', () => {
    assert.equal(clockTime('ar', '08:30'), '٠٨:٣٠');
    assert.equal(clockTime('en', '08:30'), '08:30');
  });
});
