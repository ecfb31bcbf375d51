import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam, idQuery, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import type { CaseFilter } from './cases.repo.ts';
import { CASE_ROLES } from './feedback.policy.ts';
import * as inbox from './inbox.service.ts';
import { splitUpload, withFieldNames } from './pages.util.ts';
import * as routing from './routing.service.ts';
import { fillTemplate, getTemplate, listTemplates } from './templates.service.ts';
import { CasePage } from './views/case.views.tsx';
import { InboxPage } from './views/inbox.views.tsx';
import { ReroutesPage } from './views/settings.views.tsx';

const FILTERS = ['q', 'status', 'kind', 'category', 'assigned', 'sla', 'agency'] as const;

/** The agency case inbox and the case page with its actions. */
export async function inboxPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const staff = { config: { access: { roles: CASE_ROLES } } };

  app.get('/console/feedback', staff, async (req, reply) => {
    const f = queryFilters(req, FILTERS);
    const page = pageParam(req);
    const me = req.actor.kind === 'user' ? req.actor.id : undefined;
    const filter: CaseFilter = {
      q: f.q,
      status: f.status === undefined ? 'active' : (f.status as CaseFilter['status']),
      kind: f.kind,
      category: f.category,
      assignedTo: f.assigned === 'none' ? 'none' : f.assigned === 'me' ? me : undefined,
      sla: f.sla === 'warning' || f.sla === 'breached' ? f.sla : undefined,
      agencyIds: idQuery(f.agency) ? [idQuery(f.agency) as number] : undefined,
    };
    // "Any status" arrives as an empty value, which queryFilters drops: tell it apart from no filter at all.
    if ((req.query as Record<string, unknown>).status === '') filter.status = undefined;
    const r = await inbox.listInbox(deps, req.ctx, filter, page);
    const scope = inbox.caseScope(req.ctx);
    const agencies = (await allAgencies(deps)).filter((a) => !scope || scope.includes(a.id));
    return sendPage(
      req,
      reply,
      <InboxPage
        items={r.items}
        hasNext={r.hasNext}
        page={page}
        filters={{ ...f, status: filter.status ?? '' }}
        agencies={agencies}
        showAgency={!scope || scope.length > 1}
      />,
    );
  });

  const casePage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const data = await inbox.getCase(deps, req.ctx, idParam(req), 'console');
    const templateId = Number((req.query as Record<string, unknown>)?.template);
    const template = templateId > 0 ? await getTemplate(deps, req.ctx, templateId).catch(() => undefined) : undefined;
    return (
      <CasePage
        data={data}
        templates={await listTemplates(deps, req.ctx)}
        agencies={await allAgencies(deps)}
        replyDraft={template ? fillTemplate(template, data.case.lang, data.case) : undefined}
        values={values}
        errors={errors}
      />
    );
  };

  app.get('/console/feedback/cases/:id', staff, async (req, reply) => sendPage(req, reply, await casePage(req)));

  /** Each action posts here, renames its form fields to the service's, and comes back to the case. */
  const action = (
    path: string,
    flash: Parameters<typeof handleForm>[2]['flash'],
    names: Record<string, string>,
    run: (req: FastifyRequest, id: number, input: Record<string, unknown>) => Promise<unknown>,
  ) =>
    app.post(`/console/feedback/cases/:id/${path}`, staff, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(splitUpload(req.body).fields);
      const input = Object.fromEntries(Object.entries(values).map(([k, v]) => [names[k] ?? k, v]));
      const back = Object.fromEntries(Object.entries(names).map(([form, field]) => [field, form]));
      return handleForm(req, reply, {
        action: async () => {
          await withFieldNames(back, () => run(req, id, input));
          return `/console/feedback/cases/${id}`;
        },
        flash,
        rerender: (errors) => casePage(req, values, errors),
      });
    });

  action('reply', 'feedback.flash.replied', { reply_body: 'body' }, (req, id, input) =>
    inbox.replyToCase(deps, req.ctx, id, input, { attachment: splitUpload(req.body).file }),
  );
  action('note', 'feedback.flash.noted', { note_body: 'body' }, (req, id, input) => inbox.addNote(deps, req.ctx, id, input));
  action('assign', 'feedback.flash.assigned', {}, (req, id, input) => inbox.assignCase(deps, req.ctx, id, input));
  action('resolve', 'feedback.flash.resolved', { resolution_body: 'body' }, (req, id, input) =>
    inbox.resolveCase(deps, req.ctx, id, input),
  );
  action('merge', 'feedback.flash.merged', {}, (req, id, input) => routing.mergeCase(deps, req.ctx, id, input));
  action('reroute', 'feedback.flash.reroute_requested', {}, (req, id, input) => routing.requestReroute(deps, req.ctx, id, input));

  app.get('/console/feedback/reroutes', { config: { access: { roles: ['program_admin'] as const } } }, async (req, reply) => {
    const s = String((req.query as Record<string, unknown>).status ?? 'pending');
    const status = (['pending', 'approved', 'rejected'].includes(s) ? s : 'pending') as 'pending' | 'approved' | 'rejected';
    const page = pageParam(req);
    const r = await routing.listReroutes(deps, req.ctx, status, page);
    return sendPage(
      req,
      reply,
      <ReroutesPage items={r.items} hasNext={r.hasNext} page={page} status={status} agencies={await allAgencies(deps)} />,
    );
  });

  app.post('/console/feedback/reroutes/:id', { config: { access: { roles: ['program_admin'] as const } } }, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const r = await routing.decideReroute(deps, req.ctx, id, values);
        return r.approved ? `/console/feedback/cases/${r.case.id}` : '/console/feedback/reroutes';
      },
      flash: 'feedback.flash.reroute_decided',
      rerender: async () => {
        const r = await routing.listReroutes(deps, req.ctx, 'pending', 1);
        return <ReroutesPage items={r.items} hasNext={r.hasNext} page={1} status="pending" agencies={await allAgencies(deps)} />;
      },
    });
  });
}
