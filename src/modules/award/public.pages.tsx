import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { setFlash } from '../../platform/http/context.ts';
import { AppError, NotFoundError } from '../../platform/http/errors.ts';
import { autosaveError, idParam, isPersonError, wantsJson } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import type { Errors } from '../../platform/views/components.tsx';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import { ATTACHMENT_MULTIPART, downloadHeaders, listAttachments } from './attachments.ts';
import * as award from './award.service.ts';
import { publicResults } from './decisions.service.ts';
import * as entrants from './entrants.service.ts';
import { answeredQuestions } from './questions.ts';
import { EntrantCodePage, EntrantNominationPage, EntrantPage, EntrantStartPage } from './views/entrant.views.tsx';
import { ArchivePage, EditionPage } from './views/results.views.tsx';

/** A refusal the page shows (400 with field errors, 409 with its message), or undefined for anything else. */
const shown = (err: unknown): { status: number; errors: Errors } | undefined =>
  err instanceof AppError && (err.status === 400 || err.status === 409)
    ? { status: err.status, errors: err.fieldErrors.length ? err.fieldErrors : [{ field: '_', key: err.key, params: err.params }] }
    : undefined;

const editionNumber = (req: FastifyRequest) => {
  const raw = (req.params as { number: string }).number;
  if (!/^\d{1,4}$/.test(raw)) throw new NotFoundError();
  return Number(raw);
};
const queryToken = (req: FastifyRequest) => {
  const token = (req.query as { token?: unknown }).token;
  return typeof token === 'string' ? token : '';
};

/**
 * What anyone may read: every edition (the archive), its rules and dates, and its published results
 * with citations; and individuals' nominations through a proven email.
 */
