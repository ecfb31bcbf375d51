import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { dropSchema, ensureProcessDatabase, testEngine, testEnv } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type App, buildApp, createDeps } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { catalogSearch } from '../../modules/catalog/testing.ts';
import { compressible } from './compression.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The body as the browser reads it: decoded as its Content-Encoding says. */
function decoded(res: LightMyRequestResponse): string {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(res.rawPayload).toString('utf8');
  if (enc === 'gzip') return gunzipSync(res.rawPayload).toString('utf8');
  assert.equal(enc, undefined);
  return res.rawPayload.toString('utf8');
}

const csvRows = Array.from({ length: 400 }, (_, i) => `${i},الخدمة ${i},service ${i}\n`);
const zipBytes = gzipSync(Buffer.from('x'.repeat(50_000)));

describe('responses are compressed as Accept-Encoding asks, where it pays', () => {
  let app: FastifyInstance;
  let deps: App;
  let serviceUrl: string;

  before(async () => {
    if (testEngine === 'postgres') await ensureProcessDatabase();
    const config = loadConfig(testEnv());
    deps = await createDeps(config, { log: pino({ level: 'silent' }) });
    app = await buildApp(deps);
    // Streams as the modules send them: a CSV written row by row, a ZIP archive, an event stream.
    app.get('/test/stream.csv', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/csv; charset=utf-8').send(Readable.from(csvRows)),
    );
    app.get('/test/export.zip', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('application/zip').send(Readable.from([zipBytes.subarray(0, 1000), zipBytes.subarray(1000)])),
    );
    app.get('/test/book.xlsx', { config: { access: 'public' } }, async (_req, reply) => reply.type(XLSX).send(zipBytes));
    app.get('/test/events', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/event-stream').send(Readable.from(Array.from({ length: 100 }, (_, i) => `data: event number ${i}\n\n`))),
    );
    await app.ready();
    await catalogSearch(deps).start();
    const agency = await buildAgency(deps);
    const s = await buildService(deps, agency.id, { identifier: 'compress-me' });
    serviceUrl = `/en/services/${s.identifier}`;
  });
  after(async () => {
    await app.close();
    await deps.close();
    await dropSchema(deps.config);
  });

  it('sends a page with brotli or gzip as asked, decoding to the same HTML as the uncompressed page', async () => {
    const plain = await app.inject({ url: serviceUrl });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.length > 1024, 'a service page is worth compressing');
    const br = await app.inject({ url: serviceUrl, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
    const gz = await app.inject({ url: serviceUrl, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    // Anonymous pages carry the visitor's CSRF token; without a cookie each request gets its own, so compare around it.
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');
    assert.equal(strip(decoded(br)), strip(plain.body));
    assert.equal(strip(decoded(gz)), strip(plain.body));
    // The second request comes from the page cache; it is compressed too.
    const again = await app.inject({ url: serviceUrl, headers: { 'accept-encoding': 'br' } });
    assert.equal(again.headers['content-encoding'], 'br');
    assert.equal(strip(decoded(again)), strip(plain.body));
  });

  it('sends API JSON compressed, and its ETag still answers 304 with an empty body', async () => {
    for (let i = 0; i < 12; i++) await buildService(deps, (await buildAgency(deps)).id);
    catalogSearch(deps).invalidate();
    const url = '/api/v1/services?per_page=50';
    const plain = await app.inject({ url });
    assert.equal(plain.statusCode, 200);
    assert.ok(plain.rawPayload.length > 1024, `${plain.rawPayload.length}: ${plain.body.slice(0, 300)}`);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(String(gz.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(decoded(gz)), JSON.parse(plain.body));
    assert.equal(gz.headers.etag, plain.headers.etag, 'the ETag names the content, whatever its encoding');
    assert.match(String(gz.headers.vary), /accept-language/);
    assert.match(String(gz.headers.vary), /accept-encoding/);
    const cached = await app.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': String(gz.headers.etag) } });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.rawPayload.length, 0);
    assert.equal(cached.headers['content-encoding'], undefined);
  });

  it('sends everything as it is when the request has no Accept-Encoding, or only identity', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }]) {
      const res = await app.inject({ url: serviceUrl, headers });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], undefined, JSON.stringify(headers));
      assert.match(res.body, /<html/);
    }
  });

  it('leaves small responses and the precompressed assets alone', async () => {
    const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br' } });
    assert.equal(small.headers['content-encoding'], undefined);
    const page = await app.inject({ url: serviceUrl, headers: { 'accept-encoding': 'br' } });
    const css = /href="(\/assets\/yusr\.[0-9a-f]+\.css)"/.exec(decoded(page))?.[1];
    assert.ok(css);
    const asset = await app.inject({ url: css, headers: { 'accept-encoding': 'br' } });
    assert.equal(asset.headers['content-encoding'], 'br');
    assert.match(decoded(asset), /[{}]/, 'compressed once, not twice');
  });

  it('compresses a streamed CSV as it streams, and never an archive or an event stream', async () => {
    const csv = await app.inject({ url: '/test/stream.csv', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(csv.headers['content-encoding'], 'gzip');
    assert.equal(decoded(csv), csvRows.join(''));
    const zip = await app.inject({ url: '/test/export.zip', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(zip.headers['content-encoding'], undefined);
    assert.deepEqual(zip.rawPayload, zipBytes);
    const events = await app.inject({ url: '/test/events', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(events.headers['content-encoding'], undefined);
    assert.match(events.body, /data: event number 99/);
  });

  it('does not re-compress a workbook', async () => {
    const res = await app.inject({ url: '/test/book.xlsx', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(res.headers['content-encoding'], undefined);
    assert.deepEqual(res.rawPayload, zipBytes);
  });

  it('never compresses what a signed-in session receives (BREACH: its CSRF token beside reflected text)', async () => {
    const admin = await buildUser(deps, { role: 'program_admin', email: 'compress-admin@example.gov.sa' });
    const c = await signedIn(app, admin.email);
    const page = await c.get(`/en/console/services?q=${'x'.repeat(40)}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(page.statusCode, 200);
    assert.ok(page.rawPayload.length > 1024);
    assert.equal(page.headers['content-encoding'], undefined);
    assert.match(page.body, /name="_csrf"/);
    const xlsx = await c.get('/en/console/catalog/export?format=xlsx', { 'accept-encoding': 'br, gzip' });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], XLSX);
    assert.equal(xlsx.headers['content-encoding'], undefined);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'the workbook arrives as the ZIP it is');
    const csv = await c.get('/en/console/catalog/export?format=csv', { 'accept-encoding': 'br, gzip' });
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-encoding'], undefined);
  });

  it('knows which types pay', () => {
    for (const t of [
      'text/html; charset=utf-8',
      'text/css',
      'text/javascript; charset=utf-8',
      'application/json; charset=utf-8',
      'application/problem+json',
      'application/ld+json; charset=utf-8',
      'text/csv; charset=utf-8',
      'image/svg+xml',
      'application/xml',
      'application/atom+xml; charset=utf-8',
      'application/rss+xml',
      'text/calendar; charset=utf-8',
    ])
      assert.ok(compressible(t), t);
    for (const t of [
      XLSX,
      'application/zip',
      'application/pdf',
      'image/png',
      'image/jpeg',
      'application/octet-stream',
      'text/event-stream',
      'application/gzip',
    ])
      assert.ok(!compressible(t), t);
  });
});
