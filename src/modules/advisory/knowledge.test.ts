import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { acceptRequest, addAdvisor, addFinding, assignAdvisor, deliver, setAnonymised, submitRequest } from './advisory.service.ts';
import { searchKnowledge } from './knowledge.service.ts';

// The knowledge base: past findings found through the Arabic analyzer (a plural and an attached
// article find the singular), for the office and advisors only, with the agency left out for
// advisors where the office chose so; findings of requests still in progress are not in it; the
// index kept between searches follows the rows (a delivery).

describe('advisory: knowledge search', () => {
  let t: TestApp;
  let advisor: Ctx;
  const office = systemCtx('test');
  const ids = { a: 0, named: 0, hidden: 0, open: 0 };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'kn-a', name_en: 'Knowledge Authority', name_ar: 'هيئة المعرفة' })).id;
    const b = await buildAgency(t.deps);
    const u = await buildUser(t.deps, { email: 'kn-advisor@advisors.sa', role: 'advisor', name: 'Advisor' });
    await buildUser(t.deps, { email: 'kn-admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'kn-office@program.sa', role: 'program_reviewer' });
    advisor = {
      actor: { kind: 'user', id: u.id, name: u.name, email: u.email, locale: 'ar', memberships: [{ role: 'advisor', agencyId: null }] },
      lang: 'ar',
      requestId: null,
      ip: null,
    };
    const member = await addAdvisor(t.deps, office, { user_id: String(u.id), home_agency_id: String(b.id) });
    const request = async (title: string, finding: string, recommendation: string, delivered: boolean) => {
      const r = await submitRequest(t.deps, office, {
        agency_id: String(ids.a),
        type: 'tender_review',
        title,
        question: 'Q',
        urgency: 'normal',
      });
      await acceptRequest(t.deps, office, r.id, { priority: 'low' });
      await assignAdvisor(t.deps, office, r.id, { advisor_id: String(member.id), role: 'lead' });
      await addFinding(t.deps, advisor, r.id, { severity: 'high', title: finding, recommendation, reference: 'ص 4' });
      if (delivered) await deliver(t.deps, advisor, r.id);
      return r.id;
    };
    ids.named = await request('كراسة المنصة', 'غياب اتفاقية مستوى الخدمة', 'أضف ملحقًا لمستويات الخدمة مع غرامات متدرجة.', true);
    ids.hidden = await request('كراسة التطبيق', 'معيار تقييم يفضّل مورّدًا', 'استبدل اشتراط المنتج بمتطلبات وظيفية للخدمات.', true);
    ids.open = await request('كراسة أخرى', 'اتفاقيات الخدمة ناقصة', 'لم تُسلَّم بعد.', false);
    await setAnonymised(t.deps, office, ids.hidden, true);
  });
  after(() => t.close());

  it('finds past findings through the Arabic analyzer, leaving out work not yet delivered', async () => {
    // "الخدمات" (plural, with the article) finds "الخدمة" and "للخدمات".
    const hits = (await searchKnowledge(t.deps, advisor, 'الخدمات')).hits.map((h) => h.requestId);
    assert.deepEqual(hits.sort(), [ids.named, ids.hidden].sort());
    const sla = (await searchKnowledge(t.deps, advisor, 'اتفاقيات')).hits.map((h) => h.requestId);
    assert.deepEqual(sla, [ids.named]);
    assert.equal((await searchKnowledge(t.deps, advisor, '')).total, 2);
    assert.equal((await searchKnowledge(t.deps, advisor, '', 'low')).total, 0);
  });

  it('names the agency to advisors only where the office did not anonymise it; the office always sees it', async () => {
    const forAdvisor = (await searchKnowledge(t.deps, advisor, '')).hits;
    assert.equal(forAdvisor.find((h) => h.requestId === ids.named)?.agencyId, ids.a);
    assert.equal(forAdvisor.find((h) => h.requestId === ids.hidden)?.agencyId, null);
    assert.equal((await searchKnowledge(t.deps, office, '')).hits.find((h) => h.requestId === ids.hidden)?.agencyId, ids.a);
  });

  it('is for the office and advisors only, and only the office anonymises', async () => {
    const agency = await signedIn(t.app, 'kn-admin@a.sa');
    assert.equal((await agency.get('/en/console/advisory/knowledge')).statusCode, 403);
    assert.equal((await agency.post(`/en/console/advisory/${ids.named}/anonymise`, { anonymised: 'yes' })).statusCode, 403);
    const reviewer = await signedIn(t.app, 'kn-office@program.sa');
    const page = await reviewer.get(`/ar/console/advisory/knowledge?q=${encodeURIComponent('الخدمات')}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /غياب اتفاقية مستوى الخدمة/);
    assert.equal((await reviewer.post(`/en/console/advisory/${ids.named}/anonymise`, { anonymised: 'yes' })).statusCode, 303);
    const r = await t.deps.db.selectFrom('advisory_requests').select('anonymised').where('id', '=', ids.named).executeTakeFirstOrThrow();
    assert.equal(r.anonymised, 1);
  });

  it('answers from the rows as they are now: work delivered after a search is found by the next one', async () => {
    assert.deepEqual(
      (await searchKnowledge(t.deps, advisor, 'اتفاقيات')).hits.map((h) => h.requestId),
      [ids.named],
    );
    await deliver(t.deps, advisor, ids.open);
    const after = (await searchKnowledge(t.deps, advisor, 'اتفاقيات')).hits.map((h) => h.requestId);
    assert.deepEqual(after.sort(), [ids.named, ids.open].sort());
    assert.equal((await searchKnowledge(t.deps, advisor, '')).total, 3);
  });
});
