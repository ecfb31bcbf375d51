import * as m0001 from './0001_platform.ts';
import * as m0002 from './0002_catalog.ts';

/** Every migration, in order. Names sort lexically; never rename one that has shipped. */
export const migrations = {
  '0001_platform': m0001,
  '0002_catalog': m0002,
};
