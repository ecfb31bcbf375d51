// iCalendar (RFC 5545) documents for every module's calendar: text escaped (§3.3.11), parameter
// values quoted (§3.2), lines folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF
// line ends, times in UTC. Notify's planned downtime, training's sessions and advisory's meetings
// each describe their events; this writes them.

/** TEXT value escaping: backslash, semicolon, comma, and line breaks as \n; other control characters (not tab) dropped. */
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

/** A parameter value (CN=…): quoted, with the characters a quoted value may not hold removed (§3.2). */
export const icsParam = (s: string) => `"${[...s].filter((c) => c !== '"' && c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127).join('')}"`;

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

export interface IcsEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location?: string | null;
  url?: string;
  status?: 'CONFIRMED' | 'CANCELLED';
  /** The revision (RFC 5545 §3.8.7.4): bumped when the event's time or place changes, so calendars replace the earlier copy. */
  sequence?: number;
  /** TRANSPARENT: the event does not make the reader busy (planned downtime). */
  transparent?: boolean;
  organizer?: { name: string; email: string };
  attendees?: readonly { name: string; email: string }[];
}

/**
 * A calendar of events, every DTSTAMP `now`. METHOD:PUBLISH (the default) is a file to add; CANCEL
 * (RFC 5546 §3.2.5) withdraws events already added, matched by UID, with a higher SEQUENCE.
 */
export function calendar(o: {
  product: string;
  name?: string;
  events: readonly IcsEvent[];
  now?: Date;
  method?: 'PUBLISH' | 'CANCEL';
}): string {
  const stamp = icsTime((o.now ?? new Date()).toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Yusr//${o.product}//EN`,
    'CALSCALE:GREGORIAN',
    `METHOD:${o.method ?? 'PUBLISH'}`,
    ...(o.name ? [`X-WR-CALNAME:${icsText(o.name)}`] : []),
  ];
  for (const e of o.events)
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      ...(e.sequence === undefined ? [] : [`SEQUENCE:${e.sequence}`]),
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.end)}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      ...(e.status ? [`STATUS:${e.status}`] : []),
      ...(e.transparent ? ['TRANSP:TRANSPARENT'] : []),
      ...(e.organizer ? [`ORGANIZER;CN=${icsParam(e.organizer.name)}:mailto:${e.organizer.email}`] : []),
      ...(e.attendees ?? []).map((a) => `ATTENDEE;CN=${icsParam(a.name)};ROLE=REQ-PARTICIPANT:mailto:${a.email}`),
      'END:VEVENT',
    );
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
