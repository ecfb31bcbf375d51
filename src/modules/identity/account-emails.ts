import type { Config } from '../../config.ts';
import type { Executor } from '../../db.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { queueEmail } from '../../platform/messaging/messaging.ts';

/** Queues the invitation, password-reset, sign-in unlock or role-offer email in the caller's transaction. */
export async function queueAccountEmail(
  trx: Executor,
  config: Config,
  user: { id: number; email: string; name: string; locale: 'ar' | 'en' },
  purpose: 'invite' | 'reset' | 'unlock' | 'offer',
  token: string,
  tokenId: string,
  bodyParams?: Record<string, string>,
): Promise<void> {
  const lang = user.locale;
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);
  const path = { invite: 'invitation', reset: 'password/reset', unlock: 'sign-in/unlock', offer: 'role-offer' }[purpose];
  const url = `${config.baseUrl}/${lang}/${path}/${token}`;
  const hours = purpose === 'invite' || purpose === 'offer' ? 24 * 7 : 1;
  const subject = t(`email.${purpose}.subject`);
  const { html, text } = renderEmail({
    lang,
    sender: t('shell.product'),
    heading: subject,
    preheader: t(`email.${purpose}.preheader`),
    paragraphs: [t('email.greeting', { name: user.name }), t(`email.${purpose}.body`, bodyParams), t('email.link_expires', { hours })],
    action: { label: t(`email.${purpose}.action`), url },
    footer: [t(`email.${purpose}.ignore`), t('email.footer_program')],
  });
  await queueEmail(trx, config.mailFrom, {
    key: `identity:${purpose}:${tokenId}`,
    to: user.email,
    locale: lang,
    subject,
    text,
    html,
    source: 'identity',
    refType: 'user',
    refId: user.id,
  });
}
