import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorAgencyIds, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { AppError, type FieldError, ValidationError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues, issuesToFieldErrors } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies, getAgency } from '../identity/public.ts';
import { catalogPolicy } from './catalog.policy.ts';
import * as repo from './catalog.repo.ts';
import { serviceData } from './catalog.schema.ts';
import * as catalog from './catalog.service.ts';
import { missingParts, publicationNeeds } from './completeness.ts';
import { loadLookup } from './portal.pages.tsx';
import { formToServiceData, serviceDataToForm, toFormErrors } from './service-form.ts';
import { ComparePage } from './views/compare.views.tsx';
import { PreviewBanner, ServiceOverviewPage, ServicesListPage } from './views/console-services.views.tsx';
import { ServicePage } from './views/service.views.tsx';
import { ServiceFormPage } from './views/service-form.views.tsx';

const STAFF = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'] as const;
const EDITORS = ['program_admin', 'agency_admin', 'agency_editor'] as const;

/** Runs a save; problems of the form's own layout (line pairing) and of the schema show together. */
async function saveWith(formErrors: FieldError[], data: unknown, run: () => Promise<unknown>) {
  if (formErrors.length) {
    const r = serviceData.safeParse(data);
    throw new ValidationError([...formErrors, ...toFormErrors(r.success ? [] : issuesToFieldErrors(r.error.issues, { input: data }))]);
  }
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.fieldErrors.length) {
      throw new AppError(err.status, err.key, err.params, toFormErrors(err.fieldErrors));
    }
    throw err;
  }
}

