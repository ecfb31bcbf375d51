import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

interface Asset {
  body: Buffer;
  type: string;
  url: string;
}

const load = (file: string, type: string): Asset => {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [name, ext] = file.split('.');
  return { body, type, url: `/assets/${name}.${hash}.${ext}` };
};

/** Fingerprinted static files: immutable, cached for a year. */
export const assets = {
  css: load('yusr.css', 'text/css; charset=utf-8'),
  js: load('yusr.js', 'text/javascript; charset=utf-8'),
  logo: load('logo.svg', 'image/svg+xml'),
};

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  for (const asset of Object.values(assets)) {
    app.get(asset.url, { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body),
    );
  }
  app.get('/favicon.ico', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type(assets.logo.type).send(assets.logo.body),
  );
}