export async function publicAwardPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  app.get('/award', open, async (req, reply) => {
    const now = new Date();
    const cycles = (await award.listCycles(deps)).map((cycle) => ({ cycle, phase: award.phaseOf(cycle, now) }));
    return sendPage(req, reply, <ArchivePage cycles={cycles} />);
  });
  app.get('/award/:number', open, async (req, reply) => {
    const r = await publicResults(deps, editionNumber(req));
    const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
    const phase = award.phaseOf(r.cycle, new Date());
    const individuals = phase === 'nominating' && r.branches.some((b) => award.takesIndividuals(b.branch.nominee_kind));
    return sendPage(
      req,
      reply,
      <EditionPage cycle={r.cycle} phase={phase} branches={r.branches} agencies={agencies} individuals={individuals} />,
    );
  });

  // Nominating as an individual: name and email, the code, then one's own nominations by a signed link.
  const startPage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: Errors) => {
    const { cycle, branches } = await entrants.individualEdition(deps, editionNumber(req));
    const isOpen = award.phaseOf(cycle, new Date()) === 'nominating';
    return <EntrantStartPage cycle={cycle} branches={branches} open={isOpen} values={values} errors={errors} />;
  };
  app.get('/award/:number/nominate', open, async (req, reply) => sendPage(req, reply, await startPage(req)));
  app.post('/award/:number/nominate', open, async (req, reply) => {
    const values = formValues(req.body);
    const number = editionNumber(req);
    try {
      const pending = await entrants.requestEntrantCode(deps, req.ctx, number, values);
      const { cycle } = await entrants.individualEdition(deps, number);
      return sendPage(req, reply, <EntrantCodePage cycle={cycle} pending={pending} />);
    } catch (err) {
      const s = shown(err);
      if (!s) throw err;
      return sendPage(req, reply, await startPage(req, values, s.errors), s.status);
    }
  });
  app.post('/award/:number/nominate/verify', open, async (req, reply) => {
    const { cycle } = await entrants.individualEdition(deps, editionNumber(req));
    const { pending, ...values } = formValues(req.body);
    try {
      const token = await entrants.verifyEntrantCode(deps, req.ctx, pending, values);
      setFlash(req, reply, 'award.flash.verified');
      return reply.redirect(`/${req.lang}/award/entrant?token=${encodeURIComponent(token)}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 400)
        return sendPage(req, reply, <EntrantCodePage cycle={cycle} pending={String(pending ?? '')} errors={err.fieldErrors} />, 400);
      throw err;
    }
  });

  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  const entrantPage = async (token: string, values?: Record<string, unknown>, errors?: Errors) => {
    const e = await entrants.entrantOf(deps, token);
    return <EntrantPage {...e} token={token} values={values} errors={errors} />;
  };
  const nominationPage = async (token: string, id: number, values?: Record<string, unknown>, errors?: Errors) => {
    const e = await entrants.entrantOf(deps, token);
    const n = e.nominations.find((x) => x.id === id);
    if (!n) throw new NotFoundError();
    return (
      <EntrantNominationPage
        cycle={e.cycle}
        branches={e.branches}
        nomination={n}
        attachments={await listAttachments(deps.db, n.id)}
        questions={await answeredQuestions(deps.db, n)}
        open={e.open}
        token={token}
        values={values}
        errors={errors}
      />
    );
  };
  const toNomination = (req: FastifyRequest, reply: FastifyReply, token: string, id: number, flash: MessageKey) => {
    setFlash(req, reply, flash);
    return reply.redirect(`/${req.lang}/award/entrant/nominations/${id}?token=${encodeURIComponent(token)}`, 303);
  };
  app.get('/award/entrant', open, async (req, reply) => {
    noStore(reply);
    return sendPage(req, reply, await entrantPage(queryToken(req)));
  });
  app.get('/award/entrant/nominations/:id', open, async (req, reply) => {
    noStore(reply);
    return sendPage(req, reply, await nominationPage(queryToken(req), idParam(req)));
  });
  app.post('/award/entrant/nominations', open, async (req, reply) => {
    const { token, ...values } = formValues(req.body);
    const t = String(token ?? '');
    try {
      const n = await entrants.createEntrantNomination(deps, req.ctx, t, values);
      return toNomination(req, reply, t, n.id, 'award.flash.draft_saved');
    } catch (err) {
      const s = shown(err);
      if (!s || (err instanceof AppError && err.key === 'award.error.link_stale')) throw err;
      noStore(reply);
      return sendPage(req, reply, await entrantPage(t, values, s.errors), s.status);
    }
  });
  // A document for one of the entrant's drafts: the signed link and the CSRF token come before the file.
  const withUpload = {
    config: {
      access: 'public' as const,
      multipartOptions: ATTACHMENT_MULTIPART,
    },
  };
  app.post('/award/entrant/nominations/:id/attachments', withUpload, async (req, reply) => {
    const id = idParam(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const t = typeof body.token === 'string' ? body.token : '';
    try {
      await entrants.attachToEntrantNomination(deps, req.ctx, t, id, body.file, req.uploadNames?.file);
      return toNomination(req, reply, t, id, 'award.flash.attached');
    } catch (err) {
      const s = shown(err);
      if (!s || (err instanceof AppError && err.key === 'award.error.link_stale')) throw err;
      noStore(reply);
      return sendPage(req, reply, await nominationPage(t, id, undefined, s.errors), s.status);
    }
  });
  app.post('/award/entrant/attachments/:id/remove', open, async (req, reply) => {
    const t = String(formValues(req.body).token ?? '');
    const n = await entrants.removeEntrantAttachment(deps, req.ctx, t, idParam(req));
    return toNomination(req, reply, t, n.id, 'award.flash.detached');
  });
  app.get('/award/entrant/attachments/:id', open, async (req, reply) => {
    const { a, body } = await entrants.readEntrantAttachment(deps, req.ctx, queryToken(req), idParam(req));
    return reply.headers({ ...downloadHeaders(a, a.file_name), 'referrer-policy': 'no-referrer' }).send(body);
  });
  for (const [path, flash] of [
    ['', 'award.flash.draft_saved'],
    ['/submit', 'award.flash.submitted'],
    ['/withdraw', 'award.flash.withdrawn'],
  ] as const)
    app.post(`/award/entrant/nominations/:id${path}`, open, async (req, reply) => {
      const id = idParam(req);
      const { token, ...values } = formValues(req.body);
      const t = String(token ?? '');
      // The draft's form autosaves: yusr.js posts it asking for JSON, and is answered in JSON.
      const autosave = path === '' && wantsJson(req);
      try {
        if (path === '') await entrants.saveEntrantNomination(deps, req.ctx, t, id, values);
        else if (path === '/submit') await entrants.submitEntrantNomination(deps, req.ctx, t, id);
        else await entrants.withdrawEntrantNomination(deps, req.ctx, t, id);
        if (autosave) return noStore(reply).send({ saved: true });
        return toNomination(req, reply, t, id, flash);
      } catch (err) {
        if (autosave && isPersonError(err) && !(err.key === 'award.error.link_stale')) return autosaveError(req, noStore(reply), err);
        const s = shown(err);
        if (!s || (err instanceof AppError && err.key === 'award.error.link_stale')) throw err;
        noStore(reply);
        return sendPage(req, reply, await nominationPage(t, id, path === '' ? values : undefined, s.errors), s.status);
      }
    });
}
