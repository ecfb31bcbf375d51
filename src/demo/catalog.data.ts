import type { GroupSpec } from './catalog/types.ts';
import { businessGroups } from './catalog/vocab-business.ts';
import { civilGroups } from './catalog/vocab-civil.ts';
import { educationGroups } from './catalog/vocab-education.ts';
import { financeGroups } from './catalog/vocab-finance.ts';
import { foodDrugGroups } from './catalog/vocab-food-drug.ts';
import { healthGroups } from './catalog/vocab-health.ts';
import { housingGroups } from './catalog/vocab-housing.ts';
import { interiorGroups } from './catalog/vocab-interior.ts';
import { justiceGroups } from './catalog/vocab-justice.ts';
import { labourGroups } from './catalog/vocab-labour.ts';
import { municipalGroups } from './catalog/vocab-municipal.ts';
import { travelGroups } from './catalog/vocab-travel.ts';
import { utilityGroups } from './catalog/vocab-utilities.ts';

/**
 * Domain vocabularies of the demo e-service catalog, one or more groups per agency. Each group
 * lists hand-written services and objects crossed with the verbs that make sense for them; the
 * generator (catalog.generate.ts) expands them into about a thousand bilingual services.
 */
export const catalogGroups: GroupSpec[] = [
  ...interiorGroups,
  ...civilGroups,
  ...healthGroups,
  ...foodDrugGroups,
  ...educationGroups,
  ...labourGroups,
  ...businessGroups,
  ...financeGroups,
  ...justiceGroups,
  ...municipalGroups,
  ...housingGroups,
  ...travelGroups,
  ...utilityGroups,
];
