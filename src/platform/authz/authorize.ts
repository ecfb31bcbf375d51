import { ForbiddenError } from '../http/errors.ts';

/** Throws a 403 (audited by the error handler) unless the policy check passed. */
export function authorize(allowed: boolean, reason = 'policy'): asserts allowed {
  if (!allowed) throw new ForbiddenError(reason);
}
