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

/** What a module naming the services people use most is asked for. */
export interface PopularServicesProps {
  /** How many services to name, at most. */
  limit: number;
}

/**
 * Where a search found nothing, the page offers the services people use most: modules that count use
 * (service performance counts transactions) fill this point with service ids, most used first, from
 * their `load`; the catalog shows the live ones as its own cards.
 */
export const popularServices = extensionPoint<PopularServicesProps>('catalog.popular_services');
