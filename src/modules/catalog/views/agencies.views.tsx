import { pick } from '../../../platform/i18n/i18n.ts';
import { telHref } from '../../../platform/phone/phone.ts';
import { Breadcrumbs, Pagination, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { agencyKindLabel } from '../../identity/public.ts';
import type { ServiceCard } from '../catalog.search.ts';
import { ServiceCardList } from './cards.tsx';

export function PublicAgenciesPage({ agencies, counts }: { agencies: Agency[]; counts: Record<string, number> }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const sorted = [...agencies].sort((a, b) => pick(lang, a, 'name').localeCompare(pick(lang, b, 'name'), lang));
  return (
    <Layout title={t('agency.public.title')} nav="/agencies">
      <PageHeading title={t('agency.public.title')} lead={t('agency.public.lead')} />
      <ul class="cards grid">
        {sorted.map((a) => (
          <li class="card" key={a.id}>
            <h2>
              <a href={href(`/agencies/${a.code}`)}>{pick(lang, a, 'name')}</a>
            </h2>
            <p class="muted">{label(agencyKindLabel, a.kind)}</p>
            <p>{t('portal.services_count', { count: counts[a.code] ?? 0 })}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function PublicAgencyPage(p: {
  agency: Agency;
  parent?: Agency;
  children: Agency[];
  cards: ServiceCard[];
  total: number;
  page: number;
  perPage: number;
}) {
  const { t, href, lang } = usePage();
  const a = p.agency;
  const name = pick(lang, a, 'name');
  return (
    <Layout title={name} nav="/agencies">
      <Breadcrumbs items={[{ href: '/agencies', label: t('agency.public.title') }, { label: name }]} />
      <PageHeading title={name} caption={p.parent ? t('agency.public.parent', { name: pick(lang, p.parent, 'name') }) : undefined} />
      <section class="panel" aria-labelledby="contact-h">
        <h2 id="contact-h">{t('agency.public.contact')}</h2>
        <dl class="summary">
          {a.website ? (
            <>
              <dt>{t('field.website')}</dt>
              <dd>
                <a href={a.website} class="ltr">
                  {a.website}
                </a>
              </dd>
            </>
          ) : null}
          {a.phone ? (
            <>
              <dt>{t('field.phone')}</dt>
              <dd>
                <a href={telHref(a.phone)} class="ltr">
                  {a.phone}
                </a>
              </dd>
            </>
          ) : null}
          {a.email ? (
            <>
              <dt>{t('field.email')}</dt>
              <dd>
                <a href={`mailto:${a.email}`} class="ltr">
                  {a.email}
                </a>
              </dd>
            </>
          ) : null}
          {pick(lang, a, 'address') ? (
            <>
              <dt>{t('field.address')}</dt>
              <dd>{pick(lang, a, 'address')}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {p.children.length ? (
        <section aria-labelledby="children-h">
          <h2 id="children-h">{t('agency.public.children')}</h2>
          <ul>
            {p.children.map((c) => (
              <li key={c.id}>
                <a href={href(`/agencies/${c.code}`)}>{pick(lang, c, 'name')}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="services-h">
        <h2 id="services-h">
          {t('agency.public.services')} <span class="muted">({t('portal.services_count', { count: p.total })})</span>
        </h2>
        <ServiceCardList cards={p.cards} agencyName={() => name} />
        <Pagination page={p.page} hasNext={p.page * p.perPage < p.total} query={{}} />
      </section>
    </Layout>
  );
}
