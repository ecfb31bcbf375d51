import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/authz/authorize.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../../platform/http/pages.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { MEASURE_ROLES, measurePolicy } from './measure.policy.ts';
import { mayDownloadWorkbook } from './report.service.tsx';
import { roundResults } from './results.service.ts';
import { ReportPage } from './views/report.views.tsx';
import { ResultsPage } from './views/results.views.tsx';
import { ScorecardPage } from './views/scorecard.views.tsx';

export async function resultPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: MEASURE_ROLES } } };

  app.get('/console/measure/rounds/:id/results', everyone, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    // A page number that is not one shows the first page; a filter is plain text, at most 100 characters.
    const page = typeof query.page === 'string' && /^\d{1,6}$/.test(query.page) ? Number(query.page) : 1;
    const q = typeof query.q === 'string' ? query.q.slice(0, 100) : undefined;
    return sendPage(req, reply, <ResultsPage view={await roundResults(deps, req.ctx, idParam(req))} page={page} q={q} />);
  });

  app.get('/console/measure/rounds/:id/results/:agencyId', everyone, async (req, reply) => {
    const view = await roundResults(deps, req.ctx, idParam(req));
    const agencyId = idParam(req, 'agencyId');
    const agency = [...view.agencyByCode.values()].find((a) => a.id === agencyId);
    if (!agency) throw new NotFoundError();
    authorize(measurePolicy.readResults(req.actor, view.bundle.round.status));
    return sendPage(
      req,
      reply,
      <ScorecardPage view={view} agency={agency} detail={measurePolicy.readScorecardDetail(req.actor, agencyId)} />,
    );
  });

  app.get('/console/measure/rounds/:id/report', everyone, async (req, reply) =>
    sendPage(
      req,
      reply,
      <ReportPage
        view={await roundResults(deps, req.ctx, idParam(req))}
        pdf={pdfAvailable(deps.config.chromiumPath)}
        xlsx={mayDownloadWorkbook(req.ctx)}
      />,
    ),
  );
}
