import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.ts';
import { handleForm } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { privacyNoticeSections } from './public.ts';
import { allSitePages, resetPage, savePage, sitePage } from './site.service.ts';
import { type PageKey, pageKeys } from './site.tables.ts';
import { SitePageForm, SitePagesList, SitePageView } from './views/site.views.tsx';

const keyParam = (req: FastifyRequest): PageKey => {
  const key = (req.params as { key: string }).key;
  if (!(pageKeys as readonly string[]).includes(key)) throw new NotFoundError();
  return key as PageKey;
};

export async function sitePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };

  for (const key of pageKeys) {
    app.get(`/${key}`, open, async (req, reply) => {
      const extra = key === 'privacy' ? await deps.extensions.render(privacyNoticeSections, deps, {}, req.ctx) : [];
      return sendPage(req, reply, <SitePageView page={await sitePage(deps, key)} extra={extra} />);
    });
  }

  app.get('/console/site', admin, async (req, reply) => sendPage(req, reply, <SitePagesList pages={await allSitePages(deps, pageKeys)} />));
  app.get('/console/site/:key', admin, async (req, reply) => {
    const page = await sitePage(deps, keyParam(req));
    const values = { title_ar: page.title.ar, title_en: page.title.en, body_ar: page.body.ar, body_en: page.body.en };
    return sendPage(req, reply, <SitePageForm page={page} values={values} />);
  });
  app.post('/console/site/:key', admin, async (req, reply) => {
    const key = keyParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await savePage(deps, req.ctx, key, values);
        return `/${key}`;
      },
      flash: 'site.flash.saved',
      rerender: async (errors) => <SitePageForm page={await sitePage(deps, key)} values={values} errors={errors} />,
    });
  });
  app.post('/console/site/:key/reset', admin, async (req, reply) => {
    const key = keyParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await resetPage(deps, req.ctx, key);
        return `/${key}`;
      },
      flash: 'site.flash.reset',
      rerender: async () => <SitePageForm page={await sitePage(deps, key)} values={{}} />,
    });
  });
}
