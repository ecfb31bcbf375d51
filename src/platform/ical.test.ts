import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendar, foldLine, icsParam, icsText, icsTime } from './ical.ts';

// RFC 5545 by known answers: escaping (§3.3.11), folding (§3.1), UTC times.

describe('iCalendar documents', () => {
  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    assert.equal(icsText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
    assert.equal(icsText('a\u0007b\tc\u007f'), 'ab\tc'); // other control characters may not appear in TEXT
    assert.equal(icsText('ورشة: البيانات، والتحليل'), 'ورشة: البيانات، والتحليل'); // the Arabic comma needs no escape
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character, and unfolds to the same text', () => {
    const line = `SUMMARY:${'أمن سيبراني '.repeat(12)}`;
    const folded = foldLine(line);
    for (const piece of folded.split('\r\n')) assert.ok(Buffer.byteLength(piece) <= 75, piece);
    assert.equal(folded.replace(/\r\n /g, ''), line);
    assert.ok(!folded.includes('\uFFFD'));
  });

  it('writes times in UTC and a cancelled session as CANCELLED', () => {
    assert.equal(icsTime('2027-01-05T06:00:00.000Z'), '20270105T060000Z');
    const body = calendar({
      product: 'Training',
      name: 'Training, public',
      now: new Date('2026-12-01T00:00:00Z'),
      events: [
        {
          uid: 'training-session-1@yusr.test',
          start: '2027-01-05T06:00:00.000Z',
          end: '2027-01-05T09:00:00.000Z',
          summary: 'Data; basics',
          description: 'Line one\nLine two',
          location: 'Riyadh, Hall 3',
          url: 'http://yusr.test/en/training',
          status: 'CANCELLED',
          organizer: { name: 'Yusr "Office"', email: 'noreply@yusr.invalid' },
          attendees: [{ name: 'هدى', email: 'huda@example.sa' }],
        },
      ],
    });
    const lines = body.split('\r\n');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('X-WR-CALNAME:Training\\, public'));
    assert.ok(lines.includes('SUMMARY:Data\\; basics'));
    assert.ok(lines.includes('DESCRIPTION:Line one\\nLine two'));
    assert.ok(lines.includes('LOCATION:Riyadh\\, Hall 3'));
    assert.ok(lines.includes('DTSTART:20270105T060000Z'));
    assert.ok(lines.includes('STATUS:CANCELLED'));
    assert.ok(lines.includes('PRODID:-//Yusr//Training//EN'));
    assert.ok(lines.includes('ORGANIZER;CN="Yusr Office":mailto:noreply@yusr.invalid'), 'quotes stripped from a parameter value');
    assert.ok(lines.includes('ATTENDEE;CN="هدى";ROLE=REQ-PARTICIPANT:mailto:huda@example.sa'));
    assert.equal(icsParam('a\u0007b'), '"ab"');
    assert.ok(body.endsWith('END:VCALENDAR\r\n'));
  });

  it('withdraws an event with METHOD:CANCEL and its revision, and publishes by default', () => {
    const event = {
      uid: 'advisory-meeting-7@yusr.test',
      start: '2027-01-05T06:00:00.000Z',
      end: '2027-01-05T07:00:00.000Z',
      summary: 'Kick-off',
      description: '',
    };
    const cancel = calendar({ product: 'Advisory', method: 'CANCEL', events: [{ ...event, sequence: 2, status: 'CANCELLED' }] }).split(
      '\r\n',
    );
    assert.ok(cancel.includes('METHOD:CANCEL'));
    assert.ok(cancel.includes('SEQUENCE:2'));
    assert.ok(cancel.includes('STATUS:CANCELLED'));
    const publish = calendar({ product: 'Advisory', events: [event] }).split('\r\n');
    assert.ok(publish.includes('METHOD:PUBLISH'));
    assert.ok(!publish.some((l) => l.startsWith('SEQUENCE:')), 'no revision unless the event has one');
  });
});
