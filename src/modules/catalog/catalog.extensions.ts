import { extensionPoint } from '../../platform/views/extensions.ts';
import type { ServiceData } from './catalog.schema.ts';

/** What a module adding to a public service page knows about the service. */
export interface ServicePageProps {
  serviceId: number;
  identifier: string;
  agencyId: number;
  data: ServiceData;
}

/** Content other modules add below the "Start" button of a public service page. */
export const servicePageExtensions = extensionPoint<ServicePageProps>('catalog.service_page');
