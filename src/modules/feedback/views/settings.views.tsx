import { pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, DateTime, Pagination, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { rerouteStatusLabel } from '../feedback.labels.ts';
import type { listReroutes } from '../routing.service.ts';
import { FeedbackNav } from './parts.tsx';

function Check({ id, name, label, checked }: { id: string; name: string; label: string; checked: boolean }) {
  return (
    <div class="choice">
      <input type="checkbox" id={id} name={name} value="on" checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** Whether each agency's service pages show their CX summary; the program office may require it everywhere. */
export function SettingsPage(p: { agencies: { agency: Agency; show: boolean }[]; required: boolean; canRequire: boolean }) {
  const { t, lang, href } = usePage();
  return (
    <Layout title={t('feedback.settings.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.settings.title')} lead={t('feedback.settings.lead')} />
      <FeedbackNav current="/console/feedback/settings" />
      {p.canRequire ? (
        <form method="post" action={href('/console/feedback/settings/require')} class="stack panel">
          <Csrf />
          <Check id="f-required" name="required" label={t('feedback.field.require_summary')} checked={p.required} />
          <button type="submit" class="button">
            {t('action.save')}
          </button>
        </form>
      ) : p.required ? (
        <div class="notice" role="note">
          {t('feedback.settings.required_note')}
        </div>
      ) : null}
      {p.agencies.map(({ agency, show }) => (
        <form key={agency.id} method="post" action={href(`/console/feedback/settings/${agency.id}`)} class="stack panel">
          <h2>{pick(lang, agency, 'name')}</h2>
          <Csrf />
          <Check id={`f-show-${agency.id}`} name="show" label={t('feedback.field.show_summary')} checked={show} />
          <button type="submit" class="button secondary">
            {t('action.save')}
          </button>
        </form>
      ))}
    </Layout>
  );
}

type Reroute = Awaited<ReturnType<typeof listReroutes>>['items'][number];

/** Re-routing requests for the program office to approve or reject. */
export function ReroutesPage(p: { items: Reroute[]; hasNext: boolean; page: number; status: string; agencies: Agency[] }) {
  const { t, lang, href } = usePage();
  const names = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  return (
    <Layout title={t('feedback.reroutes.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.reroutes.title')} lead={t('feedback.reroutes.lead')} />
      <FeedbackNav current="/console/feedback/reroutes" />
      <p class="actions">
        {(['pending', 'approved', 'rejected'] as const).map((s) => (
          <a key={s} href={href(`/console/feedback/reroutes?status=${s}`)} aria-current={p.status === s ? 'page' : undefined}>
            {t(rerouteStatusLabel[s])}
          </a>
        ))}
      </p>
      {p.items.length === 0 ? <p>{t('feedback.reroutes.empty')}</p> : null}
      {p.items.map((r) => (
        <section key={r.id} class="panel" aria-labelledby={`rr-${r.id}`}>
          <h2 id={`rr-${r.id}`}>
            <a href={href(`/console/feedback/cases/${r.case_id}`)} class="ltr">
              {r.tracking_no}
            </a>{' '}
            — {r.subject}
          </h2>
          <p>{t('feedback.reroutes.from_to', { from: names.get(r.from_agency_id) ?? '—', to: names.get(r.to_agency_id) ?? '—' })}</p>
          <p>{r.reason}</p>
          <p class="muted">
            {r.requested_by} — <DateTime value={r.requested_at} withTime />
          </p>
          {r.status === 'pending' ? (
            <form method="post" action={href(`/console/feedback/reroutes/${r.id}`)} class="filters">
              <Csrf />
              <div class="field">
                <label for={`f-note-${r.id}`}>{t('feedback.field.decision_note')}</label>
                <input type="text" id={`f-note-${r.id}`} name="note" />
              </div>
              <button type="submit" name="decision" value="approve" class="button">
                {t('feedback.reroutes.approve')}
              </button>
              <button type="submit" name="decision" value="reject" class="button secondary">
                {t('feedback.reroutes.reject')}
              </button>
            </form>
          ) : (
            <p>
              <Tag tone={r.status === 'approved' ? undefined : 'grey'}>{t(rerouteStatusLabel[r.status])}</Tag> {r.decided_by}{' '}
              {r.note ? `— ${r.note}` : ''}
            </p>
          )}
        </section>
      ))}
      <Pagination page={p.page} hasNext={p.hasNext} query={{ status: p.status }} />
    </Layout>
  );
}
