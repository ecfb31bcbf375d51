import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { linkIn, pathOf } from '../notify/testing.ts';
import * as consultations from './consultations.service.ts';
import * as ideas from './ideas.service.ts';
import * as participation from './participation.service.ts';
import { announceIdeaAnswer, consultationTopic, IDEA_ANSWERS_TOPIC, ideaTopic, NEW_CONSULTATIONS_TOPIC } from './subscriptions.ts';

// New consultations and their answers reach people through notify's subscriptions: they follow a
// topic from the public pages (double opt-in: nothing is sent before the address confirms), and
// publishing a consultation, or completing it with its report, publishes the notice to that topic's
// followers in the same transaction, in each follower's language, once. Agencies' official answers to
// ideas reach the followers of every idea's answers, or of one idea's, the same way.

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('participate: following new consultations and a consultation’s answers through notify', () => {
  let t: TestApp;
  let aAdmin: Client;
  let bAdmin: Client;
  const sys = systemCtx('test');
  const ids = { a: 0, b: 0 };
  let today = '';
  const mails = (to: string) =>
    t.deps.db
      .selectFrom('messages')
      .select(['subject', 'text_body', 'locale', 'source', 'status'])
      .where('to_address', '=', to)
      .orderBy('id')
      .execute();
  const notices = async (to: string) => (await mails(to)).filter((m) => m.source === 'notify.announcement');

  /** Subscribes through the public form and confirms through the emailed link, as a person does. */
  async function follow(email: string, lang: 'ar' | 'en', topic: string, confirm = true) {
    const c = new Client(t.app);
    const res = await c.post(`/${lang}/subscribe`, {
      email,
      target_type: 'topic',
      target_key: topic,
      frequency: 'immediate',
      locale: lang,
    });
    assert.equal(res.statusCode, 303, res.body);
    if (!confirm) return;
    const m = (await mails(email)).filter((x) => x.source === 'notify.confirm').at(-1);
    assert.ok(m, `a confirmation to ${email}`);
    assert.equal((await c.post(pathOf(linkIn(m.text_body, 'confirm')))).statusCode, 303);
  }

  async function draft(agencyId: number, title: string) {
    const c = await consultations.createConsultation(t.deps, sys, {
      agency_id: String(agencyId),
      title_ar: `مسودة ${title}`,
      title_en: `Draft ${title}`,
      summary_ar: 'ملخص المسودة المعروضة للاستشارة.',
      summary_en: 'A summary of the draft put to the public.',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص المادة الأولى.\n\nالمادة الثانية\nنص المادة الثانية.',
      opens_on: today,
      closes_on: addDays(today, 5),
    });
    await consultations.submitConsultation(t.deps, sys, c.id);
    await consultations.approveConsultation(t.deps, sys, c.id);
    return c;
  }

  before(async () => {
    t = await testApp();
    today = consultations.dayOf(t.deps, new Date());
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, locale: 'en' });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b, locale: 'en' });
    [aAdmin, bAdmin] = await Promise.all(['admin@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)));
  });
  after(() => t.close());

  it('offers the topics from the public pages in both languages, and refuses a topic that is not one', async () => {
    const list = await t.app.inject('/en/consultations');
    assert.match(list.body, /href="\/en\/subscribe\?topic=participate%2Fconsultations">Get new consultations by email</);
    const ar = await t.app.inject('/ar/subscribe?topic=participate/consultations');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /الاستشارات العامة الجديدة/);
    assert.match(ar.body, /name="target_key" value="participate\/consultations"/);

    // A draft's topic, an unknown consultation and a made-up key: field errors in both languages, a 400, nobody written.
    const d = await consultations.createConsultation(t.deps, sys, {
      agency_id: String(ids.a),
      title_ar: 'مسودة لم تنشر',
      title_en: 'Unpublished draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص.',
      opens_on: today,
      closes_on: addDays(today, 5),
    });
    for (const key of [consultationTopic(d.id), consultationTopic(999_999), 'participate/nothing']) {
      for (const [lang, text] of [
        ['en', /Choose what to follow from the list/],
        ['ar', /اختر ما تريد متابعته من القائمة/],
      ] as const) {
        const res = await new Client(t.app).post(`/${lang}/subscribe`, {
          email: 'someone@example.sa',
          target_type: 'topic',
          target_key: key,
          frequency: 'immediate',
          locale: lang,
        });
        assert.equal(res.statusCode, 400, `${key} in ${lang}`);
        assert.match(res.body, /class="error-summary"|role="alert"/);
        assert.match(res.body, text);
      }
    }
    const written = await t.deps.db.selectFrom('notify_subscribers').select('id').where('email', '=', 'someone@example.sa').execute();
    assert.equal(written.length, 0);
  });

  it('publishing tells the confirmed followers of new consultations, each in their language, once; nobody else', async () => {
    await follow('reem@example.sa', 'en', NEW_CONSULTATIONS_TOPIC);
    await follow('sara@example.sa', 'ar', NEW_CONSULTATIONS_TOPIC);
    await follow('pending@example.sa', 'en', NEW_CONSULTATIONS_TOPIC, false);

    const c = await draft(ids.a, 'fees regulation');
    // Another agency's administrator cannot publish it, and nothing is announced.
    assert.equal((await bAdmin.post(`/en/console/consultations/${c.id}/publish`)).statusCode, 403);
    const none = await t.deps.db.selectFrom('notify_announcements').select('id').where('source_key', 'like', 'participate:%').execute();
    assert.equal(none.length, 0);

    assert.equal((await aAdmin.post(`/en/console/consultations/${c.id}/publish`)).statusCode, 303);
    // The notice is published with the consultation: its fan-out job is already queued when the request returns.
    const a = await t.deps.db
      .selectFrom('notify_announcements')
      .selectAll()
      .where('source_key', '=', `participate:consultation:${c.id}:published`)
      .executeTakeFirstOrThrow();
    assert.equal(a.status, 'published');
    assert.equal(a.agency_id, ids.a);
    const fanout = await t.deps.db.selectFrom('notify_fanouts').selectAll().where('announcement_id', '=', a.id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(fanout.targets_json), [{ type: 'topic', key: NEW_CONSULTATIONS_TOPIC }]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', 'in', ['participate_consultation', 'announcement'])
      .where('action', 'in', ['participate.consultation.publish', 'announcement.publish'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((x) => x.action),
      ['announcement.publish', 'participate.consultation.publish'],
    );
    await t.drain();

    const [en] = await notices('reem@example.sa');
    assert.equal(en.subject, 'New public consultation: Draft fees regulation');
    assert.match(en.text_body, /Alpha Authority invites your comments on “Draft fees regulation”/);
    assert.match(en.text_body, /A summary of the draft put to the public\./);
    assert.match(en.text_body, /Open for comments from .+ to .+\./);
    assert.match(en.text_body, new RegExp(`/en/consultations/${c.id}`));
    assert.match(en.text_body, /\/subscriptions\/unsubscribe\//, 'every notice carries its unsubscribe link');
    const [ar] = await notices('sara@example.sa');
    assert.equal(ar.subject, 'استشارة عامة جديدة: مسودة fees regulation');
    assert.match(ar.text_body, /تدعوك هيئة ألفا إلى إبداء ملاحظاتك/);
    assert.match(ar.text_body, /هـ/, 'the period in the Hijri calendar');
    assert.match(ar.text_body, new RegExp(`/ar/consultations/${c.id}`));
    assert.equal((await notices('pending@example.sa')).length, 0, 'an address that never confirmed gets nothing');

    // Publishing is once: a second attempt is refused and sends nothing more.
    assert.equal((await aAdmin.post(`/en/console/consultations/${c.id}/publish`)).statusCode, 409);
    await t.drain();
    assert.equal((await notices('reem@example.sa')).length, 1);
  });

  it('completing with the report tells the consultation’s followers, not the followers of new consultations', async () => {
    const c = await draft(ids.a, 'licensing rules');
    await consultations.publishConsultation(t.deps, sys, c.id);
    await t.drain();
    const page = await t.app.inject(`/en/consultations/${c.id}`);
    const encoded = encodeURIComponent(consultationTopic(c.id));
    assert.match(page.body, new RegExp(`href="/en/subscribe\\?topic=${encoded}">Get this consultation’s answers and report by email<`));
    const form = await t.app.inject(`/en/subscribe?topic=${encoded}`);
    assert.match(form.body, /the answers and report of the consultation “Draft licensing rules”/);
    await follow('omar@example.sa', 'en', consultationTopic(c.id));
    await follow('reem@example.sa', 'en', consultationTopic(c.id));
    const before = {
      reem: (await notices('reem@example.sa')).length,
      sara: (await notices('sara@example.sa')).length,
    };
    assert.equal((await notices('omar@example.sa')).length, 0, 'following one consultation is not following new ones');

    const closed = new Date(`${addDays(today, 7)}T09:00:00Z`);
    await consultations.setFinalText(
      t.deps,
      sys,
      c.id,
      {
        final_text: 'المادة الأولى\nالنص النهائي.',
        report_ar: 'لم ترد ملاحظات.',
        report_en: 'No comments were made.',
      },
      closed,
    );
    await consultations.completeConsultation(t.deps, sys, c.id, closed);
    await t.drain();
    const [omar] = await notices('omar@example.sa');
    assert.equal(omar.subject, 'Consultation report published: Draft licensing rules');
    assert.match(omar.text_body, /Alpha Authority has answered every comment on “Draft licensing rules” \(no comments were made\)/);
    assert.match(omar.text_body, new RegExp(`/en/consultations/${c.id}/report`));
    assert.equal((await notices('reem@example.sa')).length, before.reem + 1);
    assert.equal((await notices('sara@example.sa')).length, before.sara, 'the new-consultations follower is not told of this report');
    // Once completed, the page no longer offers to follow its answers.
    assert.doesNotMatch((await t.app.inject(`/en/consultations/${c.id}`)).body, /answers and report by email/);

    // Its report offers new consultations instead, in both languages, through the same form; a follower made there is told of the next one.
    const report = await t.app.inject(`/en/consultations/${c.id}/report`);
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /href="\/en\/subscribe\?topic=participate%2Fconsultations">Get new consultations by email</);
    assert.doesNotMatch(report.body, /answers and report by email/);
    const reportAr = await t.app.inject(`/ar/consultations/${c.id}/report`);
    const offer = /href="(\/ar\/subscribe\?topic=participate%2Fconsultations)">([^<]+)</.exec(reportAr.body);
    assert.ok(offer, 'the Arabic report offers it');
    const list = await t.app.inject('/ar/consultations');
    assert.ok(list.body.includes(`href="${offer[1]}">${offer[2]}<`), 'the same offer as the list’s');
    await follow('lina@example.sa', 'ar', NEW_CONSULTATIONS_TOPIC);
    const next = await draft(ids.b, 'road rules');
    await consultations.publishConsultation(t.deps, sys, next.id);
    await t.drain();
    const [lina] = await notices('lina@example.sa');
    assert.ok(lina, 'the follower from the report hears of the next consultation');
    assert.equal(lina.locale, 'ar');
    assert.match(lina.text_body, /مسودة road rules/);
  });

  it('an official answer to an idea tells the followers of ideas’ answers and of that idea, in their language, once; never naming the proposer', async () => {
    const proposer = await participation.verifiedParticipant(t.deps, sys, 'khalid.proposer@example.sa', 'Khalid Alproposer');
    const idea = await ideas.proposeIdea(t.deps, sys, proposer.id, {
      to: String(ids.a),
      title: 'Renew permits online',
      description: 'Let people renew their permits without a visit.',
      category: 'improvement',
    });
    await ideas.moderateIdea(t.deps, sys, idea.id, { decision: 'publish', reason: '' });
    const list = await t.app.inject('/en/ideas');
    const all = encodeURIComponent(IDEA_ANSWERS_TOPIC);
    assert.match(list.body, new RegExp(`href="/en/subscribe\\?topic=${all}">Get agencies’ official answers to ideas by email<`));
    assert.match(
      (await t.app.inject('/ar/ideas')).body,
      new RegExp(`href="/ar/subscribe\\?topic=${all}">تابع ردود الجهات الرسمية على الأفكار بالبريد<`),
    );
    const one = encodeURIComponent(ideaTopic(idea.id));
    assert.match(
      (await t.app.inject(`/en/ideas/${idea.id}`)).body,
      new RegExp(`href="/en/subscribe\\?topic=${one}">Get this idea’s official answers by email<`),
    );
    assert.match((await t.app.inject(`/ar/subscribe?topic=${one}`)).body, /الردود الرسمية على الفكرة «Renew permits online»/);

    await follow('nour@example.sa', 'en', IDEA_ANSWERS_TOPIC);
    await follow('fatima@example.sa', 'ar', ideaTopic(idea.id));
    await follow('unconfirmed@example.sa', 'en', ideaTopic(idea.id), false);
    const announced = () =>
      t.deps.db
        .selectFrom('notify_announcements')
        .select(['id', 'agency_id'])
        .where('source_key', 'like', 'participate:idea:%')
        .orderBy('id')
        .execute();

    // Another agency's administrator may not answer it: a 403, nothing recorded or published.
    assert.equal((await bAdmin.post(`/en/console/ideas/${idea.id}/answer`, { answer: 'accepted', reason: '' })).statusCode, 403);
    assert.equal((await announced()).length, 0);

    assert.equal(
      (await aAdmin.post(`/en/console/ideas/${idea.id}/answer`, { answer: 'declined', reason: 'The law requires a visit for now.' }))
        .statusCode,
      303,
    );
    const [a] = await announced();
    assert.ok(a, 'published with the answer');
    assert.equal(a.agency_id, ids.a);
    const fanout = await t.deps.db.selectFrom('notify_fanouts').selectAll().where('announcement_id', '=', a.id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(fanout.targets_json), [
      { type: 'topic', key: IDEA_ANSWERS_TOPIC },
      { type: 'topic', key: ideaTopic(idea.id) },
    ]);
    await t.drain();
    const [en] = await notices('nour@example.sa');
    assert.equal(en.subject, 'Official answer to the idea “Renew permits online”: Declined');
    assert.match(en.text_body, /Alpha Authority gave the idea “Renew permits online” its official answer on .+ \(.+\): Declined\./);
    assert.match(en.text_body, /The reason given: The law requires a visit for now\./);
    assert.match(en.text_body, new RegExp(`/en/ideas/${idea.id}`));
    const [ar] = await notices('fatima@example.sa');
    assert.equal(ar.locale, 'ar');
    assert.equal(ar.subject, 'رد رسمي على الفكرة «Renew permits online»: معتذر عنها');
    assert.match(ar.text_body, /ردّت هيئة ألفا رسميًا على الفكرة/);
    assert.match(ar.text_body, /هـ/, 'the day in the Hijri calendar');
    assert.match(ar.text_body, new RegExp(`/ar/ideas/${idea.id}`));
    for (const m of [en, ar]) {
      assert.doesNotMatch(`${m.subject} ${m.text_body}`, /Khalid|Alproposer|khalid\.proposer/, 'the proposer is never named');
    }
    assert.equal((await notices('unconfirmed@example.sa')).length, 0, 'an address that never confirmed gets nothing');

    // The same answer again is refused; publishing the same step again is the same notice: nothing is sent twice.
    assert.equal((await aAdmin.post(`/en/console/ideas/${idea.id}/answer`, { answer: 'declined', reason: 'Again.' })).statusCode, 409);
    const step = await t.deps.db
      .selectFrom('participate_idea_steps')
      .select('id')
      .where('idea_id', '=', idea.id)
      .where('kind', '=', 'answer')
      .executeTakeFirstOrThrow();
    const row = await t.deps.db.selectFrom('participate_ideas').selectAll().where('id', '=', idea.id).executeTakeFirstOrThrow();
    const again = await t.deps.db.transaction().execute((trx) => announceIdeaAnswer(trx, t.deps, sys, row, step, new Date()));
    assert.equal(again, a.id);
    assert.equal((await announced()).length, 1);
    await t.drain();
    assert.equal((await notices('nour@example.sa')).length, 1);
    assert.equal((await notices('fatima@example.sa')).length, 1);

    // A later, different answer is a new notice.
    await ideas.answerIdea(t.deps, sys, idea.id, { answer: 'under_study', reason: '' });
    await t.drain();
    assert.equal((await notices('nour@example.sa')).length, 2);
    assert.equal((await notices('nour@example.sa'))[1].subject, 'Official answer to the idea “Renew permits online”: Under study');

    // An idea addressed to the program has no topic (a notice in notify belongs to an agency): no offer, nothing published.
    const toProgram = await ideas.proposeIdea(t.deps, sys, proposer.id, {
      to: 'program',
      title: 'One portal',
      description: 'Please.',
      category: 'other',
    });
    await ideas.moderateIdea(t.deps, sys, toProgram.id, { decision: 'publish', reason: '' });
    assert.doesNotMatch((await t.app.inject(`/en/ideas/${toProgram.id}`)).body, /official answers by email/);
    await ideas.answerIdea(t.deps, sys, toProgram.id, { answer: 'accepted', reason: '' });
    assert.equal((await announced()).length, 2);
  });
});
