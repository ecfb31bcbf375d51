import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  headers: Record<string, string>;
}

export interface OutgoingSms {
  to: string;
  text: string;
  messageId: string;
}

/** A delivery failure: temporary ones are retried with back-off, permanent ones are not. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface EmailTransport {
  readonly name: 'smtp' | 'local';
  send(mail: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface SmsTransport {
  readonly name: 'http' | 'local';
  send(sms: OutgoingSms): Promise<void>;
}

/** Without SMTP configured, "sending" keeps the message in the console's local outbox. */
const localEmail: EmailTransport = { name: 'local', async send() {}, close() {} };
const localSms: SmsTransport = { name: 'local', async send() {} };

function smtpTransport(url: string): EmailTransport {
  const transporter = nodemailer.createTransport(url.includes('?') ? url : `${url}?pool=true&maxConnections=5&maxMessages=1000`);
  return {
    name: 'smtp',
    async send(mail) {
      try {
        await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? undefined,
          messageId: mail.messageId,
          headers: mail.headers,
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        throw new DeliveryError(
          `${code ? `SMTP ${code}: ` : ''}${(err as Error).message}`.slice(0, 500),
          typeof code === 'number' && code >= 500,
        );
      }
    },
    close: () => transporter.close(),
  };
}

function httpSms(url: string, token?: string): SmsTransport {
  return {
    name: 'http',
    async send(sms) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            'idempotency-key': sms.messageId,
          },
          body: JSON.stringify({ to: sms.to, text: sms.text, id: sms.messageId }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        throw new DeliveryError(`SMS provider unreachable: ${(err as Error).message}`, false);
      }
      if (!res.ok) {
        const permanent = res.status >= 400 && res.status < 500 && res.status !== 429;
        throw new DeliveryError(`SMS provider answered ${res.status}`, permanent);
      }
    },
  };
}

export function createTransports(config: Pick<Config, 'smtpUrl' | 'smsUrl' | 'smsToken'>) {
  return {
    email: config.smtpUrl ? smtpTransport(config.smtpUrl) : localEmail,
    sms: config.smsUrl ? httpSms(config.smsUrl, config.smsToken) : localSms,
  };
}
