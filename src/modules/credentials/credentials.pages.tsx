import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAuditNow } from '../../platform/audit/audit.ts';
import {
  issuerDocument,
  listCredentials,
  SERIAL_PATTERN,
  statusListDocument,
  type Verdict,
  verifyDocument,
} from '../../platform/credentials/credentials.ts';
import { credentialBySerial, ERASED_DOCUMENT, revokeCredential } from '../../platform/credentials/index.ts';
import { AppError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { jsonDepth } from '../../platform/http/json-depth.ts';
import { handleForm, langPath, pageParam, queryFilters, registerPages } from '../../platform/http/pages.ts';
import { formValues, parseInput } from '../../platform/http/validation.ts';
import { pdfRenderer } from '../../platform/pdf/pdf.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { certificateHtml } from './certificate.tsx';
import { CredentialsListPage, RevokePage, VerifyFormPage, VerifyResultPage } from './views/credentials.views.tsx';

/** A certificate is a few kilobytes; anything near this is not one. */
export const MAX_CREDENTIAL_BYTES = 64 * 1024;
const MAX_DEPTH = 16;
export const OFFICE = ['program_admin', 'program_reviewer'] as const;

const reasonSchema = z.object({ reason: z.string().trim().min(3).max(500) });

/** The credential text of the verify form: the pasted JSON, or the uploaded file; checked for size and depth before parsing. */
export function readCredentialInput(body: Record<string, unknown>): unknown {
  const file = body.file;
  const pasted = typeof body.document === 'string' ? body.document.trim() : '';
  const text = Buffer.isBuffer(file) && file.length > 0 ? file : pasted;
  const bytes = typeof text === 'string' ? Buffer.byteLength(text) : text.length;
  const field = Buffer.isBuffer(text) ? 'file' : 'document';
  if (bytes === 0) throw new ValidationError([{ field: 'document', key: 'credentials.error.empty' }]);
  if (bytes > MAX_CREDENTIAL_BYTES) throw new ValidationError([{ field, key: 'credentials.error.too_large' }]);
  const s = typeof text === 'string' ? text : text.toString('utf8');
  if (jsonDepth(s, MAX_DEPTH) > MAX_DEPTH) throw new ValidationError([{ field, key: 'credentials.error.too_deep' }]);
  try {
    const doc = JSON.parse(s);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not an object');
    return doc;
  } catch {
    throw new ValidationError([{ field, key: 'credentials.error.json' }]);
  }
}

async function credentialsPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  const office = { config: { access: { roles: OFFICE } } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };

  app.get('/verify', open, async (req, reply) => {
    const serial = queryFilters(req, ['serial']).serial;
    if (serial === undefined) return sendPage(req, reply, <VerifyFormPage values={{}} />);
    const normal = serial.toUpperCase().replace(/\s+/g, '');
    if (!SERIAL_PATTERN.test(normal)) {
      return sendPage(
        req,
        reply,
        <VerifyFormPage values={{ serial }} errors={[{ field: 'serial', key: 'credentials.error.serial' }]} />,
        400,
      );
    }
    return reply.redirect(langPath(req, `/verify/${normal}`), 303);
  });

  app.post(
    '/verify',
    {
      config: {
        access: 'public' as const,
        multipartOptions: { limits: { fileSize: MAX_CREDENTIAL_BYTES, files: 1, fields: 3, parts: 4 } },
      },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let doc: unknown;
      try {
        doc = readCredentialInput(body);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const pasted = typeof body.document === 'string' ? body.document.slice(0, MAX_CREDENTIAL_BYTES) : '';
        return sendPage(req, reply, <VerifyFormPage values={{ document: pasted }} errors={err.fieldErrors} />, err.status);
      }
      const verdict = await verifyDocument(deps, doc);
      return sendPage(req, reply, <VerifyResultPage verdict={verdict} baseUrl={deps.config.baseUrl} />);
    },
  );

  app.get('/verify/:serial', open, async (req, reply) => {
    const row = await credentialBySerial(deps.db, (req.params as { serial: string }).serial);
    if (!row) throw new NotFoundError();
    // An erased recipient's credential has no document left: it is shown as revoked, with the reason.
    const verdict: Verdict =
      row.document === ERASED_DOCUMENT ? { outcome: 'revoked', row } : await verifyDocument(deps, JSON.parse(row.document));
    return sendPage(
      req,
      reply,
      <VerifyResultPage
        verdict={verdict.outcome === 'invalid' || verdict.outcome === 'not_ours' ? verdict : { ...verdict, row }}
        baseUrl={deps.config.baseUrl}
      />,
    );
  });

  // The printable certificate, in the page's language; the verification page links to it.
  app.get('/verify/:serial/certificate.pdf', open, async (req, reply) => {
    const row = await credentialBySerial(deps.db, (req.params as { serial: string }).serial);
    if (!row) throw new NotFoundError();
    const verifyUrl = `${deps.config.baseUrl}/${req.lang}/verify/${row.serial}`;
    const pdf = await pdfRenderer(deps).render(await certificateHtml(row, req.lang, verifyUrl, deps.config.timeZone), { landscape: true });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="certificate-${row.serial}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get('/console/credentials', office, async (req, reply) => {
    const q = queryFilters(req, ['q']).q;
    const page = pageParam(req);
    const list = await listCredentials(deps, { q, page });
    // The list shows recipients' names: who read it is kept like every read of personal data.
    await recordAuditNow(deps.db, req.ctx, { action: 'credential.list', recordType: 'credential', after: { q: q ?? null, page } });
    return sendPage(
      req,
      reply,
      <CredentialsListPage
        rows={list.rows}
        hasNext={list.hasNext}
        page={page}
        q={q}
        canRevoke={req.actor.kind === 'user' && req.actor.memberships.some((m) => m.role === 'program_admin')}
      />,
    );
  });

  const revocable = async (req: FastifyRequest) => {
    const row = await credentialBySerial(deps.db, (req.params as { serial: string }).serial);
    if (!row) throw new NotFoundError();
    return row;
  };
  app.get('/console/credentials/:serial/revoke', admin, async (req, reply) =>
    sendPage(req, reply, <RevokePage row={await revocable(req)} values={{}} />),
  );
  app.post('/console/credentials/:serial/revoke', admin, async (req: FastifyRequest, reply: FastifyReply) => {
    const row = await revocable(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const { reason } = parseInput(reasonSchema, values);
        await deps.db.transaction().execute((trx) => revokeCredential(trx, req.ctx, row.serial, reason));
        return `/verify/${row.serial}`;
      },
      flash: 'credentials.flash.revoked',
      rerender: (errors) => <RevokePage row={row} values={values} errors={errors} />,
    });
  });
}

