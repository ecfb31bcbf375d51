import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { fieldError } from '../../../platform/http/errors.ts';

/**
 * What one catalog import may cost, whatever the file claims. Each limit is checked before the
 * work it protects (docs/modules.md, "Import and export", lists them).
 */
export const IMPORT_LIMITS = {
  /** The uploaded file. */
  maxBytes: 5 * 1024 * 1024,
  /** Services per file: table rows after the heading, or cpsv:PublicService nodes. */
  maxRows: 10_000,
  /** Nesting of arrays and objects in a JSON-LD file (Yusr's own export nests 7 deep). */
  maxJsonDepth: 32,
  /** `@context` entries anywhere in a JSON-LD document, scoped contexts in term definitions included. */
  maxContexts: 10,
  /** Term definitions across all those contexts. */
  maxTerms: 1_000,
  /** An XLSX: everything inside it once inflated (10,000 rows of Yusr's export inflate to ~10 MB). */
  maxInflatedBytes: 16 * 1024 * 1024,
  /** An XLSX: files inside the zip. */
  maxZipEntries: 200,
  /** An XLSX: inflated size over compressed size (spreadsheets run about 10). */
  maxZipRatio: 100,
} as const;

/** Rows are planned and written this many at a time, with the event loop let through between batches. */
export const BATCH = 100;

type Entry = yauzl.Entry;
const fromBuffer = promisify(yauzl.fromBuffer) as (b: Buffer, o: yauzl.Options) => Promise<yauzl.ZipFile>;

function malformed(e: unknown): never {
  fieldError('file', 'validation.csv_malformed', { detail: (e as Error).message.slice(0, 200) });
}

/** Every entry of the zip's central directory (nothing is inflated). */
async function centralDirectory(file: Buffer): Promise<{ zip: yauzl.ZipFile; entries: Entry[] }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await fromBuffer(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (e) {
    malformed(e);
  }
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      entries.push(e);
      if (entries.length > IMPORT_LIMITS.maxZipEntries) {
        zip.close();
        resolve();
      } else zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  }).catch(malformed);
  return { zip, entries };
}

/**
 * Refuses an XLSX whose central directory declares too many files, too much inflated data or a
 * compression ratio no spreadsheet has (a zip bomb), before anything inflates it. Cheap: reads
 * the directory only, so the upload request runs it.
 */
export async function inspectXlsx(file: Buffer): Promise<void> {
  const { zip, entries } = await centralDirectory(file);
  zip.close();
  checkDeclared(entries, file.length);
}

function checkDeclared(entries: Entry[], fileBytes: number): void {
  const L = IMPORT_LIMITS;
  if (entries.length > L.maxZipEntries) fieldError('file', 'io.limit.zip_entries', { max: L.maxZipEntries });
  const inflated = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (inflated > L.maxInflatedBytes) fieldError('file', 'io.limit.inflated', { mb: L.maxInflatedBytes / 1024 / 1024 });
  if (inflated > L.maxZipRatio * Math.max(fileBytes, 1)) fieldError('file', 'io.limit.zip_ratio', { max: L.maxZipRatio });
}

/**
 * Inflates every entry once, counting bytes and throwing nothing away but the data, so a
 * directory that lies about sizes is caught (yauzl compares each entry's real size with the
 * declared one) before exceljs, which trusts the same directory, holds the inflated files in
 * memory. Streams, so the event loop runs meanwhile; stops at the first entry over the limits.
 */
export async function verifyXlsx(file: Buffer): Promise<void> {
  const { zip, entries } = await centralDirectory(file);
  try {
    checkDeclared(entries, file.length);
    const open = promisify(zip.openReadStream.bind(zip)) as (e: Entry) => Promise<NodeJS.ReadableStream>;
    let total = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      let stream: NodeJS.ReadableStream;
      try {
        stream = await open(entry);
      } catch (e) {
        malformed(e);
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > IMPORT_LIMITS.maxInflatedBytes) {
            (stream as unknown as { destroy(): void }).destroy();
            fieldError('file', 'io.limit.inflated', { mb: IMPORT_LIMITS.maxInflatedBytes / 1024 / 1024 });
          }
        }
      } catch (e) {
        if ((e as { fieldErrors?: unknown }).fieldErrors) throw e;
        malformed(e);
      }
    }
  } finally {
    zip.close();
  }
}
