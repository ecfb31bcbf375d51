import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { usePage } from '../views/context.ts';
import { Layout, PageHeading } from '../views/Layout.tsx';
import { sendPage } from '../views/render.tsx';
import type { Access } from './access.ts';
import { registerPages } from './pages.ts';

/** Collects the OpenAPI 3.1 document from every route's Zod schemas. Register before any route. */
export async function openApiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yusr API',
        version: '1',
        description:
          'Public read API of the national e-service catalog and agencies; write API for agencies with their API tokens. Errors are RFC 9457 problem details with field-level messages in Arabic and English.',
      },
      servers: [{ url: app.deps.config.baseUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An agency API token: yusr_xxxxxxxx_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'yusr_session', description: 'A signed-in person (the console session).' },
        },
      },
    },
    transform: (input) => {
      // The document describes the JSON API only: pages (/ar/…, /en/…), feeds and files are left out.
      if (!input.url.startsWith('/api/v1/')) return { schema: { ...input.schema, hide: true }, url: input.url };
      const out = jsonSchemaTransform(input);
      const access = (input.route.config as { access?: Access } | undefined)?.access;
      return { ...out, schema: { ...out.schema, ...accessDoc(access) } };
    },
    transformObject: jsonSchemaTransformObject,
  });
}

/**
 * Each operation's real access, from the same declaration the access hook enforces: public routes
 * carry no security requirement; the others accept an agency token (with the scopes named) or a
 * signed-in person's session cookie (with the roles named).
 */
export function accessDoc(access: Access | undefined): { security: Record<string, string[]>[]; 'x-yusr-access': string } {
  if (access === undefined || access === 'public') return { security: [], 'x-yusr-access': 'public' };
  if (access === 'signed-in') return { security: [{ session: [] }], 'x-yusr-access': 'any signed-in person' };
  const scopes = [...(access.scopes ?? [])];
  const roles = [...(access.roles ?? [])];
  const security: Record<string, string[]>[] = [];
  if (scopes.length) security.push({ bearer: scopes });
  if (roles.length) security.push({ session: [] });
  const parts = [roles.length ? `roles: ${roles.join(', ')}` : '', scopes.length ? `token scopes: ${scopes.join(', ')}` : ''].filter(
    Boolean,
  );
  return { security, 'x-yusr-access': parts.join('; ') };
}

type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  'x-yusr-access'?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
};

function ApiDocsPage({ doc }: { doc: { paths?: Record<string, Record<string, Operation>> } }) {
  const { t } = usePage();
  const entries = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(entries.map((e) => e.op.tags?.[0] ?? 'other'))];
  return (
    <Layout title={t('api.title')}>
      <PageHeading title={t('api.title')} lead={t('api.lead')} />
      <p>
        <a href="/api/openapi.json">{t('api.download')}</a>
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} class="ltr">
            {tag}
          </h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('api.endpoint')}</th>
                  <th scope="col">{t('api.summary')}</th>
                  <th scope="col">{t('api.parameters')}</th>
                  <th scope="col">{t('api.auth')}</th>
                </tr>
              </thead>
              <tbody>
                {entries
                  .filter((e) => (e.op.tags?.[0] ?? 'other') === tag)
                  .map((e) => (
                    <tr key={e.method + e.path}>
                      <td class="ltr">
                        <code>
                          {e.method.toUpperCase()} {e.path}
                        </code>
                      </td>
                      <td class="ltr" lang="en">
                        {e.op.summary ?? ''}
                      </td>
                      <td class="ltr">
                        {(e.op.parameters ?? []).map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ')}
                        {e.op.requestBody ? ' + JSON body' : ''}
                      </td>
                      <td>
                        {e.op['x-yusr-access'] === 'public' || !e.op.security?.length ? (
                          t('api.public')
                        ) : (
                          <span class="ltr" lang="en">
                            {e.op['x-yusr-access']}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}

export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await registerPages(app, async (scope) => {
    scope.get('/api-docs', { config: { access: 'public' } }, async (req, reply) =>
      sendPage(req, reply, <ApiDocsPage doc={app.swagger() as never} />),
    );
  });
}
