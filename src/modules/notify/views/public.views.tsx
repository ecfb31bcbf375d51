import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DateTime, FilterForm, Pagination, Select, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Announcement } from '../announcements.repo.ts';
import { kindLabel } from '../notify.labels.ts';
import { announcementKinds } from '../notify.tables.ts';

type AgencyName = { id: number; code: string; name_ar: string; name_en: string };

const paragraphs = (body: string) => body.split(/\n\s*\n/).filter((x) => x.trim());

/** Dates an announcement is about (downtime from … to …), in Hijri and Gregorian. */
export function When({ a }: { a: Pick<Announcement, 'starts_at' | 'ends_at'> }) {
  const { t } = usePage();
  if (!a.starts_at) return null;
  return (
    <p>
      <strong>{a.ends_at ? t('notify.public.when') : t('notify.public.from')}</strong> <DateTime value={a.starts_at} withTime />
      {a.ends_at ? (
        <>
          {' '}
          {t('notify.public.until')} <DateTime value={a.ends_at} withTime />
        </>
      ) : null}
    </p>
  );
}

/** The tag colour of a kind: red for outages and retirements, amber for downtime. */
export const kindTone = (kind: Announcement['kind']) =>
  kind === 'outage' || kind === 'retirement' ? 'red' : kind === 'downtime' ? 'amber' : undefined;

/** The list of feeds, for people who prefer a reader or a calendar to email. */
export function FeedLinks({ links }: { links: { href: string; label: string; type: 'atom' | 'ics' }[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="feeds-h">
      <h2 id="feeds-h">{t('notify.public.feeds')}</h2>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} type={l.type === 'atom' ? 'application/atom+xml' : 'text/calendar'}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The public list of published announcements, with filters and feeds. */
export function AnnouncementsPage(p: {
  items: Announcement[];
  agencies: AgencyName[];
  page: number;
  hasNext: boolean;
  filters: Record<string, string | undefined>;
}) {
  const { t, href, lang } = usePage();
  const agency = new Map(p.agencies.map((a) => [a.id, a]));
  return (
    <Layout
      title={t('notify.public.title')}
      nav="/announcements"
      head={
        <link rel="alternate" type="application/atom+xml" href={`/feeds/${lang}/announcements.atom`} title={t('notify.public.feed_all')} />
      }
    >
      <PageHeading title={t('notify.public.title')} lead={t('notify.public.lead')} />
      <p>
        <a class="button" href={href('/subscribe')}>
          {t('notify.public.subscribe')}
        </a>
      </p>
      <FilterForm action="/announcements">
        <Select
          name="kind"
          label={t('notify.field.kind')}
          value={p.filters.kind}
          blank={t('filters.any')}
          options={announcementKinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
        />
        <Select
          name="agency"
          label={t('field.agency')}
          value={p.filters.agency}
          blank={t('filters.any')}
          options={p.agencies.map((a) => ({ value: a.code, label: pick(lang, a, 'name') }))}
        />
      </FilterForm>
      {p.items.length === 0 ? <p>{t('list.empty')}</p> : null}
      <ul class="cards">
        {p.items.map((a) => (
          <li class="card" key={a.id}>
            <h2>
              <a href={href(`/announcements/${a.id}`)}>{pick(lang, a, 'title')}</a>
            </h2>
            <p class="muted">
              <Tag tone={kindTone(a.kind)}>{t(kindLabel[a.kind])}</Tag>{' '}
              {agency.get(a.agency_id) ? pick(lang, agency.get(a.agency_id) as AgencyName, 'name') : ''}
              {' · '}
              <DateTime value={a.published_at} />
            </p>
            <When a={a} />
          </li>
        ))}
      </ul>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
      <FeedLinks
        links={[
          { href: `/feeds/${lang}/announcements.atom`, label: t('notify.public.feed_all'), type: 'atom' },
          { href: `/feeds/${lang}/downtime.ics`, label: t('notify.public.feed_downtime'), type: 'ics' },
        ]}
      />
    </Layout>
  );
}

/** One published announcement for anyone, with its services, subscribe box and feeds. */
export function AnnouncementPage(p: {
  a: Announcement;
  agency: AgencyName;
  services: { identifier: string; name_ar: string; name_en: string }[];
}) {
  const { t, href, lang } = usePage();
  const title = pick(lang, p.a, 'title');
  const agencyName = pick(lang, p.agency, 'name');
  return (
    <Layout
      title={title}
      nav="/announcements"
      description={pick(lang, p.a, 'body').slice(0, 300)}
      head={<link rel="alternate" type="application/atom+xml" href={`/feeds/${lang}/agencies/${p.agency.code}.atom`} title={agencyName} />}
    >
      <Breadcrumbs items={[{ href: '/announcements', label: t('notify.public.title') }, { label: title }]} />
      <p class="muted">
        <Tag tone={kindTone(p.a.kind)}>{t(kindLabel[p.a.kind])}</Tag> <a href={href(`/agencies/${p.agency.code}`)}>{agencyName}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">
        {t('notify.public.published')} <DateTime value={p.a.published_at} withTime />
      </p>
      <When a={p.a} />
      {paragraphs(pick(lang, p.a, 'body')).map((x, i) => (
        <p key={i}>{x}</p>
      ))}
      {p.services.length ? (
        <section aria-labelledby="services-h">
          <h2 id="services-h">{t('notify.public.services')}</h2>
          <ul>
            {p.services.map((s) => (
              <li key={s.identifier}>
                <a href={href(`/services/${s.identifier}`)}>{pick(lang, s, 'name')}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div class="panel">
        <p>{t('notify.public.subscribe_lead', { agency: agencyName })}</p>
        <a class="button" href={href(`/subscribe?agency=${p.agency.code}`)}>
          {t('notify.public.subscribe_agency')}
        </a>
      </div>
      <FeedLinks
        links={[
          {
            href: `/feeds/${lang}/agencies/${p.agency.code}.atom`,
            label: t('notify.public.feed_agency', { agency: agencyName }),
            type: 'atom',
          },
          ...p.services.map((s) => ({
            href: `/feeds/${lang}/services/${s.identifier}.atom`,
            label: t('notify.public.feed_service', { service: pick(lang, s, 'name') }),
            type: 'atom' as const,
          })),
        ]}
      />
    </Layout>
  );
}

/** The box on a public service page: subscribe, the feed, and the latest announcements about it. */
export function ServiceUpdatesBox(p: { identifier: string; name: { ar: string; en: string }; recent: Announcement[] }) {
  const { t, href, lang } = usePage();
  return (
    <section class="panel" aria-labelledby="updates-h">
      <h2 id="updates-h">{t('notify.box.title')}</h2>
      <p>{t('notify.box.lead', { service: p.name[lang] })}</p>
      {p.recent.length ? (
        <ul>
          {p.recent.map((a) => (
            <li key={a.id}>
              <a href={href(`/announcements/${a.id}`)}>{pick(lang, a, 'title')}</a>{' '}
              <span class="muted">
                (<DateTime value={a.published_at} />)
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="actions">
        <a class="button secondary" href={href(`/subscribe?service=${p.identifier}`)}>
          {t('notify.box.subscribe')}
        </a>
        <a href={`/feeds/${lang}/services/${p.identifier}.atom`} type="application/atom+xml">
          {t('notify.box.feed')}
        </a>
      </div>
    </section>
  );
}
