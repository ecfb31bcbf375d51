import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.ts';

/** The pages about the service itself that the program office words. */
export const pageKeys = ['privacy', 'accessibility', 'contact', 'help'] as const;
export type PageKey = (typeof pageKeys)[number];

/** The office's wording of one page; without a row the page shows the text Yusr ships with. */
export interface SitePagesTable {
  id: Generated<number>;
  key: PageKey;
  title_ar: string;
  title_en: string;
  body_ar: string;
  body_en: string;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface SiteTables {
  site_pages: SitePagesTable;
}
