import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import * as consultations from './consultations.service.ts';

// A consultation's audience (both languages or none) and the catalog services it concerns, named
// by identifier: an unknown identifier is refused on its field with nothing written; the draft form
// shows them back; the public page names the audience and links only services published in the catalog.

describe('participate: a consultation’s audience and the services it concerns', () => {
  let t: TestApp;
  let editor: Client;
  const ids = { a: 0 };
  const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  let today = '';
  const draft = (extra: Record<string, string> = {}) => ({
    agency_id: String(ids.a),
    title_ar: 'مسودة لائحة الرسوم',
    title_en: 'Draft fees regulation',
    summary_ar: 'ملخص',
    summary_en: 'Summary',
    source_format: 'text',
    source_text: 'المادة الأولى\nنص.',
    opens_on: addDays(today, -1),
    closes_on: addDays(today, 5),
    ...extra,
  });
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('participate_consultations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    today = consultations.dayOf(t.deps, new Date());
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    await buildService(t.deps, ids.a, { identifier: 'alpha-licence', data: { name: { en: 'Alpha licence', ar: 'رخصة ألفا' } } });
    await buildService(t.deps, ids.a, { identifier: 'alpha-draft', publish: false });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    editor = await signedIn(t.app, 'editor@a.sa');
  });
  after(() => t.close());

  it('refuses an unknown service and an audience in one language only, field by field, writing nothing', async () => {
    const unknown = await editor.post('/en/console/consultations/new', draft({ services: 'alpha-licence\nno-such-service' }));
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /f-services/);
    assert.match(unknown.body, /No catalog service has the identifier “no-such-service”/);
    const half = await editor.post('/ar/console/consultations/new', draft({ audience_ar: 'المنشآت الصغيرة' }));
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /f-audience_en/);
    const many = await editor.post(
      '/en/console/consultations/new',
      draft({ services: Array.from({ length: 21 }, (_, i) => `s${i}`).join('\n') }),
    );
    assert.equal(many.statusCode, 400);
    assert.match(many.body, /Twenty lines at most/);
    assert.equal(await count(), 0);
    assert.equal((await t.deps.db.selectFrom('participate_consultation_services').selectAll().execute()).length, 0);
  });

  it('keeps the audience and services, shows them back on the form, and publicly links only published services', async () => {
    const made = await editor.post(
      '/en/console/consultations/new',
      draft({ audience_ar: 'المنشآت الصغيرة', audience_en: 'Small businesses', services: 'alpha-licence\nalpha-draft\nalpha-licence' }),
    );
    assert.equal(made.statusCode, 303, made.body);
    const c = await t.deps.db.selectFrom('participate_consultations').selectAll().executeTakeFirstOrThrow();
    assert.equal(c.audience_en, 'Small businesses');
    const links = await t.deps.db.selectFrom('participate_consultation_services').select('identifier').orderBy('id').execute();
    assert.deepEqual(
      links.map((l) => l.identifier),
      ['alpha-licence', 'alpha-draft'],
      'each service once',
    );
    const edit = await editor.get(`/en/console/consultations/${c.id}/edit`);
    assert.match(edit.body, /alpha-licence\nalpha-draft<\/textarea>/);

    const sys = systemCtx('test');
    await consultations.submitConsultation(t.deps, sys, c.id);
    await consultations.approveConsultation(t.deps, sys, c.id);
    await consultations.publishConsultation(t.deps, sys, c.id);
    const en = await t.app.inject({ url: `/en/consultations/${c.id}` });
    assert.match(en.body, /For:<\/strong> Small businesses/);
    assert.match(en.body, /href="\/en\/services\/alpha-licence">Alpha licence</);
    assert.doesNotMatch(en.body, /alpha-draft/, 'an unpublished service is not shown');
    const ar = await t.app.inject({ url: `/ar/consultations/${c.id}` });
    assert.match(ar.body, /المنشآت الصغيرة/);
    assert.match(ar.body, /رخصة ألفا/);
  });
});
