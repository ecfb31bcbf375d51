/**
 * A schema.org GovernmentService for embedding in the public service page
 * (`<script type="application/ld+json">`), in the page's language.
 */
import { type AgencyLike, type Bilingual, type ExportService, findTerm, ids, schemes, type TermLike, trimBase } from './vocab.ts';

const COUNTRY: Bilingual = { ar: 'المملكة العربية السعودية', en: 'Saudi Arabia' };

export function serviceToSchemaOrg(
  service: ExportService,
  agency: AgencyLike,
  baseUrl: string,
  lang: 'ar' | 'en',
  terms?: Map<string, TermLike>,
): Record<string, unknown> {
  const base = trimBase(baseUrl);
  const d = service.data;
  const label = (scheme: keyof typeof schemes, code: string) => (schemes[scheme].labels as Record<string, Bilingual>)[code]?.[lang] ?? code;
  const categoryName = (code: string) => {
    const t = terms && findTerm(terms, 'category', code);
    return t ? (lang === 'ar' ? t.name_ar : t.name_en) : code;
  };

  const provider: Record<string, unknown> = {
    '@type': 'GovernmentOrganization',
    '@id': ids.agency(base, agency.code),
    name: lang === 'ar' ? agency.name_ar : agency.name_en,
    identifier: agency.code,
  };
  if (agency.website) provider.url = agency.website;
  if (agency.email) provider.email = agency.email;
  if (agency.phone) provider.telephone = agency.phone;
  const address = lang === 'ar' ? (agency.address_ar ?? agency.address_en) : (agency.address_en ?? agency.address_ar);
  if (address) provider.address = { '@type': 'PostalAddress', streetAddress: address, addressCountry: 'SA' };

  const out: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': ids.service(base, service.identifier),
    identifier: service.identifier,
    name: d.name[lang],
    description: d.description[lang],
    url: `${base}/${lang}/services/${encodeURIComponent(service.identifier)}`,
    provider,
    serviceOperator: { '@id': ids.agency(base, agency.code) },
    areaServed: { '@type': 'Country', name: COUNTRY[lang], identifier: 'SA' },
    audience: d.audiences.map((a) => ({
      '@type': a === 'businesses' ? 'BusinessAudience' : 'Audience',
      audienceType: label('audience', a),
    })),
    availableChannel: d.channels.map((c) => {
      const ch: Record<string, unknown> = { '@type': 'ServiceChannel', name: label('channel-type', c.type) };
      if (c.url) ch.serviceUrl = c.url;
      if (c.phone) ch.servicePhone = { '@type': 'ContactPoint', telephone: c.phone };
      const hours = c.hours?.[lang] || label('availability', c.availability);
      ch.description = hours;
      ch.availableLanguage = [
        { '@type': 'Language', name: 'Arabic', alternateName: 'ar' },
        { '@type': 'Language', name: 'English', alternateName: 'en' },
      ];
      return ch;
    }),
  };
  if (d.categories.length) out.serviceType = d.categories.map(categoryName).join(lang === 'ar' ? '، ' : ', ');
  if (d.fees.length)
    out.offers = d.fees.map((f) => {
      const offer: Record<string, unknown> = { '@type': 'Offer', price: f.amount, priceCurrency: f.currency };
      const desc = f.description?.[lang];
      if (desc) offer.description = desc;
      return offer;
    });
  if (d.outputs.length) out.serviceOutput = d.outputs.map((o) => ({ '@type': 'Thing', name: o[lang] }));
  return out;
}

/** JSON for a `<script type="application/ld+json">` element: `<` is escaped so `</script>` cannot end it. */
export function jsonLdScriptContent(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
