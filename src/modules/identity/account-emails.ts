import type { Config } from '../../config.ts';
import type { Executor } from '../../db.ts';
import type { MessageKey } from '../../messages.ts';
import { hmac, randomToken } from '../../platform/auth/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { type OutgoingMessage, queueEmail, type RenderOutcome } from '../../platform/messaging/messaging.ts';

export type LinkPurpose = 'invite' | 'reset' | 'unlock' | 'offer';

/** Each link email's texts, written out so every key is checked (none is built at run time). */
const emailText = {
  invite: {
    subject: 'email.invite.subject',
    preheader: 'email.invite.preheader',
    body: 'email.invite.body',
    action: 'email.invite.action',
    ignore: 'email.invite.ignore',
  },
  reset: {
    subject: 'email.reset.subject',
    preheader: 'email.reset.preheader',
    body: 'email.reset.body',
    action: 'email.reset.action',
    ignore: 'email.reset.ignore',
  },
  unlock: {
    subject: 'email.unlock.subject',
    preheader: 'email.unlock.preheader',
    body: 'email.unlock.body',
    action: 'email.unlock.action',
    ignore: 'email.unlock.ignore',
  },
  offer: {
    subject: 'email.offer.subject',
    preheader: 'email.offer.preheader',
    body: 'email.offer.body',
    action: 'email.offer.action',
    ignore: 'email.offer.ignore',
  },
} as const satisfies Record<LinkPurpose, Record<'subject' | 'preheader' | 'body' | 'action' | 'ignore', MessageKey>>;
const PATHS: Record<LinkPurpose, string> = { invite: 'invitation', reset: 'password/reset', unlock: 'sign-in/unlock', offer: 'role-offer' };
const SOURCE = 'identity';
/** What the stored copy of an account email shows where the link's secret goes. */
export const LINK_MASK = '••••••••';
const KEY_RE = /^identity:(invite|reset|unlock|offer):([A-Za-z0-9_-]{16,64})$/;

/**
 * The secret of an emailed link is never stored: the message keeps a random id, and the token is
 * derived from it with SECRET_KEY when the email is sent (only the token's hash is stored to check it).
 */
const linkToken = (config: Config, purpose: LinkPurpose, nonce: string) => hmac(config.secretKey, `identity|link|${purpose}|${nonce}`);

/** A new link: the id queued with its email, and the token whose hash the caller stores. */
export function newLink(config: Config, purpose: LinkPurpose): { nonce: string; token: string } {
  const nonce = randomToken(18);
  return { nonce, token: linkToken(config, purpose, nonce) };
}

/**
 * Queues the invitation, password-reset, sign-in unlock or role-offer email in the caller's
 * transaction, its link masked: the live link is filled in at send time (renderAccountEmails).
 */
export async function queueAccountEmail(
  trx: Executor,
  config: Config,
  user: { id: number; email: string; name: string; locale: 'ar' | 'en' },
  purpose: LinkPurpose,
  nonce: string,
  bodyParams?: Record<string, string>,
): Promise<void> {
  const lang = user.locale;
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(lang, k, p);
  const url = `${config.baseUrl}/${lang}/${PATHS[purpose]}/${LINK_MASK}`;
  const hours = purpose === 'invite' || purpose === 'offer' ? 24 * 7 : 1;
  const texts = emailText[purpose];
  const subject = t(texts.subject);
  const { html, text } = renderEmail({
    lang,
    sender: t('shell.product'),
    heading: subject,
    preheader: t(texts.preheader),
    paragraphs: [t('email.greeting', { name: user.name }), t(texts.body, bodyParams), t('email.link_expires', { hours })],
    action: { label: t(texts.action), url },
    footer: [t(texts.ignore), t('email.footer_program')],
  });
  await queueEmail(trx, config.mailFrom, {
    key: `identity:${purpose}:${nonce}`,
    to: user.email,
    locale: lang,
    subject,
    text,
    html,
    source: SOURCE,
    refType: 'user',
    refId: user.id,
  });
}

/** The live token of an account email's link, from its message key (null for other messages). */
export function linkTokenOf(config: Config, messageKey: string): string | null {
  const m = KEY_RE.exec(messageKey);
  return m ? linkToken(config, m[1] as LinkPurpose, m[2]) : null;
}

/** The bodies to send: each stored (masked) copy with its live link filled in; nothing is written back. */
export function renderAccountEmails(config: Config, rows: OutgoingMessage[]): Map<number, RenderOutcome> {
  const out = new Map<number, RenderOutcome>();
  for (const row of rows) {
    const stored = { subject: row.subject ?? undefined, text: row.text, html: row.html, headers: row.headers };
    const m = KEY_RE.exec(row.key);
    const token = linkTokenOf(config, row.key);
    if (!m || !token) {
      // Queued before links were masked: sent as stored.
      out.set(row.id, stored);
      continue;
    }
    const purpose = m[1] as LinkPurpose;
    const masked = `/${PATHS[purpose]}/${LINK_MASK}`;
    const live = `/${PATHS[purpose]}/${token}`;
    out.set(row.id, {
      ...stored,
      text: stored.text.split(masked).join(live),
      html: stored.html?.split(masked).join(live) ?? null,
      secret: true,
    });
  }
  return out;
}

/** Registers the send-time rendering of account emails with the platform's dispatcher. */
export function registerIdentityDelivery(deps: Deps): void {
  deps.messaging.renderAtSend(SOURCE, async (_db, rows) => renderAccountEmails(deps.config, rows));
}
