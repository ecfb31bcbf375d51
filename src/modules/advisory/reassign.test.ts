import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// The office changes who works on a request: it replaces the lead or a reviewer with another member
// of the team (same role; the conflict rule holds: an advisor from the requesting agency needs a
// recorded exception), the open tasks pass to the new advisor, the change is audited with its reason
// and the new advisor is emailed; a reviewer may be removed, the lead only replaced. The agency,
// other agencies and the advisors themselves get 403; bad input a bilingual 400 and nothing written.

describe('advisory: replacing and removing assigned advisors', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, request: 0 };
  const advisor: Record<string, number> = {};
  const url = (path = '', lang = 'en') => `/${lang}/console/advisory/${ids.request}${path}`;
  const team = async () =>
    (
      await t.deps.db
        .selectFrom('advisory_assignments')
        .select(['id', 'advisor_id', 'role', 'exception_reason'])
        .where('request_id', '=', ids.request)
        .orderBy('id')
        .execute()
    ).map((a) => ({ ...a }));
  const lead = async () => (await team()).find((a) => a.role === 'lead') as { id: number; advisor_id: number };
  const audits = async (action: string) =>
    t.deps.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', action).orderBy('seq').execute();

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1], number?][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin', name: 'Office Admin' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, name: 'Alpha Admin' }],
      ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b, name: 'Beta Admin' }],
      ['x', { email: 'x@advisors.sa', role: 'advisor', name: 'Xavier Lead' }, ids.b],
      ['w', { email: 'w@advisors.sa', role: 'advisor', locale: 'ar', name: 'Wafa Next' }, ids.b],
      ['z', { email: 'z@advisors.sa', role: 'advisor', locale: 'en', name: 'Zaid From Alpha' }, ids.a],
      ['r', { email: 'r@advisors.sa', role: 'advisor', name: 'Reem Reviewer' }, ids.b],
    ];
    for (const [key, opts, home] of people) {
      const u = await buildUser(t.deps, opts);
      c[key] = await signedIn(t.app, opts?.email as string);
      if (home === undefined) continue;
      assert.equal(
        (await c.office.post('/en/console/advisory/team', { user_id: String(u.id), home_agency_id: String(home) })).statusCode,
        303,
      );
      advisor[key] = (
        await t.deps.db.selectFrom('advisory_advisors').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow()
      ).id;
    }
    const made = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'technical_review',
      title: 'Portal architecture',
      question: 'Is it sound?',
      urgency: 'normal',
    });
    ids.request = Number(/\/(\d+)$/.exec(String(made.headers.location ?? ''))?.[1]);
    assert.equal((await c.office.post(url('/accept'), { priority: 'medium' })).statusCode, 303);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: String(advisor.x), role: 'lead' })).statusCode, 303);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: String(advisor.r), role: 'reviewer' })).statusCode, 303);
    assert.equal(
      (
        await c.x.post(url('/tasks'), {
          title: 'Read the architecture document',
          owner_advisor_id: String(advisor.x),
          due_on: '2030-01-15',
        })
      ).statusCode,
      303,
    );
    await t.drain();
  });
  after(() => t.close());

  it('refuses the wrong people, conflicts without an exception and bad input, and writes nothing', async () => {
    const l = await lead();
    const path = url(`/assignments/${l.id}/replace`);
    const body = { advisor_id: String(advisor.w), reason: 'Xavier moves to another review.' };
    for (const who of ['aAdmin', 'bAdmin', 'x', 'w']) assert.equal((await c[who]?.post(path, body))?.statusCode, 403, who);
    assert.equal((await c.x.get(url(`/assignments/${l.id}`))).statusCode, 403);
    assert.equal((await c.office.post(url('/assignments/9999/replace'), body)).statusCode, 404);
    const conflicted = await c.office.post(path, { advisor_id: String(advisor.z), reason: 'Zaid knows the platform.' });
    assert.equal(conflicted.statusCode, 400);
    assert.match(conflicted.body, /This advisor comes from the requesting agency/);
    const conflictedAr = await c.office.post(url(`/assignments/${l.id}/replace`, 'ar'), { advisor_id: String(advisor.z), reason: 'سبب' });
    assert.equal(conflictedAr.statusCode, 400);
    assert.match(conflictedAr.body, /هذا المستشار من الجهة الطالبة/);
    const taken = await c.office.post(path, { advisor_id: String(advisor.r), reason: 'Reem takes the lead.' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /already on the request/);
    const noReason = await c.office.post(path, { advisor_id: String(advisor.w) });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="f-reason-error"/);
    assert.equal((await lead()).advisor_id, advisor.x);
    assert.equal((await audits('advisory.reassign')).length, 0);
  });

  it('replaces the lead: same role, open tasks handed over, audited with the reason, the new advisor emailed and the old one out', async () => {
    const l = await lead();
    const page = await c.office.get(url(`/assignments/${l.id}`));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Change the assignment of Xavier Lead/);
    assert.doesNotMatch(page.body, /Remove reviewer/, 'the lead is replaced, never removed');
    assert.match((await c.office.get(url())).body, new RegExp(`/assignments/${l.id}"`), "the request's team links the change");
    const res = await c.office.post(url(`/assignments/${l.id}/replace`), {
      advisor_id: String(advisor.w),
      reason: 'Xavier moves to another review.',
    });
    assert.equal(res.statusCode, 303);
    const now = await lead();
    assert.equal(now.advisor_id, advisor.w);
    assert.equal((await team()).length, 2);
    const task = await t.deps.db
      .selectFrom('advisory_tasks')
      .select('owner_advisor_id')
      .where('request_id', '=', ids.request)
      .executeTakeFirstOrThrow();
    assert.equal(task.owner_advisor_id, advisor.w);
    const [audit] = await audits('advisory.reassign');
    assert.equal(JSON.parse(audit?.before_json ?? '{}').advisor_id, advisor.x);
    const after = JSON.parse(audit?.after_json ?? '{}');
    assert.equal(after.advisor_id, advisor.w);
    assert.equal(after.role, 'lead');
    assert.equal(after.reason, 'Xavier moves to another review.');
    await t.drain();
    const mail = await t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'subject', 'locale'])
      .where('message_key', 'like', 'advisory:assigned:%')
      .where('to_address', '=', 'w@advisors.sa')
      .execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]?.locale, 'ar');
    assert.match(mail[0]?.subject ?? '', /أُسند إليك الطلب «Portal architecture»/);
    assert.equal((await c.x.get(url())).statusCode, 403, 'the advisor replaced no longer reads the request');
    assert.equal((await c.w.get(url())).statusCode, 200);
  });

  it('takes an advisor from the requesting agency only with a recorded exception, audited as one', async () => {
    const l = await lead();
    const res = await c.office.post(url(`/assignments/${l.id}/replace`), {
      advisor_id: String(advisor.z),
      exception_reason: 'The only advisor who knows the legacy platform; the office reviews the findings.',
      reason: 'Wafa is on leave.',
    });
    assert.equal(res.statusCode, 303);
    const now = (await team()).find((a) => a.role === 'lead');
    assert.equal(now?.advisor_id, advisor.z);
    assert.match(now?.exception_reason ?? '', /legacy platform/);
    assert.equal((await audits('advisory.reassign_exception')).length, 1);
  });

  it('removes a reviewer with the reason, never the lead; their open tasks lose their owner', async () => {
    const l = await lead();
    const removeLead = await c.office.post(url(`/assignments/${l.id}/remove`), { reason: 'Not needed.' });
    assert.equal(removeLead.statusCode, 409);
    const reviewer = (await team()).find((a) => a.role === 'reviewer') as { id: number };
    assert.equal((await c.office.post(url(`/assignments/${reviewer.id}/remove`), {})).statusCode, 400);
    assert.equal((await c.aAdmin.post(url(`/assignments/${reviewer.id}/remove`), { reason: 'x' })).statusCode, 403);
    const page = await c.office.get(url(`/assignments/${reviewer.id}`, 'ar'));
    assert.match(page.body, /إزالة المراجع/);
    assert.equal(
      (await c.office.post(url(`/assignments/${reviewer.id}/remove`), { reason: 'The review needs one advisor only.' })).statusCode,
      303,
    );
    assert.deepEqual(
      (await team()).map((a) => a.role),
      ['lead'],
    );
    const [audit] = await audits('advisory.unassign');
    assert.equal(JSON.parse(audit?.after_json ?? '{}').reason, 'The review needs one advisor only.');
  });
});
