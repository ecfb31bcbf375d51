import type { MessageKey } from '../../messages.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { keyFor, type Lang, type Params, translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { headerSafe, type RenderedBody } from '../../platform/messaging/messaging.ts';
import { audienceLabel } from '../catalog/public.ts';
import type { Announcement } from './announcements.repo.ts';
import { urls } from './links.ts';
import { kindLabel, targetPhraseLabel } from './notify.labels.ts';
import type { TargetLabel } from './targets.ts';

const say = (lang: Lang, key: MessageKey, params?: Params) => translate(lang, key, params);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Markers in a template where each recipient's own links go.
const MANAGE = '%%YUSR_MANAGE%%';
const UNSUB = '%%YUSR_UNSUBSCRIBE%%';
const LINKS = '%%YUSR_LINKS%%';

/** One email rendered once for everyone reading it in one language; only the two links differ per person. */
export interface EmailTemplate {
  subject: string;
  html: string;
  text: string;
  /** The List-Id of the sending agency. */
  listId: string;
}

/** What an announcement email shows besides the announcement itself. */
export interface AnnouncementContext {
  agency: { code: string; name_ar: string; name_en: string };
  services: { identifier: string; name_ar: string; name_en: string }[];
  logoUrl?: string;
  baseUrl: string;
  timeZone: string;
}

const paragraphsOf = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

/** "From … to …" for downtime and outages, dated in Hijri and Gregorian. */
export function whenLine(lang: Lang, a: Pick<Announcement, 'kind' | 'starts_at' | 'ends_at'>, timeZone: string): string | null {
  if (!a.starts_at) return null;
  const from = dualDateText(lang, a.starts_at, timeZone, true);
  if (!a.ends_at) return say(lang, 'notify.email.when_from', { from });
  return say(lang, 'notify.email.when_range', { from, to: dualDateText(lang, a.ends_at, timeZone, true) });
}

/** The footer's link block, as HTML anchors and as plain text. */
function withLinks(lang: Lang, r: { html: string; text: string }) {
  const html = `<a href="${MANAGE}" style="color:#1d4f91">${esc(say(lang, 'notify.email.manage'))}</a> · <a href="${UNSUB}" style="color:#1d4f91">${esc(say(lang, 'notify.email.unsubscribe'))}</a>`;
  const text = `${say(lang, 'notify.email.manage')}: ${MANAGE}\n${say(lang, 'notify.email.unsubscribe')}: ${UNSUB}`;
  return { html: r.html.replace(LINKS, html), text: r.text.replace(LINKS, text) };
}

/** The announcement email in one language, links left as markers. */
export function announcementTemplate(a: Announcement, c: AnnouncementContext, lang: Lang): EmailTemplate {
  const title = lang === 'ar' ? a.title_ar : a.title_en;
  const agencyName = lang === 'ar' ? c.agency.name_ar : c.agency.name_en;
  const kind = say(lang, kindLabel[a.kind]);
  const when = whenLine(lang, a, c.timeZone);
  const r = renderEmail({
    lang,
    sender: agencyName,
    logoUrl: c.logoUrl,
    preheader: `${kind} — ${agencyName}`,
    heading: title,
    paragraphs: [...(when ? [when] : []), ...paragraphsOf(lang === 'ar' ? a.body_ar : a.body_en)],
    items: c.services.map((s) => ({
      title: lang === 'ar' ? s.name_ar : s.name_en,
      url: urls.service(c.baseUrl, lang, s.identifier),
    })),
    action: { label: say(lang, 'notify.email.read_more'), url: urls.announcement(c.baseUrl, lang, a.id) },
    footer: [
      say(lang, 'notify.email.why', { agency: agencyName }),
      LINKS,
      a.published_at ? say(lang, 'notify.email.published', { date: dualDateText(lang, a.published_at, c.timeZone) }) : '',
      say(lang, 'email.footer_program'),
    ].filter(Boolean),
  });
  return { subject: headerSafe(title), ...withLinks(lang, r), listId: listIdOf(c.agency.code, c.baseUrl) };
}

/** The List-Id of an agency's announcements (RFC 2919). */
export const listIdOf = (code: string, baseUrl: string) => `<${code}.announcements.${new URL(baseUrl).hostname}>`;

export interface DigestEntry {
  id: number;
  kind: Announcement['kind'];
  title: string;
  body: string;
  agency: string;
  published_at: string;
}

