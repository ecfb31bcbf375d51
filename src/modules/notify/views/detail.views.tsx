import type { MessageKey } from '../../../messages.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { formatListParts } from '../../../platform/i18n/lists.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Tag,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Announcement } from '../announcements.repo.ts';
import type { AudienceCount } from '../audience.ts';
import { kindLabel } from '../notify.labels.ts';
import type { DeliveryReport } from '../report.ts';
import { StatusTag } from './console.views.tsx';
import { kindTone, When } from './public.views.tsx';

export interface DetailProps {
  a: Announcement;
  agency: { code: string; name_ar: string; name_en: string };
  services: { id: number; identifier: string; name_ar: string; name_en: string }[];
  can: { draft: boolean; approve: boolean };
  report: DeliveryReport | null;
  /** Before publication: who it would reach now. */
  audience?: AudienceCount[] | null;
  errors?: Errors;
}

/** Who the announcement would reach if published now, per language and channel. */
function Audience({ rows }: { rows: AudienceCount[] }) {
  const { t, num } = usePage();
  const total = (r: AudienceCount) => r.immediate + r.digest;
  return (
    <section aria-labelledby="audience-h">
      <h2 id="audience-h">{t('notify.audience.title')}</h2>
      <p class="hint">{t('notify.audience.hint')}</p>
      <DataTable
        caption={t('notify.audience.title')}
        headers={[t('notify.audience.language'), t('notify.audience.immediate'), t('notify.audience.digest'), t('notify.report.sms')]}
        empty={false}
      >
        {rows.map((r) => (
          <tr key={r.locale}>
            <th scope="row">{t(r.locale === 'ar' ? 'notify.audience.ar' : 'notify.audience.en')}</th>
            <td class="num">{num(r.immediate)}</td>
            <td class="num">{num(r.digest)}</td>
            <td class="num">{num(r.sms)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('notify.audience.total')}</th>
          <td class="num">{num(rows.reduce((s, r) => s + r.immediate, 0))}</td>
          <td class="num">{num(rows.reduce((s, r) => s + r.digest, 0))}</td>
          <td class="num">{num(rows.reduce((s, r) => s + r.sms, 0))}</td>
        </tr>
      </DataTable>
      <p>{t('notify.audience.people', { count: rows.reduce((s, r) => s + total(r), 0) })}</p>
    </section>
  );
}

function Report({ r }: { r: DeliveryReport }) {
  const { t, num } = usePage();
  const row = (label: MessageKey, email: number, sms?: number) => (
    <tr>
      <th scope="row">{t(label)}</th>
      <td class="num">{num(email)}</td>
      <td class="num">{sms === undefined ? '—' : num(sms)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">{t('notify.report.title')}</h2>
      <p>
        {r.fanout?.status === 'done' ? t('notify.report.fanout_done') : t('notify.report.fanout_running')}{' '}
        {r.fanout?.finished_at ? <DateTime value={r.fanout.finished_at} withTime /> : null}
      </p>
      <DataTable
        caption={t('notify.report.title')}
        headers={[t('notify.report.measure'), t('notify.report.email'), t('notify.report.sms')]}
        empty={false}
      >
        {row('notify.report.matched', r.matched.email + r.matched.digest, r.matched.sms)}
        {row('notify.report.immediate', r.matched.email)}
        {row('notify.report.queued', r.email.queued + r.email.sending, r.sms.queued + r.sms.sending)}
        {row('notify.report.sent', r.email.delivered + r.email.local, r.sms.delivered + r.sms.local)}
        {row('notify.report.delivered', r.email.delivered, r.sms.delivered)}
        {row('notify.report.local', r.email.local, r.sms.local)}
        {row('notify.report.failed', r.email.failed, r.sms.failed)}
        {row('notify.report.cancelled', r.email.cancelled, r.sms.cancelled)}
        {row('notify.report.digest_waiting', r.digests.waiting)}
        {row('notify.report.digest_sent', r.digests.sent)}
        {row('notify.report.unsubscribes', r.unsubscribes)}
      </DataTable>
      {r.failures.length ? (
        <>
          <h3>{t('notify.report.why')}</h3>
          <DataTable caption={t('notify.report.why')} headers={[t('notify.report.reason'), t('notify.report.count')]} empty={false}>
            {r.failures.map((f) => (
              <tr key={f.reason}>
                <td class="ltr">{f.reason || '—'}</td>
                <td class="num">{num(f.count)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </section>
  );
}

function Actions(p: DetailProps) {
  const { t, href } = usePage();
  const base = `/console/announcements/${p.a.id}`;
  const editable = p.a.status === 'draft' || p.a.status === 'pending';
  return (
    <>
      <div class="actions">
        <a class="button secondary" href={href(`${base}/preview`)}>
          {t('notify.ann.preview')}
        </a>
        {editable && p.can.draft ? (
          <a class="button secondary" href={href(`${base}/edit`)}>
            {t('action.edit')}
          </a>
        ) : null}
        {p.a.status === 'draft' && p.can.draft && !p.can.approve ? (
          <PostButton action={href(`${base}/submit`)} label={t('notify.ann.submit')} />
        ) : null}
        {p.a.status === 'scheduled' && p.can.approve ? (
          <PostButton action={href(`${base}/unschedule`)} label={t('notify.ann.unschedule')} tone="secondary" />
        ) : null}
        {p.a.status === 'published' ? (
          <a class="button secondary" href={href(`/announcements/${p.a.id}`)}>
            {t('notify.ann.view_public')}
          </a>
        ) : null}
        {editable && p.can.draft ? (
          <PostButton
            action={href(`${base}/discard`)}
            label={t('notify.ann.discard')}
            tone="danger"
            confirm={t('notify.ann.discard_confirm')}
          />
        ) : null}
      </div>
      {editable && p.can.approve ? (
        <form method="post" action={href(`${base}/approve`)} class="panel stack">
          <Csrf />
          <h2>{t('notify.ann.approve_title')}</h2>
          <Field
            name="publish_at"
            type="datetime-local"
            label={t('notify.field.publish_at')}
            hint={t('notify.field.publish_hint')}
            errors={p.errors}
          />
          <button type="submit" class="button">
            {t('notify.ann.approve')}
          </button>
        </form>
      ) : null}
      {p.a.status === 'pending' && p.can.approve ? (
        <form method="post" action={href(`${base}/return`)} class="panel stack">
          <Csrf />
          <Field name="note" label={t('notify.ann.return_note')} errors={p.errors} />
          <button type="submit" class="button secondary">
            {t('notify.ann.return')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** One announcement for its agency's staff: content in both languages, state, actions and delivery report. */
export function AnnouncementDetailPage(p: DetailProps) {
  const { t, lang, href } = usePage();
  const title = pick(lang, p.a, 'title');
  return (
    <Layout title={title} nav="/console/notify">
      <Breadcrumbs items={[{ href: '/console/announcements', label: t('notify.ann.list_title') }, { label: title }]} />
      <PageHeading title={title} caption={pick(lang, p.agency, 'name')} />
      <ErrorSummary errors={p.errors} />
      {p.a.return_note && p.a.status === 'draft' ? (
        <div class="notice warn" role="note">
          {t('notify.ann.returned', { note: p.a.return_note })}
        </div>
      ) : null}
      <dl class="summary panel">
        <dt>{t('field.status')}</dt>
        <dd>
          <StatusTag status={p.a.status} />
          {p.a.status === 'scheduled' ? (
            <>
              {' '}
              <DateTime value={p.a.publish_at} withTime />
            </>
          ) : null}
          {p.a.status === 'published' ? (
            <>
              {' '}
              <DateTime value={p.a.published_at} withTime />
            </>
          ) : null}
        </dd>
        <dt>{t('notify.field.kind')}</dt>
        <dd>
          <Tag tone={kindTone(p.a.kind)}>{t(kindLabel[p.a.kind])}</Tag>
          {p.a.origin === 'auto' ? (
            <span class="muted"> — {t(p.a.auto_reason === 'outage' ? 'notify.ann.auto_outage' : 'notify.ann.auto')}</span>
          ) : null}
        </dd>
        <dt>{t('notify.ann.written_by')}</dt>
        {/* An automatic draft's author is the platform, in words, not an internal label. */}
        <dd>{p.a.origin === 'auto' ? t('notify.ann.by_platform') : (p.a.created_by ?? '—')}</dd>
        {p.a.approved_by ? (
          <>
            <dt>{t('notify.ann.approved_by')}</dt>
            <dd>{p.a.approved_by}</dd>
          </>
        ) : null}
        <dt>{t('notify.field.services')}</dt>
        <dd>
          {p.services.length
            ? formatListParts(lang, p.services).map(({ item: s, separator }) =>
                s ? (
                  <a key={s.id} href={href(`/console/services/${s.id}`)}>
                    {pick(lang, s, 'name')}
                  </a>
                ) : (
                  separator
                ),
              )
            : '—'}
        </dd>
      </dl>
      <Actions {...p} />
      <When a={p.a} />
      <div class="grid">
        {(['ar', 'en'] as const).map((l) => (
          <section key={l} class="card" lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} aria-labelledby={`content-${l}`}>
            <h2 id={`content-${l}`}>{l === 'ar' ? p.a.title_ar : p.a.title_en}</h2>
            {(l === 'ar' ? p.a.body_ar : p.a.body_en)
              .split(/\n\s*\n/)
              .filter((x) => x.trim())
              .map((x, i) => (
                <p key={i}>{x}</p>
              ))}
          </section>
        ))}
      </div>
      {p.audience ? <Audience rows={p.audience} /> : null}
      {p.report ? <Report r={p.report} /> : null}
    </Layout>
  );
}
