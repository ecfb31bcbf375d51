import { fill } from '../../platform/views/extensions.ts';
import { servicePageExtensions } from '../catalog/public.ts';
import * as repo from './availability.repo.ts';
import { ServiceStatusBox } from './views/status.views.tsx';

/**
 * Adds the service's state now and a link to its status page to catalog's public service page, for
 * a service with probes (catalog knows nothing of availability; its page cache keeps this 30 s at most).
 */
export const serviceStatusBox = fill(servicePageExtensions, {
  name: 'availability',
  order: 45,
  load: async (deps, props) => {
    const probes = await repo.listProbes(deps.db, { serviceId: props.serviceId });
    if (probes.length === 0) return null;
    const open = await repo.listIncidents(deps.db, { serviceId: props.serviceId, status: 'open' }, 1);
    const ok = probes.every((p) => p.last_ok === null) ? null : probes.every((p) => p.last_ok !== 0) ? 1 : 0;
    return { ok, open: open.length > 0 };
  },
  render: (d, props) => (d ? <ServiceStatusBox identifier={props.identifier} ok={d.ok} open={d.open} /> : null),
});
