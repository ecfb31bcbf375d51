import type { Lang } from '../../../platform/i18n/i18n.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { audienceLabel, availabilityLabel, channelTypeLabel, compareFieldLabel, lifecycleLabel, maturityLabel } from '../catalog.labels.ts';
import type { ServiceRow, TermRow } from '../catalog.repo.ts';
import type { ServiceData } from '../catalog.schema.ts';
import type { FieldChange } from '../catalog.service.ts';
import { formatDuration, formatMoney } from '../format.ts';

/** One line of a field's value as a person reads it; `key` tells whether the same item is in the other version. */
interface Item {
  key: string;
  text: string;
  /** The same item in the other language, when the record holds both. */
  other?: string;
}

type Bi = { ar: string; en: string };
const otherLang = (lang: Lang): Lang => (lang === 'ar' ? 'en' : 'ar');

/** A field's value as lines in the page's language (the other language beside it), never JSON. */
function useItems(terms: TermRow[]) {
  const { t, lang } = usePage();
  const label = useLabel();
  const bi = (key: string, v: Bi): Item => ({ key, text: v[lang], other: v[otherLang(lang)] });
  const term = (code: string) => {
    const row = terms.find((x) => x.code === code);
    return { key: code, text: row ? pick(lang, row, 'name') : code };
  };
  return (field: keyof ServiceData, value: unknown): Item[] => {
    if (value === undefined || value === null) return [];
    switch (field) {
      case 'name':
      case 'description':
        return [bi(JSON.stringify(value), value as Bi)];
      case 'audiences':
        return (value as ServiceData['audiences']).map((a) => ({ key: a, text: label(audienceLabel, a) }));
      case 'categories':
      case 'life_events':
      case 'business_events':
        return (value as string[]).map(term);
      case 'channels':
        return (value as ServiceData['channels']).map((c) => ({
          key: JSON.stringify(c),
          text: [label(channelTypeLabel, c.type), c.url ?? c.phone, label(availabilityLabel, c.availability), c.hours?.[lang]]
            .filter(Boolean)
            .join(' — '),
        }));
      case 'requirements':
      case 'outputs':
        return (value as Bi[]).map((x) => bi(JSON.stringify(x), x));
      case 'documents':
        return (value as ServiceData['documents']).map((d) => bi(JSON.stringify(d), d.name));
      case 'fees':
        return (value as ServiceData['fees']).map((f) => ({
          key: JSON.stringify(f),
          text: [formatMoney(lang, f.amount, f.currency), f.channel ? label(channelTypeLabel, f.channel) : null, f.description?.[lang]]
            .filter(Boolean)
            .join(' — '),
        }));
      case 'legal_basis':
        return (value as ServiceData['legal_basis']).map((l) => ({
          key: JSON.stringify(l),
          text: l.url ? `${l.title[lang]} — ${l.url}` : l.title[lang],
          other: l.title[otherLang(lang)],
        }));
      case 'processing_time':
      case 'sla_target':
        return [{ key: String(value), text: formatDuration(lang, value as string) ?? String(value) }];
      case 'keywords': {
        const k = value as ServiceData['keywords'];
        return [...k.ar.map((w) => ({ key: `ar:${w}`, text: w })), ...k.en.map((w) => ({ key: `en:${w}`, text: w }))];
      }
      case 'maturity':
        return [{ key: String(value), text: label(maturityLabel, value as ServiceData['maturity']) }];
      case 'status':
        return [{ key: String(value), text: label(lifecycleLabel, value as ServiceData['status']) }];
      default:
        return [{ key: JSON.stringify(value), text: t('cservice.cmp.unreadable') }];
    }
  };
}

/** One version's side of a field: its lines, those missing from the other side marked removed or added. */
function Side({ title, items, other, mark }: { title: string; items: Item[]; other: Item[]; mark: 'del' | 'ins' }) {
  const { t, lang } = usePage();
  const theirs = new Set(other.map((i) => i.key));
  const Tag = mark;
  return (
    <div class="compare-side">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p class="muted">{t('cservice.cmp.empty')}</p>
      ) : (
        <ul>
          {items.map((i) => {
            const changed = !theirs.has(i.key);
            const body = (
              <>
                <span dir="auto">{i.text}</span>
                {i.other ? (
                  <span class="muted other-lang" lang={otherLang(lang)} dir="auto">
                    {i.other}
                  </span>
                ) : null}
              </>
            );
            return (
              <li key={i.key}>
                {changed ? (
                  <Tag>
                    <span class="visually-hidden">{t(mark === 'del' ? 'cservice.cmp.removed' : 'cservice.cmp.added')} </span>
                    {body}
                  </Tag>
                ) : (
                  body
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Two versions of a service field by field, in the page's language: what was removed and what was added. */
export function ComparePage(p: { row: ServiceRow; name: string; a: string; b: string; changes: FieldChange[]; terms: TermRow[] }) {
  const { t } = usePage();
  const label = useLabel();
  const items = useItems(p.terms);
  const vname = (v: string) => (v === 'draft' ? t('cservice.draft') : t('cservice.version_n', { version: Number(v) }));
  return (
    <Layout title={t('cservice.compare_title')} nav="/console/services">
      <Breadcrumbs
        items={[
          { href: '/console/services', label: t('cservice.list.title') },
          { href: `/console/services/${p.row.id}`, label: p.name },
          { label: t('cservice.compare_title') },
        ]}
      />
      <PageHeading title={t('cservice.compare_title')} lead={t('cservice.compare_with', { a: vname(p.a), b: vname(p.b) })} />
      {p.changes.length === 0 ? (
        <p>{t('cservice.no_changes')}</p>
      ) : (
        <>
          <p class="hint">{t('cservice.cmp.legend')}</p>
          {p.changes.map((c) => {
            const before = items(c.field, c.before);
            const after = items(c.field, c.after);
            return (
              <section class="panel compare-field" key={c.field}>
                <h2>{label(compareFieldLabel, c.field as keyof typeof compareFieldLabel)}</h2>
                <div class="compare-sides">
                  <Side title={vname(p.a)} items={before} other={after} mark="del" />
                  <Side title={vname(p.b)} items={after} other={before} mark="ins" />
                </div>
              </section>
            );
          })}
        </>
      )}
    </Layout>
  );
}
