import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { formatList } from '../../../platform/i18n/lists.ts';
import { telHref } from '../../../platform/phone/phone.ts';
import { Breadcrumbs, DateTime, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { audienceLabel, availabilityLabel, channelTypeLabel, statusNoticeLabel } from '../catalog.labels.ts';
import type { ServiceData } from '../catalog.schema.ts';
import { formatDuration, formatMoney } from '../format.ts';
import { type Lookup, useFacetLabel } from './portal.views.tsx';

type Channel = ServiceData['channels'][number];

/**
 * The at-a-glance lists (fees, audiences, channels) as phrases, kept by language and items: ICU's
 * list formatter is slow beside the rest of the page, and a catalog repeats a few hundred such lists.
 */
const phrases = new Map<string, string>();
function listPhrase(lang: Lang, items: string[]): string {
  const key = `${lang}\u0000${items.join('\u0000')}`;
  let phrase = phrases.get(key);
  if (phrase === undefined) {
    phrase = formatList(lang, items);
    if (phrases.size >= 2000) phrases.clear();
    phrases.set(key, phrase);
  }
  return phrase;
}

/** The channel the "Start" button leads to: the web, then the app, then anything with a link. */
export function primaryChannel(d: ServiceData): Channel | undefined {
  return (
    d.channels.find((c) => c.type === 'web' && c.url) ??
    d.channels.find((c) => c.type === 'mobile' && c.url) ??
    d.channels.find((c) => c.url)
  );
}

function ChannelLine({ c }: { c: Channel }) {
  const { lang } = usePage();
  const label = useLabel();
  return (
    <li>
      <strong>{label(channelTypeLabel, c.type)}</strong>
      {' — '}
      {label(availabilityLabel, c.availability)}
      {c.hours?.[lang] ? <span>{` (${c.hours[lang]})`}</span> : null}
      {c.url ? (
        <div>
          <a href={c.url} class="ltr" rel="noopener">
            {c.url}
          </a>
        </div>
      ) : null}
      {c.phone ? (
        <div>
          <a href={telHref(c.phone)} class="ltr">
            {c.phone}
          </a>
        </div>
      ) : null}
    </li>
  );
}

/** The page a beneficiary acts on: start, who, what you need, fees, time, other channels, agency. */
export function ServicePage(p: {
  identifier: string;
  data: ServiceData;
  agency: Agency;
  publishedAt: string;
  lookup: Lookup;
  /** schema.org data for search engines; left out of a preview. */
  jsonLd?: unknown;
  extra?: preact.ComponentChildren;
  /** A notice above the page when staff preview a draft. */
  banner?: preact.ComponentChildren;
}) {
  const { t, lang, href } = usePage();
  const label = useLabel();
  const facet = useFacetLabel(p.lookup);
  const d = p.data;
  const name = d.name[lang];
  const start = primaryChannel(d);
  const agencyName = pick(lang, p.agency, 'name');
  const processing = formatDuration(lang, d.processing_time);
  const sla = formatDuration(lang, d.sla_target);
  const call = d.channels.find((c) => c.type === 'call_centre' && c.phone);
  const paid = d.fees.filter((f) => f.amount > 0);
  const fees =
    paid.length === 0
      ? t('service.free_tag')
      : listPhrase(lang, [...new Set(paid.map((f) => formatMoney(lang, f.amount, f.currency)))].slice(0, 3));
  const topics = [
    ...d.categories.map((c) => ['category', c]),
    ...d.life_events.map((c) => ['life_event', c]),
    ...d.business_events.map((c) => ['business_event', c]),
  ];
  return (
    <Layout
      title={name}
      nav="/services"
      description={d.description[lang].slice(0, 300)}
      head={
        p.jsonLd === undefined ? undefined : (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(p.jsonLd).replace(/</g, '\\u003c') }} />
        )
      }
    >
      {p.banner}
      <Breadcrumbs
        items={[{ href: '/', label: t('portal.home.title') }, { href: `/agencies/${p.agency.code}`, label: agencyName }, { label: name }]}
      />
      <p class="muted">
        <a href={href(`/agencies/${p.agency.code}`)}>{agencyName}</a>
      </p>
      <h1>{name}</h1>
      {d.status !== 'live' ? (
        <div class={`notice${d.status === 'beta' || d.status === 'planned' ? ' warn' : ' warn'}`} role="note">
          {t(statusNoticeLabel[d.status])}
        </div>
      ) : null}
      <p class="lead">{d.description[lang]}</p>
      <dl class="at-a-glance">
        <div>
          <dt>{t('service.fees')}</dt>
          <dd>{fees}</dd>
        </div>
        <div>
          <dt>{t('service.time')}</dt>
          <dd>{processing ?? sla ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('service.who')}</dt>
          <dd>
            {listPhrase(
              lang,
              d.audiences.map((a) => label(audienceLabel, a)),
            )}
          </dd>
        </div>
        <div>
          <dt>{t('service.channels')}</dt>
          <dd>{listPhrase(lang, [...new Set(d.channels.map((c) => label(channelTypeLabel, c.type)))])}</dd>
        </div>
      </dl>
      {d.status === 'live' || d.status === 'beta' ? (
        <div class="actions start-actions">
          {start?.url ? (
            <a class="button start" href={start.url} rel="noopener">
              {t('service.start')}{' '}
              <span class="visually-hidden">{t('service.start_on', { channel: label(channelTypeLabel, start.type) })}</span>
            </a>
          ) : call?.phone ? (
            <a class="button start" href={`tel:${call.phone.replace(/[^+0-9]/g, '')}`}>
              {t('service.call', { phone: call.phone })}
            </a>
          ) : d.channels[0] ? (
            <p>{t('service.visit', { channel: label(channelTypeLabel, d.channels[0].type) })}</p>
          ) : null}
        </div>
      ) : null}
      <div class="service-sections">
        <section aria-labelledby="who-h">
          <h2 id="who-h">{t('service.who')}</h2>
          <ul>
            {d.audiences.map((a) => (
              <li key={a}>{label(audienceLabel, a)}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="need-h">
          <h2 id="need-h">{t('service.what_you_need')}</h2>
          {d.requirements.length === 0 && d.documents.length === 0 ? <p>{t('service.no_requirements')}</p> : null}
          {d.requirements.length ? (
            <>
              <h3>{t('service.requirements')}</h3>
              <ul>
                {d.requirements.map((r, i) => (
                  <li key={i}>{r[lang]}</li>
                ))}
              </ul>
            </>
          ) : null}
          {d.documents.length ? (
            <>
              <h3>{t('service.documents')}</h3>
              <ul>
                {d.documents.map((doc, i) => (
                  <li key={i}>
                    {doc.name[lang]}
                    {doc.description?.[lang] ? <span class="muted"> — {doc.description[lang]}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section aria-labelledby="fees-h">
          <h2 id="fees-h">{t('service.fees')}</h2>
          {d.fees.length === 0 || d.fees.every((f) => f.amount === 0) ? (
            <p>{t('service.free')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('service.fee_amount')}</th>
                    <th scope="col">{t('service.fee_channel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.fees.map((f, i) => (
                    <tr key={i}>
                      <td>
                        {formatMoney(lang, f.amount, f.currency)}
                        {f.description?.[lang] ? <div class="muted">{f.description[lang]}</div> : null}
                      </td>
                      <td>{f.channel ? label(channelTypeLabel, f.channel) : t('service.fee_all_channels')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section aria-labelledby="time-h">
          <h2 id="time-h">{t('service.time')}</h2>
          {processing ? <p>{t('service.processing_time', { duration: processing })}</p> : null}
          {sla ? <p>{t('service.sla_target', { duration: sla })}</p> : null}
          {!processing && !sla ? <p>{t('service.time_unknown')}</p> : null}
        </section>
        {d.outputs.length ? (
          <section aria-labelledby="out-h">
            <h2 id="out-h">{t('service.outputs')}</h2>
            <ul>
              {d.outputs.map((o, i) => (
                <li key={i}>{o[lang]}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="channels-h">
          <h2 id="channels-h">{t('service.channels')}</h2>
          <ul class="channels">
            {d.channels.map((c, i) => (
              <ChannelLine key={i} c={c} />
            ))}
          </ul>
        </section>
        {d.legal_basis.length ? (
          <section aria-labelledby="legal-h">
            <h2 id="legal-h">{t('service.legal_basis')}</h2>
            <ul>
              {d.legal_basis.map((l, i) => (
                <li key={i}>{l.url ? <a href={l.url}>{l.title[lang]}</a> : l.title[lang]}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="agency-h" class="panel">
          <h2 id="agency-h">{t('service.agency')}</h2>
          <p>
            <a href={href(`/agencies/${p.agency.code}`)}>{agencyName}</a>
          </p>
          <ul class="contact">
            {p.agency.phone ? (
              <li>
                {t('field.phone')}:{' '}
                <a href={`tel:${p.agency.phone.replace(/[^+0-9]/g, '')}`} class="ltr">
                  {p.agency.phone}
                </a>
              </li>
            ) : null}
            {p.agency.email ? (
              <li>
                {t('field.email')}:{' '}
                <a href={`mailto:${p.agency.email}`} class="ltr">
                  {p.agency.email}
                </a>
              </li>
            ) : null}
            {p.agency.website ? (
              <li>
                {t('field.website')}:{' '}
                <a href={p.agency.website} class="ltr">
                  {p.agency.website}
                </a>
              </li>
            ) : null}
          </ul>
          <p>
            <a href={href(`/services?agency=${p.agency.code}`)}>{t('service.all_of_agency', { agency: agencyName })}</a>
          </p>
        </section>
        {topics.length ? (
          <section aria-labelledby="topics-h">
            <h2 id="topics-h">{t('service.topics')}</h2>
            <ul class="browse">
              {topics.map(([f, code]) => (
                <li key={f + code}>
                  <a href={href(`/services?${f}=${code}`)}>{facet(f, code)}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p class="muted">
          {t('service.last_changed')}: <DateTime value={p.publishedAt} />
        </p>
      </div>
      {/* Updates and feedback (notify's and feedback's boxes) after what a person needs to apply. */}
      {p.extra}
    </Layout>
  );
}
