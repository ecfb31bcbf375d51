import type { FastifyInstance } from 'fastify';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { SynonymsPage, TaxonomiesPage } from './views/vocabulary.views.tsx';
import * as vocabulary from './vocabulary.service.ts';

/** The program office manages taxonomies and search synonyms. */
export async function vocabularyPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const admin = { config: { access: { roles: ['program_admin'] as const } } };

  app.get('/console/taxonomies', admin, async (req, reply) =>
    sendPage(req, reply, <TaxonomiesPage terms={await vocabulary.listTermsWithUse(deps)} />),
  );
  app.post('/console/taxonomies', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await vocabulary.saveTerm(deps, req.ctx, { ...values, sort: values.sort === undefined ? undefined : Number(values.sort) });
        return '/console/taxonomies';
      },
      flash: 'flash.saved',
      rerender: async (errors) => <TaxonomiesPage terms={await vocabulary.listTermsWithUse(deps)} values={values} errors={errors} />,
    });
  });
  app.post('/console/taxonomies/:id/delete', admin, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await vocabulary.deleteTerm(deps, req.ctx, idParam(req));
        return '/console/taxonomies';
      },
      flash: 'flash.saved',
      rerender: async (errors) => <TaxonomiesPage terms={await vocabulary.listTermsWithUse(deps)} errors={errors} />,
    }),
  );

  app.get('/console/synonyms', admin, async (req, reply) =>
    sendPage(req, reply, <SynonymsPage groups={await vocabulary.listSynonymGroups(deps)} />),
  );
  app.post('/console/synonyms', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await vocabulary.addSynonymGroup(deps, req.ctx, values.terms);
        return '/console/synonyms';
      },
      flash: 'flash.saved',
      rerender: async (errors) => <SynonymsPage groups={await vocabulary.listSynonymGroups(deps)} values={values} errors={errors} />,
    });
  });
  app.post('/console/synonyms/:id/delete', admin, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await vocabulary.deleteSynonymGroup(deps, req.ctx, idParam(req));
        return '/console/synonyms';
      },
      flash: 'flash.saved',
      rerender: async (errors) => <SynonymsPage groups={await vocabulary.listSynonymGroups(deps)} errors={errors} />,
    }),
  );
}
