import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoIn } from '../db/time.ts';
import { checkCode, codeHash, newCode } from './one-time-code.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const stored = (code: string, over: Partial<{ recordId: number; expiresAt: string | null; attempts: number }> = {}) => ({
  recordId: 7,
  hash: codeHash(SECRET, 'test.code', 7, code),
  expiresAt: isoIn(60_000),
  attempts: 0,
  ...over,
});

describe('one-time codes', () => {
  it('are six digits, leading zeros kept, and not all alike', () => {
    const codes = Array.from({ length: 200 }, newCode);
    for (const c of codes) assert.match(c, /^[0-9]{6}$/);
    assert.ok(new Set(codes).size > 150);
  });

  it('are stored as a hash bound to their purpose and record', () => {
    const h = codeHash(SECRET, 'test.code', 7, '012345');
    assert.doesNotMatch(h, /012345/);
    assert.notEqual(h, codeHash(SECRET, 'test.code', 8, '012345'));
    assert.notEqual(h, codeHash(SECRET, 'other.code', 7, '012345'));
    assert.notEqual(h, codeHash(`${SECRET}x`, 'test.code', 7, '012345'));
  });

  it('accept the code in Arabic-Indic or Persian digits, with spaces around', () => {
    assert.equal(checkCode(SECRET, 'test.code', stored('012345'), '012345', 5), 'ok');
    assert.equal(checkCode(SECRET, 'test.code', stored('012345'), ' ٠١٢٣٤٥ ', 5), 'ok');
    assert.equal(checkCode(SECRET, 'test.code', stored('012345'), '۰۱۲۳۴۵', 5), 'ok');
  });

  it('refuse a wrong code, an expired one, and any code once the guesses are spent', () => {
    assert.equal(checkCode(SECRET, 'test.code', stored('012345'), '012346', 5), 'wrong');
    assert.equal(checkCode(SECRET, 'test.code', stored('012345', { expiresAt: isoIn(-1000) }), '012345', 5), 'expired');
    assert.equal(checkCode(SECRET, 'test.code', stored('012345', { expiresAt: null }), '012345', 5), 'expired');
    // Spent guesses win over everything, the right code included: a locked code cannot be probed further.
    assert.equal(checkCode(SECRET, 'test.code', stored('012345', { attempts: 5 }), '012345', 5), 'attempts');
    // Another record's code does not verify this one.
    assert.equal(checkCode(SECRET, 'test.code', { ...stored('012345'), recordId: 8 }, '012345', 5), 'wrong');
  });
});
