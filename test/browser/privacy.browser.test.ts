import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { complaint, submitCase } from '../../src/modules/feedback/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { axe, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

const words = {
  ar: {
    send: 'أرسل الرمز',
    verify: 'تحقّق',
    download: 'نزّل بياناتي',
    erase: 'أرسل طلب الحذف',
    approve: 'الموافقة والحذف الآن',
    save: 'حفظ القرار',
  },
  en: {
    send: 'Send the code',
    verify: 'Verify',
    download: 'Download my data',
    erase: 'Send the erasure request',
    approve: 'Approve and erase now',
    save: 'Save the decision',
  },
} as const;

/**
 * A person's data in Chromium without JavaScript at 360 px, in Arabic and in English: they prove
 * their address with the emailed code, download the archive (a ZIP holding their complaint), ask
 * for erasure; the program office approves it in its queue, and the complaint keeps its row without
 * its author. The verified page and the request page pass axe (with scripts on, in a second context).
 */
describe('privacy end to end in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  let agencyId = 0;

  before(async () => {
    env = await startBrowser();
    agencyId = (
      await buildAgency(env.t.deps, { code: 'privacy-dga', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority' })
    ).id;
    await buildUser(env.t.deps, { email: 'office@privacy.gov.sa', role: 'program_admin', name: 'ليلى' });
  });
  after(() => env.close());

  const codeFor = async (to: string) => {
    const mail = await env.t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', to)
      .where('source', '=', 'privacy.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return /\d{6}/.exec(mail.text_body ?? '')?.[0] ?? '';
  };

  for (const lang of ['ar', 'en'] as const) {
    it(`verify → download → ask for erasure → the office approves, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const email = `person.${lang}@example.sa`;
      const body = `Unique complaint text ${lang} — please call me`;
      await submitCase(
        env.t.deps,
        { ...systemCtx('browser-test'), ip: `192.0.2.${lang === 'ar' ? 1 : 2}` },
        complaint(agencyId, { contact_email: email, body }),
      );

      const person = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await person.goto(`/${lang}/my-data`);
      await person.fill('[name=email]', email);
      await person.click(`button:has-text("${w.send}")`);
      await person.fill('[name=code]', await codeFor(email));
      await Promise.all([person.waitForURL(/\/my-data$/), person.click(`button:has-text("${w.verify}")`)]);

      const [download] = await Promise.all([person.waitForEvent('download'), person.click(`button:has-text("${w.download}")`)]);
      const zip = await readFile(await download.path());
      assert.equal(zip.subarray(0, 4).toString('hex'), '504b0304', 'a ZIP archive');
      assert.ok(zip.includes(Buffer.from(body)), 'the archive holds the complaint');

      await person.fill('[name=erasure_details]', 'Please delete everything');
      await Promise.all([person.waitForURL(/\/my-data$/), person.click(`button:has-text("${w.erase}")`)]);
      const request = await env.t.deps.db
        .selectFrom('privacy_requests')
        .selectAll()
        .where('email', '=', email)
        .where('kind', '=', 'erasure')
        .executeTakeFirstOrThrow();

      const office = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await signInAs(office, 'office@privacy.gov.sa', lang);
      await office.goto(`/${lang}/console/privacy/requests`);
      await office.click(`a[href$="/console/privacy/requests/${request.id}"]`);
      await office.selectOption('[name=action]', 'complete');
      await Promise.all([office.waitForLoadState(), office.click(`button:has-text("${w.save}")`)]);
      const after = await env.t.deps.db
        .selectFrom('privacy_requests')
        .select('status')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      assert.equal(after.status, 'completed');
      const cases = await env.t.deps.db.selectFrom('feedback_cases').selectAll().where('body', 'like', `%${body}%`).execute();
      assert.equal(cases.length, 0, 'the complaint text is gone');
      assert.equal(
        await env.t.deps.db.selectFrom('feedback_cases').select('id').where('contact_email', '=', email).executeTakeFirst(),
        undefined,
      );

      // The pages only a verified person or a live request shows, checked by axe with scripts on.
      const checked = await (await env.context()).newPage();
      await checked.goto(`/${lang}/my-data`);
      await checked.fill('[name=email]', email);
      await checked.click(`button:has-text("${w.send}")`);
      assert.deepEqual(await axe(checked), [], 'code page');
      await checked.fill('[name=code]', await codeFor(email));
      await Promise.all([checked.waitForURL(/\/my-data$/), checked.click(`button:has-text("${w.verify}")`)]);
      assert.deepEqual(await axe(checked), [], 'verified page');
      await checked.fill('[name=correction_details]', '');
      await checked.click('form[action$="/my-data/correction"] button');
      assert.deepEqual(await axe(checked), [], 'correction errors');
    });
  }
});
