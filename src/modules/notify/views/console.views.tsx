import { type Actor, hasRole } from '../../../platform/auth/actor.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  Select,
  Tag,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { Announcement } from '../announcements.repo.ts';
import { kindLabel, statusCountLabel, statusLabel, weekdayLabel } from '../notify.labels.ts';
import type { LaunchCheck } from '../notify.metrics.ts';
import { notifyPolicy } from '../notify.policy.ts';
import type { DigestSettings } from '../notify.schema.ts';
import { announcementKinds, announcementStatuses } from '../notify.tables.ts';
import { kindTone } from './public.views.tsx';

/** Whether to offer "New announcement" (the program office's readers only read). */
const canWrite = (a: Actor) => hasRole(a, 'program_admin', 'agency_admin', 'agency_editor');

const statusTone = (s: Announcement['status']) => (s === 'published' ? undefined : s === 'pending' ? 'amber' : 'grey');

/** An announcement's status as a coloured tag. */
export function StatusTag({ status }: { status: Announcement['status'] }) {
  const { t } = usePage();
  return <Tag tone={statusTone(status)}>{t(statusLabel[status])}</Tag>;
}

const percent = (rate: number | null, num: (n: number, o?: Intl.NumberFormatOptions) => string) =>
  rate === null ? '—' : num(rate, { style: 'percent', maximumFractionDigits: 1 });

export interface DashboardProps {
  period: { from: string; to: string };
  agencies: Agency[];
  agencyId?: number;
  national: boolean;
  rate: { launched: number; silent: number; rate: number | null };
  launches: (LaunchCheck & { draft_id: number | null })[];
  byAgency?: { agency_id: number; launched: number; silent: number; rate: number }[];
  counts: Partial<Record<Announcement['status'], number>>;
  followers: number;
  settings?: DigestSettings;
  canBrand: boolean;
  logoUrl?: string;
  errors?: Errors;
}