/** A daily or weekly digest in one language: the announcements since the last one, dated in both calendars. */
export function digestTemplate(
  lang: Lang,
  frequency: 'daily' | 'weekly',
  at: string,
  entries: DigestEntry[],
  baseUrl: string,
  timeZone: string,
): EmailTemplate {
  const date = dualDateText(lang, at, timeZone);
  const heading = say(lang, frequency === 'daily' ? 'notify.digest.daily_heading' : 'notify.digest.weekly_heading', { date });
  const r = renderEmail({
    lang,
    sender: say(lang, 'shell.product'),
    preheader: say(lang, 'notify.digest.lead', { count: entries.length }),
    heading,
    paragraphs: [say(lang, 'notify.digest.lead', { count: entries.length })],
    items: entries.map((e) => ({
      title: e.title,
      url: urls.announcement(baseUrl, lang, e.id),
      meta: `${say(lang, kindLabel[e.kind])} · ${e.agency} — ${dualDateText(lang, e.published_at, timeZone)}`,
      body: e.body.length > 240 ? `${e.body.slice(0, 237).replace(/\s+\S*$/, '')}…` : e.body,
    })),
    footer: [say(lang, 'notify.digest.why'), LINKS, say(lang, 'email.footer_program')],
  });
  return { subject: headerSafe(heading), ...withLinks(lang, r), listId: listIdOf('digest', baseUrl) };
}

/** One recipient's copy: their links filled in, and the RFC 8058 one-click unsubscribe headers. */
export function personalize(t: EmailTemplate, links: { manage: string; unsubscribe: string }): RenderedBody {
  const fill = (s: string, inHtml: boolean) =>
    s.replaceAll(MANAGE, inHtml ? esc(links.manage) : links.manage).replaceAll(UNSUB, inHtml ? esc(links.unsubscribe) : links.unsubscribe);
  return {
    subject: t.subject,
    html: fill(t.html, true),
    text: fill(t.text, false),
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': t.listId,
    },
  };
}

/** The text message of an announcement: short, with the link to read it all. */
export function announcementSms(a: Announcement, agency: { name_ar: string; name_en: string }, lang: Lang, baseUrl: string): string {
  const title = lang === 'ar' ? a.title_ar : a.title_en;
  return `${lang === 'ar' ? agency.name_ar : agency.name_en}: ${title}\n${urls.announcement(baseUrl, lang, a.id)}`;
}

/**
 * A transactional email's own one-click unsubscribe: the RFC 8058 headers and a visible link that
 * stops every email to the address (for a confirmation, the pending request with it).
 */
function withStopLink(lang: Lang, r: { subject: string; html: string; text: string }, unsubscribeUrl: string) {
  const label = say(lang, 'notify.email.stop_all');
  return {
    subject: r.subject,
    html: r.html.replace(LINKS, `<a href="${esc(unsubscribeUrl)}" style="color:#1d4f91">${esc(label)}</a>`),
    text: r.text.replace(LINKS, `${label}: ${unsubscribeUrl}`),
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The double opt-in email: one link, what happens if it is ignored, and a way to stop every email. */
export function confirmationEmail(lang: Lang, target: TargetLabel, url: string, unsubscribeUrl: string) {
  const subject = say(lang, 'notify.email.confirm_subject');
  const what = targetPhrase(lang, target);
  const { html, text } = renderEmail({
    lang,
    sender: say(lang, 'shell.product'),
    preheader: what,
    heading: subject,
    paragraphs: [say(lang, 'notify.email.confirm_body', { what }), say(lang, 'notify.email.confirm_expires', { days: 7, count: 7 })],
    action: { label: say(lang, 'notify.email.confirm_action'), url },
    footer: [say(lang, 'notify.email.confirm_ignore'), LINKS, say(lang, 'email.footer_program')],
  });
  return withStopLink(lang, { subject, html, text }, unsubscribeUrl);
}

/** The email that carries a fresh manage link, and a way to stop every email. */
export function manageLinkEmail(lang: Lang, url: string, unsubscribeUrl: string) {
  const subject = say(lang, 'notify.email.manage_subject');
  const { html, text } = renderEmail({
    lang,
    sender: say(lang, 'shell.product'),
    heading: subject,
    paragraphs: [say(lang, 'notify.email.manage_body'), say(lang, 'notify.email.manage_expires', { days: 30, count: 30 })],
    action: { label: say(lang, 'notify.email.manage'), url },
    footer: [say(lang, 'notify.email.manage_ignore'), LINKS, say(lang, 'email.footer_program')],
  });
  return withStopLink(lang, { subject, html, text }, unsubscribeUrl);
}

/** "the service X" / "everything from agency Y" / "every new service", in the subscriber's language. */
export function targetPhrase(lang: Lang, t: TargetLabel): string {
  const name = lang === 'ar' ? t.ar : t.en;
  const audience = t.type === 'audience' ? keyFor(audienceLabel, t.key) : undefined;
  if (t.type === 'audience') return say(lang, 'notify.target_phrase.audience', { name: audience ? say(lang, audience) : t.key });
  return say(lang, targetPhraseLabel[t.type], { name });
}
