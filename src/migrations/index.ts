import * as m0001 from './0001_platform.ts';
import * as m0002 from './0002_catalog.ts';
import * as m0003 from './0003_notify.ts';
import * as m0004 from './0004_feedback.ts';
import * as m0005 from './0005_measure.ts';
import * as m0006jobs from './0006_platform_job_ordering.ts';
import * as m0007changes from './0007_catalog_changes.ts';
import * as m0008lanes from './0008_platform_message_lanes.ts';
import * as m0009imports from './0009_catalog_imports.ts';
import * as m0010offers from './0010_identity_role_offers.ts';

/** Every migration, in order. Names sort lexically; never rename one that has shipped. */
export const migrations = {
  '0001_platform': m0001,
  '0002_catalog': m0002,
  '0003_notify': m0003,
  '0004_feedback': m0004,
  '0005_measure': m0005,
  '0006_platform_job_ordering': m0006jobs,
  '0007_catalog_changes': m0007changes,
  '0008_platform_message_lanes': m0008lanes,
  '0009_catalog_imports': m0009imports,
  '0010_identity_role_offers': m0010offers,
};
