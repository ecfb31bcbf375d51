import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/authz/authorize.ts';
import { AppError, ConflictError, type FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as fw from './frameworks.service.ts';
import { measurePolicy, PROGRAM_ROLES } from './measure.policy.ts';
import type { FrameworkNode } from './scoring/framework.schema.ts';
import { sourceNames } from './sources.ts';
import { AddQuestionPage, FrameworkJsonPage, FrameworkSettingsPage, NodeEditPage } from './views/framework-edit.views.tsx';
import { FrameworkImportPage, FrameworkPage, FrameworksPage } from './views/frameworks.views.tsx';

/** Turns flat form names such as "stages.0.min" into nested objects and arrays. */
export function nest(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const path = name.split('.');
    let cur: Record<string, unknown> = out;
    path.forEach((seg, i) => {
      if (i === path.length - 1) cur[seg] = value;
      else {
        const nextIsIndex = /^\d+$/.test(path[i + 1]);
        cur[seg] ??= nextIsIndex ? [] : {};
        cur = cur[seg] as Record<string, unknown>;
      }
    });
  }
  return out;
}

const blank = (row: Record<string, unknown>) => Object.values(row).every((v) => v === undefined || v === '');

function nodeValues(n: FrameworkNode): Record<string, unknown> {
  const base = { name_ar: n.name_ar, name_en: n.name_en, guidance_ar: n.guidance_ar, guidance_en: n.guidance_en, weight: n.weight };
  if (n.type !== 'question') return { ...base, method: n.method };
  return {
    ...base,
    allow_na: n.allow_na,
    evidence_required: n.evidence.required,
    entered_by_office: n.entered_by === 'office',
    evidence_ar: n.evidence.description_ar,
    evidence_en: n.evidence.description_en,
    levels: n.levels,
    scale: n.scale,
  };
}

