import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { linkIn, pathOf, subscribe } from '../../src/modules/notify/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { translate } from '../../src/platform/i18n/i18n.ts';
import { axe, startBrowser } from '../helpers/browser.ts';
import { buildAgency } from '../helpers/factories.ts';

const words = {
  ar: {
    confirm: 'تأكيد اشتراكي',
    send: 'أرسل الرمز',
    verify: 'تحقّق',
    consents: 'موافقاتك',
    withdraw: 'سحب هذه الموافقة',
    done: 'سُحبت الموافقة',
  },
  en: {
    send: 'Send the code',
    verify: 'Verify',
    consents: 'Your consents',
    withdraw: 'Withdraw this consent',
    done: 'Consent withdrawn',
  },
} as const;

/**
 * Consents in Chromium without JavaScript at 360 px, in Arabic and in English: a person confirms a
 * subscription on the page the email links to, proves the address on My data, finds the consent
 * with the words they were shown, and withdraws it (the subscription ends). The page with the
 * consents passes axe (scripts on, 1280 px).
 */
describe('privacy: consents in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;

  before(async () => {
    env = await startBrowser();
    await buildAgency(env.t.deps, { code: 'consent-dga', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority' });
  });
  after(() => env.close());

  const mailTo = async (to: string, source: string) =>
    (
      await env.t.deps.db
        .selectFrom('messages')
        .select('text_body')
        .where('to_address', '=', to)
        .where('source', '=', source)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).text_body ?? '';

  for (const lang of ['ar', 'en'] as const) {
    it(`confirm → My data → withdraw, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const email = `consent.${lang}@example.sa`;
      await subscribe(
        env.t.deps,
        { ...systemCtx('browser-test'), ip: `192.0.2.${lang === 'ar' ? 21 : 22}` },
        { email, target_type: 'agency', target_key: 'consent-dga', frequency: 'immediate', locale: lang },
      );
      const person = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await person.goto(pathOf(linkIn(await mailTo(email, 'notify.confirm'), 'confirm')));
      const lead = (await person.textContent('p.lead'))?.trim() ?? '';
      await Promise.all([
        person.waitForURL(/\/subscriptions\/manage\//),
        person.click(`button:has-text("${translate(lang, 'notify.confirm.submit')}")`),
      ]);

      await person.goto(`/${lang}/my-data`);
      await person.fill('[name=email]', email);
      await person.click(`button:has-text("${w.send}")`);
      await person.fill('[name=code]', /\d{6}/.exec(await mailTo(email, 'privacy.code'))?.[0] ?? '');
      await Promise.all([person.waitForURL(/\/my-data$/), person.click(`button:has-text("${w.verify}")`)]);
      assert.ok(await person.isVisible(`h3:has-text("${w.consents}")`));
      const shown = (await person.textContent('#consents ~ ol blockquote')) ?? '';
      assert.ok(lead && shown.includes(lead), `the consent holds the words the page showed: ${lead} / ${shown}`);

      const checked = await (await env.context()).newPage();
      await checked.context().addCookies(await person.context().cookies());
      await checked.goto(`/${lang}/my-data`);
      assert.deepEqual(await axe(checked), [], 'the page with consents');

      await Promise.all([person.waitForURL(/\/my-data/), person.click(`button:has-text("${w.withdraw}")`)]);
      assert.ok(await person.isVisible(`text=${w.done}`));
      assert.equal(await person.locator(`button:has-text("${w.withdraw}")`).count(), 0);
      const left = await env.t.deps.db
        .selectFrom('notify_subscriptions as s')
        .innerJoin('notify_subscribers as r', 'r.id', 's.subscriber_id')
        .select('s.id')
        .where('r.email', '=', email)
        .execute();
      assert.equal(left.length, 0, 'the subscription ended');
      const [c] = await env.t.deps.db.selectFrom('privacy_consents').selectAll().where('email', '=', email).execute();
      assert.equal(c?.withdrawn_channel, 'my_data');
    });
  }
});
