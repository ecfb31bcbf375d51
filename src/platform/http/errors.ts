import type { MessageKey } from '../../messages.ts';
import type { Params } from '../i18n/i18n.ts';

export interface FieldError {
  /** Dotted path of the field, e.g. `name_ar` or `channels.0.url`. */
  field: string;
  key: MessageKey;
  params?: Params;
}

/** An error a person caused and can fix; carries an HTTP status and a catalog key. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params?: Params,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(key);
  }
}

export class ValidationError extends AppError {
  constructor(fieldErrors: FieldError[]) {
    super(400, 'error.validation', undefined, fieldErrors);
  }
}
export class NotFoundError extends AppError {
  constructor() {
    super(404, 'error.not_found');
  }
}
/** Refusals are audited by the error handler, in a transaction of their own. */
export class ForbiddenError extends AppError {
  constructor(
    readonly reason = 'forbidden',
    key: MessageKey = 'error.forbidden',
  ) {
    super(403, key);
  }
}
export class UnauthorizedError extends AppError {
  constructor() {
    super(401, 'error.unauthorized');
  }
}
export class ConflictError extends AppError {
  constructor(key: MessageKey = 'error.conflict', params?: Params, fieldErrors: FieldError[] = []) {
    super(409, key, params, fieldErrors);
  }
}
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'error.rate_limited', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/** Throws a ValidationError for one field. */
export function fieldError(field: string, key: MessageKey, params?: Params): never {
  throw new ValidationError([{ field, key, params }]);
}
