import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickPolicy, policyTargets, type SlaPolicy, validatePolicies } from './policy.ts';

const program: SlaPolicy = { agencyId: null, category: null, firstResponseHours: 16, resolutionHours: 80 };
const agencyDefault: SlaPolicy = { agencyId: 7, category: null, firstResponseHours: 8, resolutionHours: 40 };
const agencyBilling: SlaPolicy = { agencyId: 7, category: 'billing', firstResponseHours: 4, resolutionHours: 24, warnAtFraction: 0.5 };
const otherAgency: SlaPolicy = { agencyId: 9, category: 'billing', firstResponseHours: 2, resolutionHours: 8 };
// Shuffled on purpose: the choice must come from the fallback order, not the list order.
const policies = [program, otherAgency, agencyDefault, agencyBilling];

describe('pickPolicy', () => {
  it('prefers agency + category, then the agency default, then the program default', () => {
    assert.equal(pickPolicy(policies, { agencyId: 7, category: 'billing' }), agencyBilling);
    assert.equal(pickPolicy(policies, { agencyId: 7, category: 'conduct' }), agencyDefault);
    // Agency 9 has a billing policy but no default: another category falls to the program default.
    assert.equal(pickPolicy(policies, { agencyId: 9, category: 'conduct' }), program);
    assert.equal(pickPolicy(policies, { agencyId: 9, category: 'billing' }), otherAgency);
    assert.equal(pickPolicy(policies, { agencyId: 1, category: 'billing' }), program);
  });

  it('returns undefined when nothing applies, and never borrows another agency', () => {
    assert.equal(pickPolicy([otherAgency, agencyBilling], { agencyId: 1, category: 'billing' }), undefined);
    assert.equal(pickPolicy([], { agencyId: 7, category: 'billing' }), undefined);
  });

  it('keeps the caller’s own policy type', () => {
    const rows = [{ ...agencyDefault, id: 31 }];
    assert.equal(pickPolicy(rows, { agencyId: 7, category: 'x' })?.id, 31);
  });
});

describe('validatePolicies', () => {
  it('accepts a consistent set', () => {
    assert.deepEqual(validatePolicies(policies), []);
  });

  it('names each problem', () => {
    const problems = validatePolicies([
      { agencyId: null, category: 'billing', firstResponseHours: 4, resolutionHours: 8 },
      agencyDefault,
      { ...agencyDefault },
      { agencyId: 3, category: null, firstResponseHours: 0, resolutionHours: Number.NaN },
      { agencyId: 4, category: null, firstResponseHours: 10, resolutionHours: 5, warnAtFraction: 1.2 },
    ]);
    assert.deepEqual(problems, [
      'policy for agency (program) / category billing: a program-wide policy cannot name a category',
      'policy for agency 7 / category (default): defined more than once',
      'policy for agency 3 / category (default): firstResponseHours must be a positive number of working hours',
      'policy for agency 3 / category (default): resolutionHours must be a positive number of working hours',
      'policy for agency 4 / category (default): first response cannot be due after resolution',
      'policy for agency 4 / category (default): warnAtFraction must be in (0, 1]',
    ]);
  });
});

describe('policyTargets', () => {
  it('converts working hours to milliseconds and defaults the warning to 80%', () => {
    // 4 h = 14 400 000 ms; 24 h = 86 400 000 ms; the policy's own 0.5 is kept.
    assert.deepEqual(policyTargets(agencyBilling), { firstResponseMs: 14_400_000, resolutionMs: 86_400_000, warnAtFraction: 0.5 });
    // 1.5 h = 5 400 000 ms; no fraction given → 0.8.
    assert.deepEqual(policyTargets({ ...program, firstResponseHours: 1.5 }), {
      firstResponseMs: 5_400_000,
      resolutionMs: 288_000_000,
      warnAtFraction: 0.8,
    });
  });
});
