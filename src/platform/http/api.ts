import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Query parameters every list endpoint accepts. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.enum(['ar', 'en']).optional(),
};

/** The problem+json body, for the OpenAPI document. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    instance: z.string(),
    requestId: z.string(),
    title_ar: z.string(),
    title_en: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          pointer: z.string(),
          code: z.string(),
          message: z.string(),
          message_ar: z.string(),
          message_en: z.string(),
        }),
      )
      .optional(),
  })
  .describe('RFC 9457 problem details; messages in the request language and in both.');
z.globalRegistry.add(problemSchema, { id: 'Problem' });

export const errorResponses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/**
 * Sends a public JSON body with a strong ETag and Cache-Control; answers 304 when the client's
 * If-None-Match already names it.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  maxAgeSeconds = 60,
  type = 'application/json; charset=utf-8',
): FastifyReply {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds}`).header('vary', 'accept-language');
  const inm = request.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.type(type).send(json);
}
