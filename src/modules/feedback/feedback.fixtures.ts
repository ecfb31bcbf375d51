import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Parser } from 'htmlparser2';
import type { Insertable } from 'kysely';
import { type FilePart, multipart } from '../../../test/helpers/multipart.ts';
import type { FeedbackCasesTable } from './feedback.tables.ts';

// Test helpers of the feedback module (imported by its tests only): an anonymous visitor that keeps
// cookies and sends multipart forms the way a browser does, and small files of known kinds.

/** Smallest files each kind sniffs as. */
export const files = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  /** A Windows executable, whatever name it is given. */
  exe: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
  /** HTML (with a script) pretending to be a picture. */
  html: () => Buffer.from('<html><script>alert(1)</script></html>'),
  big: (mb: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(mb * 1024 * 1024, 0x20)]),
};

export type Upload = FilePart;

/** An anonymous beneficiary's browser: cookies kept, CSRF token read from a page. */
export class Visitor {
  private cookies = new Map<string, string>();
  private token: string | null = null;

  constructor(
    readonly app: FastifyInstance,
    readonly ip = '203.0.113.7',
  ) {}

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1).trim();
      if (value) this.cookies.set(pair.slice(0, i).trim(), value);
    }
    return res;
  }

  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.header() } }));
  }

  async csrf(): Promise<string> {
    if (this.token) return this.token;
    const page = await this.get('/ar/feedback/track');
    const m = /name="_csrf" value="([^"]+)"/.exec(page.body);
    if (!m) throw new Error('no CSRF token');
    this.token = m[1];
    return m[1];
  }

  async post(url: string, form: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: await this.csrf(), ...form });
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        payload: body.toString(),
        headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  /** A multipart form post; the CSRF token is the first field, before the files, as the page's form sends it. */
  async upload(url: string, fields: Record<string, string>, files: Upload | Upload[] = []) {
    const { payload, contentType } = multipart({ _csrf: await this.csrf(), ...fields }, files);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        payload,
        headers: { cookie: this.header(), 'content-type': contentType },
      }),
    );
  }
}

/** The fields of a valid complaint to an agency; override what the test is about. */
export function complaint(agencyId: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: 'complaint',
    category: 'delay',
    agency_id: String(agencyId),
    subject: 'تأخر تجديد الجواز',
    body: 'قدمت طلب تجديد الجواز قبل أسبوعين ولم يصلني شيء حتى الآن.',
    contact_name: 'سارة',
    contact_email: `sara.${randomBytes(3).toString('hex')}@example.com`,
    notify_by: 'email',
    ...overrides,
  };
}

/** The tracking number and signed token from a status-page address. */
export function parseStatusUrl(location: string): { lang: string; tracking: string; token: string } {
  const m = /^\/(ar|en)\/feedback\/cases\/(YSR-\d{4}-\d{6,})\?t=([^&]+)/.exec(location);
  if (!m) throw new Error(`not a status address: ${location}`);
  return { lang: m[1], tracking: m[2], token: decodeURIComponent(m[3]) };
}

/**
 * The fields a browser would send from the page's form whose action contains `action`: inputs
 * (checked radios and boxes only), selected options and text areas, as rendered (no CSRF token,
 * no file inputs: the test's client adds those).
 */
export function formFields(html: string, action: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let inForm = false;
  let select: { name: string; first?: string; chosen?: string } | null = null;
  let textarea: { name: string; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(tag, a) {
        if (tag === 'form') inForm = (a.action ?? '').includes(action);
        if (!inForm) return;
        if (tag === 'option' && select) {
          const value = a.value ?? '';
          select.first ??= value;
          if ('selected' in a) select.chosen = value;
        }
        if (!a.name || a.name === '_csrf') return;
        if (tag === 'input') {
          const type = a.type ?? 'text';
          if (type === 'file' || type === 'submit') return;
          if ((type === 'radio' || type === 'checkbox') && !('checked' in a)) return;
          fields[a.name] = a.value ?? (type === 'checkbox' ? 'on' : '');
        }
        if (tag === 'select') select = { name: a.name };
        if (tag === 'textarea') textarea = { name: a.name, text: '' };
      },
      ontext(text) {
        if (textarea) textarea.text += text;
      },
      onclosetag(tag) {
        if (tag === 'form') inForm = false;
        if (tag === 'textarea' && textarea) {
          fields[textarea.name] = textarea.text.replace(/^\n/, '');
          textarea = null;
        }
        if (tag === 'select' && select) {
          fields[select.name] = select.chosen ?? select.first ?? '';
          select = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return fields;
}

/** A case row as filed on `at` (ISO), open, for tests that write cases directly; `o` overrides any column. */
export function caseRow(seq: number, agencyId: number, at: string, o: Partial<FeedbackCasesTable> = {}): Insertable<FeedbackCasesTable> {
  const H = 3_600_000;
  return {
    tracking_no: `YSR-1447-${String(seq).padStart(6, '0')}`,
    kind: 'complaint',
    category: 'delay',
    agency_id: agencyId,
    service_id: null,
    subject: 's',
    body: 'b',
    lang: 'en',
    contact_name: null,
    contact_email: 'm@example.com',
    contact_phone: null,
    notify_by: 'email',
    contact_hash: 'h',
    ip_hash: 'i',
    fingerprint: `f${seq}`,
    status: 'open',
    assigned_to: null,
    resolution_code: null,
    merged_into: null,
    reopen_count: 0,
    first_response_at: null,
    first_response_ms: null,
    resolved_at: null,
    sla_first_ms: 2 * H,
    sla_resolution_ms: 10 * H,
    sla_warn_permille: 800,
    first_warn_at: null,
    first_due_at: null,
    res_warn_at: null,
    res_due_at: null,
    first_warned: 0,
    first_breached: 0,
    res_warned: 0,
    res_breached: 0,
    sla_outcome: null,
    sla_outcome_at: null,
    sla_outcome_month: null,
    survey_score: null,
    survey_at: null,
    month: at.slice(0, 7),
    created_at: at,
    updated_at: at,
    ...o,
  } as Insertable<FeedbackCasesTable>;
}
