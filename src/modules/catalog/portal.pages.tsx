import type { FastifyInstance } from 'fastify';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { sendPage } from '../../platform/views/render.tsx';

function HomePage() {
  const { t } = usePage();
  return (
    <Layout title={t('portal.home.title')}>
      <h1>{t('portal.home.title')}</h1>
      <p class="lead">{t('portal.home.lead')}</p>
    </Layout>
  );
}

/** The public portal: home page. */
export async function portalPages(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (req, reply) => sendPage(req, reply, <HomePage />));
}
