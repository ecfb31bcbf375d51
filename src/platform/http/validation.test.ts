import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import ar from '../i18n/messages/ar.json' with { type: 'json' };
import en from '../i18n/messages/en.json' with { type: 'json' };
import { ValidationError } from './errors.ts';
import { formValues, parseInput } from './validation.ts';

const schema = z.object({
  agency_id: z.coerce.number().int().positive(),
  type: z.enum(['strategic_plan', 'tender_review']),
  rating: z.coerce.number().int().min(1).max(5),
  step: z.number().multipleOf(1),
});

/** The field errors a form body gets, as the key of each field. */
function errorsOf(body: Record<string, unknown>) {
  try {
    parseInput(schema, formValues(body));
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    return Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.key]));
  }
  assert.fail('expected a validation error');
}

describe('field errors in words a person understands', () => {
  it('a field left empty is "required", whatever its type (a blank number is coerced to NaN)', () => {
    const e = errorsOf({ agency_id: '', type: '', rating: '  ', step: 1 });
    assert.deepEqual(e, { agency_id: 'validation.required', type: 'validation.required', rating: 'validation.required' });
  });

  it('a number field filled with words asks for a number; a wrong option asks to choose; a fraction asks for a whole number', () => {
    const e = errorsOf({ agency_id: 'abc', type: 'bogus', rating: '3', step: 1.5 });
    assert.deepEqual(e, { agency_id: 'validation.number', type: 'validation.choose', step: 'validation.whole_number' });
  });

  it('never shows a type name or the codes of the options, in either language', () => {
    for (const key of ['validation.number', 'validation.choose', 'validation.whole_number', 'validation.required'] as const)
      for (const [lang, catalog] of [
        ['ar', ar as Record<string, string>],
        ['en', en as Record<string, string>],
      ] as const) {
        const text = catalog[key];
        assert.ok(text, `${lang} ${key} is missing`);
        assert.doesNotMatch(text, /number\b.*expected|expected|strategic_plan|\{|\}/i, `${lang} ${key}: ${text}`);
      }
  });
});
