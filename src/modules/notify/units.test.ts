import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleService } from '../../../test/helpers/catalog.ts';
import { foldLine } from '../../platform/ical.ts';
import { addressProblem, normalizeEmail } from './address.ts';
import { draftsFor } from './auto-drafts.ts';
import { makeToken, readToken } from './links.ts';
import { personalize } from './render.ts';

describe('notify building blocks', () => {
  it('recognises throwaway and malformed addresses', () => {
    assert.equal(addressProblem(normalizeEmail('  Sara@Example.SA ')), null);
    assert.equal(addressProblem('a@sub.mailinator.com'), 'notify.validation.disposable');
    assert.equal(addressProblem('a@my-throwaway-mail.net'), 'notify.validation.disposable');
    assert.equal(addressProblem('a@mohmal.com'), 'notify.validation.disposable');
    assert.equal(addressProblem('a@example'), 'validation.email');
    assert.equal(addressProblem('a@bad..domain.sa'), 'validation.email');
    assert.equal(addressProblem('a b@example.sa'), 'validation.email');
    assert.equal(addressProblem('x@foo.invalid'), 'validation.email');
  });

  it('signs links for one purpose, and refuses them past expiry or tampered', () => {
    const secret = 's'.repeat(40);
    const tok = makeToken(secret, 'manage', { s: 7, v: 2, a: 9 });
    assert.deepEqual(readToken(secret, 'manage', tok), { s: 7, v: 2, n: undefined, a: 9 });
    assert.equal(readToken(secret, 'unsubscribe', tok), null);
    assert.equal(readToken(`${secret}x`, 'manage', tok), null);
    assert.equal(readToken(secret, 'manage', makeToken(secret, 'manage', { s: 7, v: 2 }, Date.now() - 31 * 86_400_000)), null);
    assert.equal(readToken(secret, 'manage', `${tok}x`), null);
  });

  it('fills each recipient’s links into a shared template, escaped in HTML, with RFC 8058 headers', () => {
    const r = personalize(
      {
        subject: 'S',
        html: '<a href="%%YUSR_MANAGE%%">m</a><a href="%%YUSR_UNSUBSCRIBE%%">u</a>',
        text: 'm %%YUSR_MANAGE%% u %%YUSR_UNSUBSCRIBE%%',
        listId: '<x.y>',
      },
      { manage: 'https://y/m?a=1&b="2"', unsubscribe: 'https://y/u' },
    );
    assert.equal(r.html, '<a href="https://y/m?a=1&amp;b=&quot;2&quot;">m</a><a href="https://y/u">u</a>');
    assert.equal(r.text, 'm https://y/m?a=1&b="2" u https://y/u');
    assert.deepEqual(r.headers, {
      'List-Unsubscribe': '<https://y/u>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': '<x.y>',
    });
  });

  it('folds iCalendar lines at 75 octets without splitting Arabic letters', () => {
    const line = `SUMMARY:${'وزارة الصحة '.repeat(12)}`;
    const folded = foldLine(line).split('\r\n');
    assert.ok(folded.length > 1);
    assert.ok(folded.every((l) => Buffer.byteLength(l) <= 75));
    assert.equal(folded.map((l, i) => (i ? l.slice(1) : l)).join(''), line);
  });

  it('knows which publications call for an announcement', () => {
    const live = sampleService();
    assert.deepEqual(draftsFor({ previous: null, current: live }), [{ kind: 'launch', reasons: ['status_live'] }]);
    assert.deepEqual(draftsFor({ previous: { ...live, status: 'beta' }, current: live }), [{ kind: 'launch', reasons: ['status_live'] }]);
    assert.deepEqual(draftsFor({ previous: live, current: { ...live, status: 'retired' } }), [
      { kind: 'retirement', reasons: ['retired'] },
    ]);
    assert.deepEqual(draftsFor({ previous: live, current: { ...live, fees: [], requirements: [] } }), [
      { kind: 'change', reasons: ['fees', 'requirements'] },
    ]);
    assert.deepEqual(draftsFor({ previous: live, current: { ...live, description: { ar: 'وصف', en: 'Description' } } }), []);
    assert.deepEqual(draftsFor({ previous: null, current: { ...live, status: 'planned' } }), []);
  });
});
