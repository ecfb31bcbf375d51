import type { MessageKey } from '../../../messages.ts';
import { usePage } from '../../../platform/views/context.ts';

const links: [string, MessageKey][] = [
  ['/console/privacy', 'privacy.register.title'],
  ['/console/privacy/requests', 'privacy.requests.title'],
  ['/console/privacy/retention', 'privacy.retention.title'],
  ['/console/privacy/access', 'privacy.access.title'],
  ['/console/privacy/breaches', 'privacy.breaches.title'],
];

/** Links between the privacy office's pages, shown on each of them. */
export function OfficeNav({ current }: { current: string }) {
  const { t, href } = usePage();
  return (
    <nav class="subnav" aria-label={t('privacy.office.nav')}>
      <ul>
        {links.map(([path, label]) => (
          <li key={path}>
            <a href={href(path)} aria-current={current === path ? 'page' : undefined}>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
