import { Tag, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { lifecycleLabel, maturityLabel } from '../catalog.labels.ts';
import type { ServiceCard } from '../catalog.search.ts';

/** One service in a result list: name, agency, summary and the facts people filter by. */
export function ServiceCardItem({ card, agencyName }: { card: ServiceCard; agencyName: string }) {
  const { lang, href, t } = usePage();
  const label = useLabel();
  return (
    <li class="card service-card">
      <h3>
        <a href={href(`/services/${card.identifier}`)}>{lang === 'ar' ? card.name_ar : card.name_en}</a>
      </h3>
      <p class="muted">{agencyName}</p>
      <p>{lang === 'ar' ? card.summary_ar : card.summary_en}</p>
      <p class="tags">
        {card.status !== 'live' ? (
          <Tag tone={card.status === 'retired' || card.status === 'suspended' ? 'grey' : 'amber'}>{label(lifecycleLabel, card.status)}</Tag>
        ) : null}
        {card.online ? <Tag>{t('service.online_tag')}</Tag> : null}
        {card.free ? <Tag>{t('service.free_tag')}</Tag> : null}
        <Tag tone="grey">{label(maturityLabel, card.maturity)}</Tag>
      </p>
    </li>
  );
}

export function ServiceCardList({ cards, agencyName }: { cards: ServiceCard[]; agencyName: (c: ServiceCard) => string }) {
  return (
    <ul class="cards grid">
      {cards.map((c) => (
        <ServiceCardItem key={c.identifier} card={c} agencyName={agencyName(c)} />
      ))}
    </ul>
  );
}