export async function servicePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const staff = { config: { access: { roles: STAFF } } };
  const editors = { config: { access: { roles: EDITORS } } };

  const editableAgencies = async (req: FastifyRequest) => {
    const all = await allAgencies(deps);
    return hasRole(req.actor, 'program_admin') ? all : all.filter((a) => catalogPolicy.edit(req.actor, a.id));
  };

  app.get('/console/services', staff, async (req, reply) => {
    const filters = queryFilters(req, ['q', 'status', 'state', 'agency'] as const);
    const page = pageParam(req);
    const agency = Number(filters.agency);
    const r = await catalog.listForConsole(
      deps,
      req.ctx,
      {
        q: filters.q,
        status: filters.status,
        state: filters.state as repo.ServiceFilter['state'],
        agencyIds: agency > 0 ? [agency] : undefined,
      },
      page,
    );
    const all = await allAgencies(deps);
    const mine = actorAgencyIds(req.actor);
    const visible = hasRole(req.actor, 'program_admin', 'program_reviewer', 'leadership_viewer')
      ? all
      : all.filter((a) => mine.includes(a.id));
    return sendPage(
      req,
      reply,
      <ServicesListPage
        items={r.items}
        hasNext={r.hasNext}
        page={page}
        filters={filters}
        agencies={visible}
        canCreate={(await editableAgencies(req)).length > 0}
      />,
    );
  });

  const newForm = async (req: FastifyRequest, values: Record<string, unknown>, errors?: FieldError[]) => (
    <ServiceFormPage
      mode="new"
      action={`/${req.lang}/console/services/new`}
      title={translate(req.lang, 'cservice.new_title')}
      values={values}
      errors={errors}
      terms={await repo.listTerms(deps.db)}
      agencies={await editableAgencies(req)}
    />
  );

  app.get('/console/services/new', editors, async (req, reply) => {
    const agencies = await editableAgencies(req);
    authorize(agencies.length > 0);
    return sendPage(
      req,
      reply,
      await newForm(req, { status: 'planned', maturity: 'informational', audiences: ['citizens'], agency_id: agencies[0]?.id }),
    );
  });

  app.post('/console/services/new', editors, async (req, reply) => {
    const values = formValues(req.body);
    const { data, errors } = formToServiceData(values);
    return handleForm(req, reply, {
      action: async () => {
        const row = (await saveWith(errors, data, () =>
          catalog.createService(deps, req.ctx, { identifier: values.identifier ?? '', agency_id: Number(values.agency_id), data }),
        )) as repo.ServiceRow;
        return `/console/services/${row.id}`;
      },
      flash: 'cservice.created',
      rerender: (errs) => newForm(req, values, errs),
    });
  });

  const overview = async (req: FastifyRequest, errors?: FieldError[]) => {
    const s = await catalog.getForEdit(deps, req.ctx, idParam(req));
    return (
      <ServiceOverviewPage
        row={s.row}
        agency={await getAgency(deps, s.row.agency_id)}
        working={s.working}
        hasDraft={!!s.draft}
        missing={missingParts(s.working)}
        needs={publicationNeeds(s.working)}
        versions={s.versions}
        history={s.history}
        can={{ edit: catalogPolicy.edit(req.actor, s.row.agency_id), publish: catalogPolicy.publish(req.actor, s.row.agency_id) }}
        errors={errors}
      />
    );
  };

  app.get('/console/services/:id', staff, async (req, reply) => sendPage(req, reply, await overview(req)));

  const editForm = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const s = await catalog.getForEdit(deps, req.ctx, idParam(req));
    authorize(catalogPolicy.edit(req.actor, s.row.agency_id));
    return (
      <ServiceFormPage
        mode="edit"
        action={`/${req.lang}/console/services/${s.row.id}/edit`}
        title={translate(req.lang, 'cservice.edit_title', { name: s.working.name[req.lang] })}
        values={values ?? serviceDataToForm(s.working)}
        errors={errors}
        terms={await repo.listTerms(deps.db)}
        serviceId={s.row.id}
      />
    );
  };

  app.get('/console/services/:id/edit', editors, async (req, reply) => sendPage(req, reply, await editForm(req)));

  app.post('/console/services/:id/edit', editors, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const { data, errors } = formToServiceData(values);
    return handleForm(req, reply, {
      action: async () => {
        await saveWith(errors, data, () => catalog.saveDraft(deps, req.ctx, id, data));
        return `/console/services/${id}`;
      },
      flash: 'cservice.saved',
      rerender: (errs) => editForm(req, values, errs),
    });
  });

  app.post(
    '/console/services/:id/publish',
    { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } },
    async (req, reply) => {
      const id = idParam(req);
      const note = formValues(req.body).note;
      return handleForm(req, reply, {
        action: async () => {
          await catalog.publish(deps, req.ctx, id, typeof note === 'string' ? note : undefined);
          return `/console/services/${id}`;
        },
        flash: 'cservice.published_flash',
        rerender: (errs) => overview(req, errs),
      });
    },
  );

  app.post('/console/services/:id/review', editors, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await catalog.requestReview(deps, req.ctx, id, formValues(req.body).note);
        return `/console/services/${id}`;
      },
      flash: 'cservice.review.sent',
      rerender: (errs) => overview(req, errs),
    });
  });

  // The draft as beneficiaries will see it once published (never cached, never indexed: staff only).
  app.get('/console/services/:id/preview', staff, async (req, reply) => {
    const s = await catalog.getForEdit(deps, req.ctx, idParam(req));
    const lookup = await loadLookup(deps);
    const agency = [...lookup.agencies.values()].find((a) => a.id === s.row.agency_id) ?? (await getAgency(deps, s.row.agency_id));
    return sendPage(
      req,
      reply,
      <ServicePage
        identifier={s.row.identifier}
        data={s.working}
        agency={agency}
        publishedAt={s.row.draft_updated_at ?? s.row.updated_at}
        lookup={lookup}
        banner={<PreviewBanner id={s.row.id} hasDraft={!!s.draft} />}
      />,
    );
  });

  app.post('/console/services/:id/discard', editors, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await catalog.discardDraft(deps, req.ctx, id);
        return `/console/services/${id}`;
      },
      flash: 'cservice.discarded',
      rerender: (errs) => overview(req, errs),
    });
  });

  app.post('/console/services/:id/restore', editors, async (req, reply) => {
    const id = idParam(req);
    const version = Number(formValues(req.body).version);
    return handleForm(req, reply, {
      action: async () => {
        if (!Number.isInteger(version) || version < 1) throw new AppError(404, 'error.not_found');
        await catalog.restoreVersion(deps, req.ctx, id, version);
        return `/console/services/${id}/edit`;
      },
      flash: 'cservice.restored',
      rerender: (errs) => overview(req, errs),
    });
  });

  app.get('/console/services/:id/compare', staff, async (req, reply) => {
    const q = req.query as Record<string, string>;
    const ver = (v: string | undefined): number | 'draft' => {
      if (v === 'draft') return 'draft';
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new AppError(404, 'error.not_found');
      return n;
    };
    const a = ver(q.a);
    const b = ver(q.b);
    const r = await catalog.compareVersions(deps, req.ctx, idParam(req), a, b);
    return sendPage(
      req,
      reply,
      <ComparePage
        row={r.service.row}
        name={r.service.working.name[req.lang]}
        a={String(a)}
        b={String(b)}
        changes={r.changes}
        terms={await repo.listTerms(deps.db)}
      />,
    );
  });
}
