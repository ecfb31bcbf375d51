import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type TestApp, testApp } from './app.ts';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
}

/**
 * A real SMTP server on loopback. `respond` decides per recipient: accept, or answer with a
 * temporary (4xx) or permanent (5xx) code, so tests can exercise retries and bounces.
 */
export class TestSmtp {
  readonly mails: ReceivedMail[] = [];
  respond: (to: string) => 'ok' | 'temp' | 'perm' = () => 'ok';
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        const r = this.respond(address.address);
        if (r === 'temp') return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        if (r === 'perm') return cb(Object.assign(new Error('No such user'), { responseCode: 550 }));
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({ raw, parsed: await simpleParser(raw), to: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?pool=false`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }
}

/** Starts `smtp`, then a test app that sends its mail there (a suite's `before`). */
export async function startAppWithSmtp(smtp: TestSmtp, env: Record<string, string> = {}): Promise<TestApp> {
  await smtp.start();
  return testApp({ SMTP_URL: smtp.url, ...env });
}

/** Closes the app, then its SMTP receiver (the suite's `after`). */
export async function stopAppWithSmtp(t: TestApp, smtp: TestSmtp): Promise<void> {
  await t.close();
  await smtp.stop();
}