/** The documents a verifier fetches: the signed credential, the issuer's profile and keys, the status lists. */
async function credentialDocuments(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const }, schema: { hide: true } };
  const ld = (reply: FastifyReply, doc: unknown, maxAge: number) =>
    reply
      .header('content-type', 'application/ld+json; charset=utf-8')
      .header('cache-control', `public, max-age=${maxAge}`)
      .send(JSON.stringify(doc));

  app.get('/credentials/issuer', open, async (_req, reply) => ld(reply, await issuerDocument(deps), 3600));
  app.get('/credentials/status/:list', open, async (req, reply) => {
    const raw = (req.params as { list: string }).list;
    const doc = /^\d{1,6}$/.test(raw) ? await statusListDocument(deps, Number(raw)) : undefined;
    if (!doc) throw new NotFoundError();
    // Short-lived: a revocation must reach verifiers within minutes.
    return ld(reply, doc, 300);
  });
  // A credential's id is /credentials/<serial>: a browser is sent to its verification page, a
  // program (Accept: JSON) gets the document; /credentials/<serial>.json is always the document.
  app.get('/credentials/:file', open, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const json = file.endsWith('.json');
    const row = await credentialBySerial(deps.db, json ? file.slice(0, -5) : file);
    if (!row) throw new NotFoundError();
    if (json || /json/.test(req.headers.accept ?? '')) return ld(reply, JSON.parse(row.document), 3600);
    return reply.redirect(`/${req.lang}/verify/${row.serial}`, 303);
  });
}

export async function credentialsRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, credentialsPages);
  await credentialDocuments(app);
}
