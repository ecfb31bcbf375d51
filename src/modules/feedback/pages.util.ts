import type { FastifyRequest } from 'fastify';
import { AppError, NotFoundError } from '../../platform/http/errors.ts';

/**
 * Runs an action whose schema names fields differently from the form that sent them (a page
 * with several forms needs distinct field names), renaming field errors back to the form's names.
 */
export async function withFieldNames<T>(names: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.fieldErrors.length) {
      throw new AppError(
        err.status,
        err.key,
        err.params,
        err.fieldErrors.map((e) => ({ ...e, field: names[e.field] ?? e.field })),
      );
    }
    throw err;
  }
}

const TRACKING = /^YSR-\d{4}-\d{6,}$/;

/** The tracking number in the address, or a 404 for anything that cannot be one. */
export function trackingParam(request: FastifyRequest): string {
  const v = (request.params as Record<string, string>).tracking ?? '';
  if (!TRACKING.test(v)) throw new NotFoundError();
  return v;
}

/** The status token in the query string (validated by the service). */
export const tokenParam = (request: FastifyRequest) => String((request.query as Record<string, unknown>)?.t ?? '');

/** The multipart body's file (a Buffer) apart from its text fields. */
export function splitUpload(body: unknown): { fields: Record<string, unknown>; file: unknown } {
  const { attachment, ...fields } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { fields, file: attachment };
}
