// An iCalendar (RFC 5545) feed of training sessions: text escaped (§3.3.11), lines folded at 75
// octets without splitting a character (§3.1), CRLF line ends, times in UTC.

/** TEXT value escaping: backslash, semicolon, comma, and line breaks as \n (§3.3.11). */
export function icsText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .split('')
    .filter((c) => {
      // Other control characters (CONTROL in §3.3.11) may not appear in TEXT; tab may.
      const n = c.charCodeAt(0);
      return n === 9 || (n >= 32 && n !== 127);
    })
    .join('');
}

/** A UTC instant as an iCalendar DATE-TIME (20270105T060000Z). */
export const icsTime = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Folds a content line into pieces of at most 75 octets, continuations starting with one space; never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export interface CalendarEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  cancelled: boolean;
}

/** The whole calendar: one VEVENT per event. */
export function trainingCalendar(o: { name: string; events: readonly CalendarEvent[]; now?: Date }): string {
  const stamp = icsTime((o.now ?? new Date()).toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Yusr//Training//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(o.name)}`,
  ];
  for (const e of o.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.end)}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
      `URL:${e.url}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