export async function frameworkPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const program = { config: { access: { roles: PROGRAM_ROLES } } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };
  const key = (req: FastifyRequest) => decodeURIComponent((req.params as { key: string }).key);

  const draftOf = async (req: FastifyRequest) => {
    authorize(measurePolicy.administer(req.actor));
    const f = await fw.getFramework(deps, req.ctx, idParam(req));
    if (f.row.status !== 'draft') throw new ConflictError('measure.error.framework_frozen');
    return f;
  };

  app.get('/console/measure/frameworks', program, async (req, reply) => {
    const rows = await fw.listFrameworks(deps, req.ctx);
    const def = fw.defaultFramework();
    return sendPage(
      req,
      reply,
      <FrameworksPage
        rows={rows}
        canAdminister={measurePolicy.administer(req.actor)}
        hasDefault={rows.some((r) => r.key === def.id && r.version === def.version)}
      />,
    );
  });

  app.get('/console/measure/frameworks/import', admin, async (req, reply) => sendPage(req, reply, <FrameworkImportPage />));

  app.post('/console/measure/frameworks/import', admin, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const file = Buffer.isBuffer(body.file) && body.file.length > 0 ? body.file.toString('utf8') : undefined;
    const pasted = typeof body.json === 'string' && body.json.trim() ? body.json : undefined;
    return handleForm(req, reply, {
      action: async () => {
        if (!file && !pasted)
          throw new AppError(400, 'error.validation', undefined, [{ field: 'file', key: 'measure.validation.framework_missing' }]);
        const row = await fw.importFramework(deps, req.ctx, (file ?? pasted) as string, file ? 'file' : 'json');
        return `/console/measure/frameworks/${row.id}`;
      },
      flash: 'measure.flash.framework_imported',
      rerender: (errors) => <FrameworkImportPage errors={errors} json={pasted} />,
    });
  });

  app.post('/console/measure/frameworks/default', admin, async (req, reply) => {
    const row = await fw.addDefaultFramework(deps, req.ctx);
    return reply.redirect(`/${req.lang}/console/measure/frameworks/${row.id}`, 303);
  });

  app.get('/console/measure/frameworks/:id', program, async (req, reply) => {
    const f = await fw.getFramework(deps, req.ctx, idParam(req));
    return sendPage(
      req,
      reply,
      <FrameworkPage row={f.row} framework={f.framework} rounds={f.rounds} canAdminister={measurePolicy.administer(req.actor)} />,
    );
  });

  const settingsValues = (f: Awaited<ReturnType<typeof fw.getFramework>>['framework']) => ({
    scale_max: f.settings.scale_max,
    decimals: f.settings.decimals,
    method: f.method,
    stages: f.settings.stages,
  });

  app.get('/console/measure/frameworks/:id/settings', admin, async (req, reply) => {
    const f = await draftOf(req);
    return sendPage(req, reply, <FrameworkSettingsPage row={f.row} values={settingsValues(f.framework)} />);
  });

  app.post('/console/measure/frameworks/:id/settings', admin, async (req, reply) => {
    const f = await draftOf(req);
    const values = nest(formValues(req.body));
    values.stages = ((values.stages as Record<string, unknown>[] | undefined) ?? []).filter((s) => s && !blank(s));
    return handleForm(req, reply, {
      action: async () => {
        await fw.updateSettings(deps, req.ctx, f.row.id, values);
        return `/console/measure/frameworks/${f.row.id}`;
      },
      flash: 'measure.flash.saved',
      rerender: (errors: FieldError[]) => <FrameworkSettingsPage row={f.row} values={values} errors={errors} />,
    });
  });

  app.get('/console/measure/frameworks/:id/json', admin, async (req, reply) => {
    const f = await draftOf(req);
    return sendPage(req, reply, <FrameworkJsonPage row={f.row} text={fw.frameworkJson(f.framework)} />);
  });

  app.post('/console/measure/frameworks/:id/json', admin, async (req, reply) => {
    const f = await draftOf(req);
    const text = String((req.body as Record<string, unknown> | undefined)?.definition ?? '');
    return handleForm(req, reply, {
      action: async () => {
        await fw.saveDefinition(deps, req.ctx, f.row.id, text);
        return `/console/measure/frameworks/${f.row.id}`;
      },
      flash: 'measure.flash.saved',
      rerender: (errors) => <FrameworkJsonPage row={f.row} text={text} errors={errors} />,
    });
  });

  app.get('/console/measure/frameworks/:id/nodes/:key', admin, async (req, reply) => {
    const f = await draftOf(req);
    const node = fw.findNode(f.framework.nodes, key(req));
    if (!node) throw new AppError(404, 'error.not_found');
    return sendPage(req, reply, <NodeEditPage row={f.row} node={node} values={nodeValues(node)} />);
  });

  app.post('/console/measure/frameworks/:id/nodes/:key', admin, async (req, reply) => {
    const f = await draftOf(req);
    const node = fw.findNode(f.framework.nodes, key(req));
    if (!node) throw new AppError(404, 'error.not_found');
    const values = nest(formValues(req.body));
    const flags = ([] as unknown[]).concat(values.flags ?? []);
    const input = {
      ...values,
      allow_na: flags.includes('allow_na') ? 'on' : undefined,
      evidence_required: flags.includes('evidence_required') ? 'on' : undefined,
      entered_by_office: flags.includes('entered_by_office') ? 'on' : undefined,
    };
    return handleForm(req, reply, {
      action: async () => {
        await fw.updateNode(deps, req.ctx, f.row.id, node.key, input);
        return `/console/measure/frameworks/${f.row.id}`;
      },
      flash: 'measure.flash.saved',
      rerender: (errors) => (
        <NodeEditPage
          row={f.row}
          node={node}
          values={{
            ...input,
            allow_na: !!input.allow_na,
            evidence_required: !!input.evidence_required,
            entered_by_office: !!input.entered_by_office,
          }}
          errors={errors}
        />
      ),
    });
  });

  app.get('/console/measure/frameworks/:id/nodes/:key/add', admin, async (req, reply) => {
    const f = await draftOf(req);
    const parent = fw.findNode(f.framework.nodes, key(req));
    if (!parent || parent.type === 'question') throw new AppError(404, 'error.not_found');
    return sendPage(req, reply, <AddQuestionPage row={f.row} parent={parent} sources={sourceNames()} values={{ weight: '1' }} />);
  });

  app.post('/console/measure/frameworks/:id/nodes/:key/add', admin, async (req, reply) => {
    const f = await draftOf(req);
    const parent = fw.findNode(f.framework.nodes, key(req));
    if (!parent || parent.type === 'question') throw new AppError(404, 'error.not_found');
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await fw.addQuestion(deps, req.ctx, f.row.id, parent.key, values);
        return `/console/measure/frameworks/${f.row.id}/nodes/${encodeURIComponent(String(values.key ?? '').trim())}`;
      },
      flash: 'measure.flash.node_added',
      rerender: (errors) => <AddQuestionPage row={f.row} parent={parent} sources={sourceNames()} values={values} errors={errors} />,
    });
  });

  app.post('/console/measure/frameworks/:id/nodes/:key/remove', admin, async (req, reply) => {
    const f = await draftOf(req);
    const node = fw.findNode(f.framework.nodes, key(req));
    if (!node) throw new AppError(404, 'error.not_found');
    return handleForm(req, reply, {
      action: async () => {
        await fw.removeNode(deps, req.ctx, f.row.id, node.key);
        return `/console/measure/frameworks/${f.row.id}`;
      },
      flash: 'measure.flash.node_removed',
      rerender: (errors) => <NodeEditPage row={f.row} node={node} values={nodeValues(node)} errors={errors} />,
    });
  });

  const frameworkPage = async (req: FastifyRequest, errors: FieldError[]) => {
    const f = await fw.getFramework(deps, req.ctx, idParam(req));
    return <FrameworkPage row={f.row} framework={f.framework} rounds={f.rounds} canAdminister errors={errors} />;
  };

  app.post('/console/measure/frameworks/:id/publish', admin, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await fw.publishFramework(deps, req.ctx, idParam(req));
        return `/console/measure/frameworks/${idParam(req)}`;
      },
      flash: 'measure.flash.framework_published',
      rerender: (errors) => frameworkPage(req, errors),
    }),
  );

  app.post('/console/measure/frameworks/:id/version', admin, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => `/console/measure/frameworks/${(await fw.newVersion(deps, req.ctx, idParam(req), formValues(req.body))).id}`,
      flash: 'measure.flash.version_created',
      rerender: (errors) => frameworkPage(req, errors),
    }),
  );

  app.post('/console/measure/frameworks/:id/delete', admin, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await fw.deleteFramework(deps, req.ctx, idParam(req));
        return '/console/measure/frameworks';
      },
      flash: 'measure.flash.framework_deleted',
      rerender: (errors) => frameworkPage(req, errors),
    }),
  );
}
