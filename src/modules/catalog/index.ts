import type { FastifyInstance } from 'fastify';
import { registerPages } from '../../platform/http/pages.ts';
import { portalPages } from './portal.pages.tsx';

/** The national e-service catalog and its public portal. */
export async function catalogModule(app: FastifyInstance): Promise<void> {
  await registerPages(app, portalPages);
}
