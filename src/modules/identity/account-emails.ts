import type { Config } from '../../config.ts';
import type { Executor } from '../../db.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { queueEmail } from '../../platform/messaging/messaging.ts';

/** Queues the invitation or password-reset email in the caller's transaction. */
export async function queueAccountEmail(
  trx: Executor,
  config: Config,
  user: { id: number; email: string; name: string; locale: 'ar' | 'en' },
  purpose: 'invite' | 'reset',
  token: string,
  tokenId: string,
): Promise<void> {
  const lang = user.locale;
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);
  const url = `${config.baseUrl}/${lang}/${purpose === 'invite' ? 'invitation' : 'password/reset'}/${token}`;
  const hours = purpose === 'invite' ? 24 * 7 : 1;
  const subject = purpose === 'invite' ? t('email.invite.subject') : t('email.reset.subject');
  const { html, text } = renderEmail({
    lang,
    sender: t('shell.product'),
    heading: subject,
    preheader: purpose === 'invite' ? t('email.invite.preheader') : t('email.reset.preheader'),
    paragraphs: [
      t('email.greeting', { name: user.name }),
      purpose === 'invite' ? t('email.invite.body') : t('email.reset.body'),
      t('email.link_expires', { hours }),
    ],
    action: { label: purpose === 'invite' ? t('email.invite.action') : t('email.reset.action'), url },
    footer: [purpose === 'invite' ? t('email.invite.ignore') : t('email.reset.ignore'), t('email.footer_program')],
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
