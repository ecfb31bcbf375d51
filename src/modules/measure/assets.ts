import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// The module's own stylesheet (heat map, scorecard, print report) and its one script island
// (autosave of the answer form), fingerprinted like the platform's assets.

const load = (file: string, type: string) => {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [name, ext] = file.split('.');
  return { body, type, url: `/assets/${name}.${hash}.${ext}` };
};

export const measureAssets = {
  css: load('measure.css', 'text/css; charset=utf-8'),
  js: load('measure.js', 'text/javascript; charset=utf-8'),
};

export async function measureAssetRoutes(app: FastifyInstance): Promise<void> {
  for (const asset of Object.values(measureAssets)) {
    app.get(asset.url, { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body),
    );
  }
}
