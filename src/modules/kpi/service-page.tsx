import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { servicePageExtensions } from '../catalog/public.ts';
import { lastMonthOf } from './kpi.repo.ts';

/** A link from catalog's public service page to the service's performance page, once it has figures. */
export const performanceLink = fill(servicePageExtensions, {
  name: 'kpi',
  order: 46,
  load: (deps, props) => lastMonthOf(deps.db, props.serviceId),
  render: (month, props) => (month ? <PerformanceLink identifier={props.identifier} /> : null),
});

function PerformanceLink({ identifier }: { identifier: string }) {
  const { t, href } = usePage();
  return (
    <section class="panel" aria-labelledby="performance-h">
      <h2 id="performance-h">{t('kpi.box.title')}</h2>
      <p>{t('kpi.box.lead')}</p>
      <p>
        <a href={href(`/performance/${identifier}`)}>{t('kpi.box.link')}</a>
      </p>
    </section>
  );
}
