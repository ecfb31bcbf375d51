import type { SampleBuilder } from './types.ts';

/** The pages about the service (shipped text) and the office's list and form. */
const samples: SampleBuilder = async () => ({
  '/privacy': '/privacy',
  '/accessibility': '/accessibility',
  '/contact': '/contact',
  '/help': '/help',
  '/console/site': '/console/site',
  '/console/site/:key': '/console/site/privacy',
});
export default samples;
