// Catalog's test port: what tests and benchmarks outside this module use to create and publish
// services and to reach the search index. Only *.test.ts files, test/** and bench/** may import it
// (test/module-boundaries.test.ts); application code goes through public.ts.

/** Taxonomy terms written straight through the repository. */
export { upsertTerm } from './catalog.repo.ts';
/** The service record's input schema and type. */
export { type ServiceDataInput, serviceData } from './catalog.schema.ts';
/** The app's search index (tests wait for it; the benchmark measures it). */
export { CatalogSearch, catalogSearch, serviceSearchDoc, serviceSearchFields } from './catalog.search.ts';
/** Services created and published inside the caller's transaction; drafts saved and sent for review as the console does. */
export { catalogChanged, createInTransaction, publishInTransaction, requestReview, saveDraft } from './catalog.service.ts';
/** Spreadsheet import: the columns and a record as a row. */
export { columns, dataToRow } from './io/columns.ts';
/** Starting an import (the console's), and the API's and CLI's import at once. */
export { importNow, startImport } from './io/imports.service.ts';
// The judged search sets' shared shape (test/helpers/blind-set.ts runs the blind sets).
export { type JudgedQuery, type QueryClass, queryClasses } from './search-quality/judged-queries.ts';
/** Synonym groups for search. */
export { addSynonymGroup } from './vocabulary.service.ts';
