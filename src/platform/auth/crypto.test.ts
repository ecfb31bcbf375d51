import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUMMY_PASSWORD_HASH, hashPassword, PASSWORD_HASH_COST, verifyPassword } from './crypto.ts';

describe('password hashing', () => {
  it("hashes at the product's scrypt cost (N = 2^15, r = 8, p = 1) with a fresh salt, and verifies", async () => {
    assert.deepEqual(PASSWORD_HASH_COST, { N: 32768, r: 8, p: 1 });
    const a = await hashPassword('كلمة مرور طويلة');
    const b = await hashPassword('كلمة مرور طويلة');
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.notEqual(a, b, 'a fresh salt each time');
    assert.equal(await verifyPassword('كلمة مرور طويلة', a), true);
    assert.equal(await verifyPassword('كلمة مرور طويله', a), false);
    assert.equal(await verifyPassword('anything', null), false);
    assert.equal(await verifyPassword('anything', 'bcrypt$x'), false);
  });

  it('reads the cost from the stored hash, so a hash made at another cost still verifies', async () => {
    const cheap = await hashPassword('p4ssword-here', { N: 1024, r: 8, p: 1 });
    assert.match(cheap, /^scrypt\$1024\$8\$1\$/);
    assert.equal(await verifyPassword('p4ssword-here', cheap), true);
    assert.equal(await verifyPassword('p4ssword-herE', cheap), false);
  });

  it('normalises the password (NFKC) before hashing, so the same text typed two ways verifies', async () => {
    const h = await hashPassword('ﻻ password'); // the presentation form of لا
    assert.equal(await verifyPassword('لا password', h), true);
  });

  it('has a stand-in hash that no password matches', async () => {
    assert.equal(await verifyPassword('', DUMMY_PASSWORD_HASH), false);
    assert.equal(await verifyPassword('AAAA', DUMMY_PASSWORD_HASH), false);
  });
});