function SilentLaunches(p: DashboardProps) {
  const { t, href, lang, num, actor } = usePage();
  const name = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  const silent = p.launches.filter((l) => l.announcement_id === null);
  return (
    <section aria-labelledby="silent-h">
      <h2 id="silent-h">{t('notify.dash.silent')}</h2>
      <div class="grid">
        <div class="card">
          <span class="stat">{percent(p.rate.rate, num)}</span>
          {p.national && !p.agencyId ? t('notify.dash.rate_national') : t('notify.dash.rate_agency')}
        </div>
        <div class="card">
          <span class="stat">{num(p.rate.silent)}</span>
          {t('notify.dash.silent_of', { launched: p.rate.launched })}
        </div>
      </div>
      <p class="hint">{t('notify.dash.rate_hint')}</p>
      <DataTable
        caption={t('notify.dash.silent_list')}
        headers={[
          t('notify.field.service'),
          t('field.agency'),
          t('notify.dash.launched_at'),
          t('field.status'),
          { hidden: t('list.actions') },
        ]}
        empty={silent.length === 0}
      >
        {silent.slice(0, 100).map((l) => (
          <tr key={`${l.service_id}-${l.launched_at}`}>
            <td>
              <a href={href(`/services/${l.identifier}`)}>{lang === 'ar' ? l.name_ar : l.name_en}</a>
            </td>
            <td>{name.get(l.agency_id) ?? ''}</td>
            <td>
              <DateTime value={l.launched_at} />
            </td>
            <td>
              {l.in_grace ? <Tag tone="amber">{t('notify.dash.in_grace')}</Tag> : <Tag tone="red">{t('notify.dash.silent_tag')}</Tag>}
            </td>
            <td>
              {l.draft_id ? (
                <a href={href(`/console/announcements/${l.draft_id}`)}>{t('notify.dash.open_draft')}</a>
              ) : notifyPolicy.draft(actor, l.agency_id) ? (
                <a href={href(`/console/announcements/new?agency=${l.agency_id}&service=${l.service_id}&kind=launch`)}>
                  {t('notify.dash.write')}
                </a>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function ByAgency({ rows, agencies }: { rows: NonNullable<DashboardProps['byAgency']>; agencies: Agency[] }) {
  const { t, lang, num, href } = usePage();
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return (
    <section aria-labelledby="by-agency-h">
      <h2 id="by-agency-h">{t('notify.dash.by_agency')}</h2>
      <DataTable
        caption={t('notify.dash.by_agency')}
        headers={[t('field.agency'), t('notify.dash.launched'), t('notify.dash.silent_count'), t('notify.dash.rate')]}
        empty={rows.length === 0}
      >
        {rows.map((r) => (
          <tr key={r.agency_id}>
            <td>
              <a href={href(`/console/notify?agency=${r.agency_id}`)}>
                {byId.get(r.agency_id) ? pick(lang, byId.get(r.agency_id) as Agency, 'name') : r.agency_id}
              </a>
            </td>
            <td class="num">{num(r.launched)}</td>
            <td class="num">{num(r.silent)}</td>
            <td class="num">{percent(r.rate, num)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** The agency's (or the nation's) notify dashboard: silent launches flagged and counted, work waiting, settings. */
export function DashboardPage(p: DashboardProps) {
  const { t, href, lang, num, actor } = usePage();
  const agencyQuery = p.agencyId ? `&agency=${p.agencyId}` : '';
  return (
    <Layout title={t('notify.dash.title')} nav="/console/notify">
      <PageHeading title={t('notify.dash.title')} lead={t('notify.dash.lead')} />
      <ErrorSummary errors={p.errors} />
      <FilterForm action="/console/notify">
        <Field name="from" type="date" label={t('filters.from')} value={p.period.from} />
        <Field name="to" type="date" label={t('filters.to')} value={p.period.to} />
        {p.agencies.length > 1 ? (
          <Select
            name="agency"
            label={t('field.agency')}
            value={p.agencyId ? String(p.agencyId) : undefined}
            blank={p.national ? t('notify.dash.all_agencies') : undefined}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
      </FilterForm>
      <div class="grid">
        {(['pending', 'scheduled', 'draft', 'published'] as const).map((s) => (
          <div class="card" key={s}>
            <span class="stat">{num(p.counts[s] ?? 0)}</span>
            <a href={href(`/console/announcements?status=${s}${agencyQuery}`)}>{t(statusCountLabel[s])}</a>
          </div>
        ))}
        <div class="card">
          <span class="stat">{num(p.followers)}</span>
          {p.agencyId ? t('notify.dash.followers') : t('notify.dash.subscribers')}
        </div>
      </div>
      {canWrite(actor) ? (
        <p>
          <a class="button" href={href(`/console/announcements/new${p.agencyId ? `?agency=${p.agencyId}` : ''}`)}>
            {t('notify.ann.new')}
          </a>
        </p>
      ) : null}
      <SilentLaunches {...p} />
      {p.byAgency ? <ByAgency rows={p.byAgency} agencies={p.agencies} /> : null}
      {p.canBrand && p.agencyId ? (
        <form method="post" action={href(`/console/notify/branding/${p.agencyId}`)} encType="multipart/form-data" class="panel stack">
          <Csrf />
          <h2>{t('notify.dash.branding')}</h2>
          {p.logoUrl ? (
            <img src={p.logoUrl} alt={t('notify.dash.logo_current')} width={64} height={64} />
          ) : (
            <p>{t('notify.dash.no_logo')}</p>
          )}
          <Field
            name="logo"
            type="file"
            label={t('notify.dash.logo')}
            hint={t('notify.dash.logo_hint')}
            accept="image/png,image/jpeg,image/gif"
            errors={p.errors}
          />
          <button type="submit" class="button secondary">
            {t('notify.dash.logo_submit')}
          </button>
        </form>
      ) : null}
      {p.settings ? (
        <form method="post" action={href('/console/notify/settings')} class="panel stack">
          <Csrf />
          <h2>{t('notify.dash.digests')}</h2>
          <p class="hint">{t('notify.dash.digests_hint')}</p>
          <Field
            name="daily_time"
            type="text"
            label={t('notify.dash.daily_time')}
            hint={t('notify.dash.daily_time_hint')}
            value={p.settings.daily_time}
            errors={p.errors}
            dir="ltr"
            inputMode="numeric"
          />
          <Select
            name="weekly_day"
            label={t('notify.dash.weekly_day')}
            value={p.settings.weekly_day}
            errors={p.errors}
            options={Object.entries(weekdayLabel).map(([d, key]) => ({ value: d, label: t(key) }))}
          />
          <button type="submit" class="button secondary">
            {t('action.save')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** The console list of announcements, filtered; agency staff see their own agency's only. */
export function AnnouncementsListPage(p: {
  items: Announcement[];
  agencies: Agency[];
  page: number;
  hasNext: boolean;
  filters: Record<string, string | undefined>;
}) {
  const { t, href, lang, actor } = usePage();
  const name = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  return (
    <Layout title={t('notify.ann.list_title')} nav="/console/notify">
      <PageHeading title={t('notify.ann.list_title')} lead={t('notify.ann.list_lead')} />
      {canWrite(actor) ? (
        <p>
          <a class="button" href={href('/console/announcements/new')}>
            {t('notify.ann.new')}
          </a>
        </p>
      ) : null}
      <FilterForm action="/console/announcements">
        <Select
          name="status"
          label={t('field.status')}
          value={p.filters.status}
          blank={t('filters.any')}
          options={announcementStatuses.map((s) => ({ value: s, label: t(statusLabel[s]) }))}
        />
        <Select
          name="kind"
          label={t('notify.field.kind')}
          value={p.filters.kind}
          blank={t('filters.any')}
          options={announcementKinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
        />
        {p.agencies.length > 1 ? (
          <Select
            name="agency"
            label={t('field.agency')}
            value={p.filters.agency}
            blank={t('filters.any')}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
      </FilterForm>
      <DataTable
        caption={t('notify.ann.list_title')}
        headers={[t('notify.field.title'), t('field.agency'), t('notify.field.kind'), t('field.status'), t('field.updated_at')]}
        empty={p.items.length === 0}
      >
        {p.items.map((a) => (
          <tr key={a.id}>
            <td>
              <a href={href(`/console/announcements/${a.id}`)}>{pick(lang, a, 'title')}</a>
              {a.origin === 'auto' ? <div class="muted">{t('notify.ann.auto')}</div> : null}
            </td>
            <td>{name.get(a.agency_id) ?? a.agency_id}</td>
            <td>
              <Tag tone={kindTone(a.kind)}>{t(kindLabel[a.kind])}</Tag>
            </td>
            <td>
              <StatusTag status={a.status} />
            </td>
            <td>
              <DateTime value={a.status === 'published' ? a.published_at : a.updated_at} withTime />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}
