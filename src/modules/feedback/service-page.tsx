import { fill } from '../../platform/views/extensions.ts';
import { servicePageExtensions } from '../catalog/public.ts';
import { serviceFeedback } from './public.service.ts';
import { ServiceFeedbackSection } from './views/service-feedback.views.tsx';

/** Adds feedback's section to catalog's public service page; catalog knows nothing of feedback. */
export const servicePageSection = fill(servicePageExtensions, {
  name: 'feedback',
  order: 50,
  load: (deps, props) => serviceFeedback(deps, props.serviceId, props.agencyId),
  render: (data, props) => <ServiceFeedbackSection data={data} identifier={props.identifier} />,
});
