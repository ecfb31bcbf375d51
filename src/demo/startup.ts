import { systemCtx } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { DEMO_PASSWORD, demoUsers, isEmpty, loadDemo } from './demo.ts';

/** The banner `yusr serve` prints on every production start while DEMO_DATA=on. */
export const PRODUCTION_DEMO_WARNING = [
  '!!! WARNING: DEMO_DATA=on in production.',
  `!!! The demo accounts (${demoUsers.map((u) => u.email).join(', ')}) use the published password ${DEMO_PASSWORD}.`,
  '!!! Anyone who has read the README can sign in as a program administrator.',
  '!!! Remove DEMO_DATA=on and delete or deactivate those accounts before real use.',
].join('\n');

/**
 * What `yusr serve` does about demo data at start: loads it into an empty database when the
 * resolved setting asks for it (never in production unless DEMO_DATA=on), and warns loudly on
 * every production start where it was asked for. Returns whether the demo accounts are in use.
 */
export async function demoDataOnStart(deps: Deps, warn: (text: string) => void): Promise<{ loaded: boolean; announce: boolean }> {
  const setting = deps.config.demoData;
  if (setting === 'off') return { loaded: false, announce: false };
  if (deps.config.env === 'production') {
    warn(PRODUCTION_DEMO_WARNING);
    deps.log.warn({ demoData: setting }, 'demo data enabled in production: demo accounts use a published password');
  }
  if (!(await isEmpty(deps))) return { loaded: false, announce: true };
  const counts = await loadDemo(deps, systemCtx('demo'));
  deps.log.info(counts, 'demo data loaded');
  return { loaded: true, announce: true };
}
