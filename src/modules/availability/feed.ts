import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import type { Incident } from './availability.repo.ts';
import type { Named } from './views/status.views.tsx';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom document of incidents (open and of the last 90 days): one entry per incident, updated as it closes. */
export function incidentsAtom(o: {
  lang: Lang;
  baseUrl: string;
  timeZone: string;
  incidents: Incident[];
  services: Map<number, Named>;
}): string {
  const { lang, baseUrl } = o;
  const title = translate(lang, 'availability.feed.title');
  const updated =
    o.incidents
      .map((i) => i.updated_at)
      .sort()
      .pop() ?? '1970-01-01T00:00:00.000Z';
  const entries = o.incidents.map((i) => {
    const s = o.services.get(i.service_id);
    const name = s ? pick(lang, s, 'name') : `#${i.service_id}`;
    const link = s ? `${baseUrl}/${lang}/status/services/${s.identifier}` : `${baseUrl}/${lang}/status`;
    const params = { name, since: dualDateText(lang, i.started_at, o.timeZone, true) };
    const summary =
      i.status === 'open'
        ? translate(lang, 'availability.feed.open', params)
        : translate(lang, 'availability.feed.closed', {
            ...params,
            until: dualDateText(lang, i.ended_at as string, o.timeZone, true),
            minutes: Math.round((i.duration_seconds ?? 0) / 60),
          });
    return `  <entry>
    <id>${esc(`${baseUrl}/status/incidents/${i.id}`)}</id>
    <title>${esc(translate(lang, i.status === 'open' ? 'availability.feed.entry_open' : 'availability.feed.entry_closed', { name }))}</title>
    <updated>${esc(i.updated_at)}</updated>
    <published>${esc(i.detected_at)}</published>
    <link rel="alternate" type="text/html" href="${esc(link)}"/>
    <summary>${esc(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${esc(`${baseUrl}/feeds/${lang}/status/incidents.atom`)}</id>
  <title>${esc(title)}</title>
  <updated>${esc(updated)}</updated>
  <link rel="self" href="${esc(`${baseUrl}/feeds/${lang}/status/incidents.atom`)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${baseUrl}/${lang}/status`)}"/>
  <author><name>${esc(translate(lang, 'shell.product'))}</name></author>
${entries.join('\n')}
</feed>
`;
}
