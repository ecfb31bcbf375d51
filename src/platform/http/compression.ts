import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * The types worth compressing: text (HTML, CSS, JavaScript, CSV, calendars — but not Server-Sent
 * Events, which must reach the browser event by event), JSON and XML in all their `+json`/`+xml`
 * forms (problem details, JSON-LD, Atom, RSS) and SVG. Everything else — XLSX, ZIP, PDF, images,
 * octet-stream — is already compressed or opaque and goes out as it is.
 */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:[\w.-]+\+)?(?:json|xml)|application\/javascript|image\/svg\+xml)\s*(?:;|$)/i;

export const compressible = (type: string): boolean => COMPRESSIBLE.test(type);

/** Responses smaller than this go out as they are: the headers and a compressor's frame would eat the gain. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Brotli quality for responses compressed as they are sent. Pages are rendered per request (or
 * filled in with a CSRF token from the page cache), so each one is compressed once per request:
 * quality 4 gives most of brotli's gain over gzip at gzip's speed (11 is ~50× slower); the
 * fingerprinted assets are compressed once at quality 11 at start (assets.ts) and pass through.
 */
export const BROTLI_QUALITY = 4;

/** Bodies up to this size are compressed in one call rather than through a stream. */
export const SYNC_THRESHOLD = 64 * 1024;

/**
 * Compresses responses with brotli or gzip, as the request's Accept-Encoding allows (brotli
 * preferred; no header or `identity` → the body as it is). Registered before any route, since it
 * attaches itself to each route as it is declared. A response that already has a Content-Encoding
 * (the assets) and partial content are left alone. Request bodies are not decompressed: a small
 * compressed upload could expand past the body limit.
 *
 * Responses to a signed-in session are never compressed (BREACH): they carry the session's CSRF
 * token and personal data beside text the request can make them reflect (a search, a filter), and
 * the session cookie rides along on a top-level navigation another site starts (SameSite=Lax), so
 * compressed sizes would leak those secrets a character at a time. Anonymous visitors (public pages,
 * whose token only guards their own anonymous forms) and API callers with a bearer token (which no
 * other site can make a browser attach) get compressed responses.
 */
export async function compression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD,
    customTypes: compressible,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: 6 },
    // Pages and API answers (a few KB to tens of KB) are compressed in one synchronous call: the
    // plugin's default on 2 cores (8 KB) sent a 17 KB service page through a stream pipeline that
    // cost more than the compression itself. Larger bodies and streams keep the stream path.
    syncThreshold: SYNC_THRESHOLD,
  });
  // Global onSend hooks run before the plugin's (which it adds to each route), and it sends as it
  // is any request carrying this header.
  app.addHook('onSend', async (request) => {
    if (request.actor?.kind === 'user') request.headers['x-no-compression'] = 'session';
  });
}
