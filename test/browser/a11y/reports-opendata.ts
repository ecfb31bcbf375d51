import type { SampleBuilder } from './types.ts';

/** The open-data page: it lists whatever the installed modules' figure providers publish, and the CPSV-AP export. */
const samples: SampleBuilder = async () => ({
  '/open-data': '/open-data',
});
export default samples;
