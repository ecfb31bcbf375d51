import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { submitForm } from '../../../test/helpers/forms.ts';
import { startAppWithSmtp, stopAppWithSmtp, TestSmtp } from '../../../test/helpers/smtp.ts';
import { LINK_MASK } from './account-emails.ts';

/** Every string in a stored message that could be a link's secret, tried as one: none may work. */
async function noUsableSecret(t: TestApp, row: Record<string, unknown>, paths: string[]) {
  const candidates = new Set<string>();
  for (const v of Object.values(row)) for (const m of String(v ?? '').matchAll(/[A-Za-z0-9_-]{16,}/g)) candidates.add(m[0]);
  assert.ok(candidates.size > 0);
  for (const c of candidates) {
    for (const path of paths) {
      const res = await t.app.inject(`/en/${path}/${c}`);
      assert.ok([404, 410].includes(res.statusCode), `${path}/${c} answered ${res.statusCode}`);
    }
  }
}

describe('reset and invitation links are never stored or shown', () => {
  describe('with the local outbox', () => {
    let t: TestApp;
    before(async () => {
      t = await testApp();
    });
    after(() => t.close());

    it('a program administrator who sends someone a reset reads the email with its link masked', async () => {
      const admin = await buildUser(t.deps, { email: 'root@example.gov.sa', role: 'program_admin' });
      const target = await buildUser(t.deps, { email: 'someone@example.gov.sa', role: 'program_reviewer' });
      const c = await signedIn(t.app, admin.email);
      assert.equal((await c.post(`/en/console/users/${target.id}/reset`)).statusCode, 303);
      await t.drain();
      const row = await t.deps.db.selectFrom('messages').selectAll().where('to_address', '=', target.email).executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent', 'the local outbox "sent" it');
      assert.ok(row.text_body.includes(`/en/password/reset/${LINK_MASK}`));
      assert.ok(row.html_body?.includes(`/en/password/reset/${LINK_MASK}`));
      await noUsableSecret(t, row, ['password/reset']);

      const page = await c.get(`/en/console/outbox/${row.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(LINK_MASK));
      assert.doesNotMatch(page.body, /password\/reset\/[A-Za-z0-9_-]{16,}/);
      const html = await c.get(`/en/console/outbox/${row.id}/html`);
      assert.doesNotMatch(html.body, /password\/reset\/[A-Za-z0-9_-]{16,}/);
    });
  });

  describe('over SMTP', () => {
    let t: TestApp;
    const smtp = new TestSmtp();
    before(async () => {
      t = await startAppWithSmtp(smtp);
    });
    after(() => stopAppWithSmtp(t, smtp));

    it('the delivered email carries the working link; the stored row does not', async () => {
      await buildUser(t.deps, { email: 'real@example.gov.sa', role: 'program_reviewer' });
      const c = new Client(t.app);
      await c.post('/en/password/forgot', { email: 'real@example.gov.sa' });
      await t.drain();
      const mail = smtp.to('real@example.gov.sa').at(-1);
      const link = /http:\/\/yusr\.test(\/en\/password\/reset\/[A-Za-z0-9_-]{40,})/.exec(mail?.parsed.text ?? '')?.[1];
      assert.ok(link, 'the text part has the live link');
      assert.ok(String(mail?.parsed.html).includes(link), 'so has the HTML part');
      const row = await t.deps.db
        .selectFrom('messages')
        .selectAll()
        .where('to_address', '=', 'real@example.gov.sa')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.ok(!JSON.stringify(row).includes(link.split('/').at(-1) as string), 'the row holds no live link');
      await noUsableSecret(t, row, ['password/reset']);
      const form = await c.get(link);
      assert.equal(form.statusCode, 200);
      const done = await submitForm(c, form.body, { password: 'a new secret passphrase', confirm: 'a new secret passphrase' }, /reset/);
      assert.equal(done.statusCode, 303);
      await new Client(t.app).signIn('real@example.gov.sa', 'a new secret passphrase');
    });
  });
});
