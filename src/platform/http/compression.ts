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

/**
 * Compresses responses with brotli or gzip, as the request's Accept-Encoding allows (brotli
 * preferred; no header or `identity` → the body as it is). Registered before any route, since it
 * attaches itself to each route as it is declared. A response that already has a Content-Encoding
 * (the assets) and partial content are left alone. Request bodies are not decompressed: a small
 * compressed upload could expand past the body limit.
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
  });
}
