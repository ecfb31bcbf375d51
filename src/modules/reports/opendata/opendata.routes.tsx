import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toCsvStream } from '../../../platform/csv.ts';
import { NotFoundError } from '../../../platform/http/errors.ts';
import { registerPages } from '../../../platform/http/pages.ts';
import { bilingual } from '../../../platform/i18n/i18n.ts';
import { sendPage } from '../../../platform/views/render.tsx';
import { columns, type DatasetRow, type OpenData } from './build.ts';
import { catalogEntries, dcatJsonLd, LICENCE, toTurtle } from './dcat.ts';
import { datasetMeta } from './meta.ts';
import { CACHE_SECONDS, openData, rowFilter, selectRows } from './opendata.service.ts';
import { OpenDataPage } from './views/opendata.views.tsx';

/**
 * Open data, public and without an account: the page under /ar and /en, and the files at stable,
 * language-free addresses — /open-data/<dataset>.csv and .json, the DCAT-AP catalogue at
 * /open-data/catalog.jsonld and .ttl. Files are cached by browsers and proxies for an hour and
 * carry an ETag of the build they come from; the first build starts as the app starts listening.
 * Downloads are not audited: they hold no personal data and are meant for everyone.
 */
export async function openDataRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const opts = { config: { access: 'public' as const }, schema: { hide: true } };
  // A served app builds once as it starts listening, so no visitor waits for the first build.
  app.addHook('onListen', async () => {
    openData(deps).then(
      () => deps.log.debug('open data built'),
      () => undefined,
    );
  });

  await registerPages(app, async (pages) => {
    pages.get('/open-data', { config: { access: 'public' } }, async (req, reply) => {
      const data = await openData(deps);
      const entries = catalogEntries(deps.config.baseUrl, data).map((e) => ({
        ...e,
        rows: data.datasets.find((d) => d.id === e.id)?.rows.length,
      }));
      return sendPage(req, reply, <OpenDataPage entries={entries} threshold={data.threshold} />);
    });
  });

  /** Cache headers and a conditional answer: true when the client's copy is current (304 sent). */
  const cached = (req: FastifyRequest, reply: FastifyReply, data: OpenData, variant: string) => {
    const etag = `"${Buffer.from(`${data.builtAt}|${variant}`).toString('base64url')}"`;
    reply
      .header('etag', etag)
      .header('last-modified', new Date(data.builtAt).toUTCString())
      .header('cache-control', `public, max-age=${CACHE_SECONDS}`)
      .header('access-control-allow-origin', '*');
    if (req.headers['if-none-match'] === etag) {
      reply.code(304).send();
      return true;
    }
    return false;
  };

  app.get('/open-data/catalog.jsonld', opts, async (req, reply) => {
    const data = await openData(deps);
    if (cached(req, reply, data, 'jsonld')) return reply;
    return reply
      .type('application/ld+json; charset=utf-8')
      .send(JSON.stringify(dcatJsonLd(deps.config.baseUrl, data, deps.config.mailFrom)));
  });

  app.get('/open-data/catalog.ttl', opts, async (req, reply) => {
    const data = await openData(deps);
    if (cached(req, reply, data, 'ttl')) return reply;
    return reply.type('text/turtle; charset=utf-8').send(await toTurtle(dcatJsonLd(deps.config.baseUrl, data, deps.config.mailFrom)));
  });

  app.get('/open-data/:file', opts, async (req, reply) => {
    const m = /^([a-z][a-z0-9_-]{0,63})\.(csv|json)$/.exec((req.params as { file: string }).file);
    if (!m) throw new NotFoundError();
    const filter = rowFilter(req);
    const data = await openData(deps);
    const dataset = data.datasets.find((d) => d.id === m[1]);
    if (!dataset) throw new NotFoundError();
    if (cached(req, reply, data, `${m[2]}|${JSON.stringify(filter)}`)) return reply;
    const rows = selectRows(dataset, filter);
    reply.header('content-disposition', `inline; filename="${dataset.id}.${m[2]}"`);
    if (m[2] === 'csv') {
      const lines = (function* () {
        yield [...columns];
        for (const r of rows) yield columns.map((c) => csvValue(r, c));
      })();
      return reply.type('text/csv; charset=utf-8').send(toCsvStream(lines));
    }
    const meta = datasetMeta(dataset.id);
    const head = {
      dataset: dataset.id,
      title: bilingual(meta.title, meta.params),
      description: bilingual(meta.description, meta.params),
      licence: LICENCE,
      threshold: data.threshold,
      built_at: data.builtAt,
      columns,
    };
    return reply.type('application/json; charset=utf-8').send(Readable.from(jsonChunks(head, rows)));
  });
}

const csvValue = (r: DatasetRow, c: (typeof columns)[number]) => {
  const v = r[c];
  return typeof v === 'boolean' ? String(v) : v;
};

/** The JSON file, written a row at a time: the head's fields, then `rows`. */
function* jsonChunks(head: object, rows: Iterable<DatasetRow>): Generator<string> {
  yield `${JSON.stringify(head).slice(0, -1)},"rows":[`;
  let first = true;
  for (const r of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(r)}`;
    first = false;
  }
  yield '\n]}\n';
}
