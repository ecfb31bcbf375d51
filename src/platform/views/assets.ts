import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface Asset {
  body: Buffer;
  /** The same bytes compressed once at start-up, for browsers that accept them (phones on slow links). */
  br: Buffer;
  gzip: Buffer;
  type: string;
  url: string;
}

const load = (file: string, type: string): Asset => {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [name, ext] = file.split('.');
  return {
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
    type,
    url: `/assets/${name}.${hash}.${ext}`,
  };
};

/** The encoding to send: brotli, then gzip, when the browser accepts it (q=0 refuses). */
function encodingFor(req: FastifyRequest): 'br' | 'gzip' | null {
  const accepted = new Map(
    String(req.headers['accept-encoding'] ?? '')
      .split(',')
      .map((part) => {
        const [name, ...params] = part.trim().toLowerCase().split(';');
        const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
        return [name, q === undefined ? 1 : Number(q)] as const;
      }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** Fingerprinted static files: immutable, cached for a year. */
export const assets = {
  css: load('yusr.css', 'text/css; charset=utf-8'),
  js: load('yusr.js', 'text/javascript; charset=utf-8'),
  logo: load('logo.svg', 'image/svg+xml'),
};

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  for (const asset of Object.values(assets)) {
    app.get(asset.url, { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const encoding = encodingFor(req);
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type(asset.type);
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(encoding ? asset[encoding] : asset.body);
    });
  }
  app.get('/favicon.ico', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type(assets.logo.type).send(assets.logo.body),
  );
}
