import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import * as award from './award.service.ts';
import { publicResults } from './decisions.service.ts';
import { ArchivePage, EditionPage } from './views/results.views.tsx';

/** What anyone may read: every edition (the archive), its rules and dates, and its published results with citations. */
export async function publicAwardPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  app.get('/award', open, async (req, reply) => {
    const now = new Date();
    const cycles = (await award.listCycles(deps)).map((cycle) => ({ cycle, phase: award.phaseOf(cycle, now) }));
    return sendPage(req, reply, <ArchivePage cycles={cycles} />);
  });
  app.get('/award/:number', open, async (req, reply) => {
    const raw = (req.params as { number: string }).number;
    if (!/^\d{1,4}$/.test(raw)) throw new NotFoundError();
    const r = await publicResults(deps, Number(raw));
    const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
    return sendPage(
      req,
      reply,
      <EditionPage cycle={r.cycle} phase={award.phaseOf(r.cycle, new Date())} branches={r.branches} agencies={agencies} />,
    );
  });
}
