// A meeting as an iCalendar (RFC 5545) file, the invitation's calendar entry: text escaped
// (§3.3.11), lines folded at 75 octets without splitting a character (§3.1), CRLF line ends, UTC times.

/** TEXT value escaping: backslash, semicolon, comma and line breaks; other control characters dropped. */
export function icsText(s: string): string {
  return [
    ...s
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n'),
  ]
    .filter((c) => {
      const n = c.charCodeAt(0);
      return n === 9 || (n >= 32 && n !== 127);
    })
    .join('');
}

/** A UTC instant as an iCalendar DATE-TIME (20270105T060000Z). */
export const icsTime = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Folds a content line at 75 octets, continuations starting with a space; never inside a UTF-8 character. */
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

export interface MeetingEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  organizer: string;
  attendees: { name: string; email: string }[];
  stamp: string;
}

/** One meeting as a calendar with one VEVENT (METHOD:PUBLISH: a file to add, not a scheduling message). */
export function meetingCalendar(e: MeetingEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Yusr//Advisory//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsTime(e.stamp)}`,
    `DTSTART:${icsTime(e.start)}`,
    `DTEND:${icsTime(e.end)}`,
    `SUMMARY:${icsText(e.summary)}`,
    `DESCRIPTION:${icsText(e.description)}`,
    ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
    `URL:${e.url}`,
    `ORGANIZER;CN=${icsParam(e.organizer)}:mailto:noreply@yusr.invalid`,
    ...e.attendees.map((a) => `ATTENDEE;CN=${icsParam(a.name)};ROLE=REQ-PARTICIPANT:mailto:${a.email}`),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** A parameter value (CN=…): quoted, with the characters a quoted value may not hold removed (§3.2). */
const icsParam = (s: string) => `"${[...s].filter((c) => c !== '"' && c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127).join('')}"`;
