import type { Executor } from '../../db.ts';
import type { Deps } from '../deps.ts';
import type { Lang } from '../i18n/i18n.ts';
import { translate } from '../i18n/i18n.ts';
import { renderEmail } from './email-layout.tsx';
import { queueEmail } from './messaging.ts';

/** What a module says to one person: the words are already in that person's language. */
export interface PersonEmail {
  subject: string;
  /** Paragraphs after the greeting by name. */
  body: string[];
  /** The button: its words, and the page's path without the language prefix. */
  action: { label: string; path: string };
  /** The module's footer line; the program's own follows it. */
  footer: string;
  /** Queued once, ever, under this key: a retried job sends nothing twice. */
  key: string;
  /** The module sending it, and the record it is about (delivery reports and erasure find it by these). */
  source: string;
  ref: { refType: string; refId: number };
}

/**
 * Renders an email to one person in their language (greeting, body, a button into Yusr, footers)
 * and queues it in the caller's transaction, so it goes out if and only if the change commits.
 */
export function queuePersonEmail(
  trx: Executor,
  deps: Pick<Deps, 'config'>,
  person: { name: string; email: string },
  lang: Lang,
  m: PersonEmail,
): Promise<boolean> {
  const { html, text } = renderEmail({
    lang,
    sender: translate(lang, 'shell.product'),
    heading: m.subject,
    paragraphs: [translate(lang, 'email.greeting', { name: person.name }), ...m.body],
    action: { label: m.action.label, url: `${deps.config.baseUrl}/${lang}${m.action.path}` },
    footer: [m.footer, translate(lang, 'email.footer_program')],
  });
  return queueEmail(trx, deps.config.mailFrom, {
    key: m.key,
    to: person.email,
    locale: lang,
    subject: m.subject,
    text,
    html,
    source: m.source,
    ...m.ref,
  });
}
