import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { ValidationError } from './http/errors.ts';
import { readTable, screenTable } from './tabular.ts';

const limits = { maxBytes: 1024, maxRows: 3, maxColumns: 4, columnsKey: 'validation.csv_header' } as const;
const guards = { inspect: async () => {}, verify: async () => {} };
const refusedWith = (key: string) => (e: unknown) => e instanceof ValidationError && e.fieldErrors[0]?.key === key;

describe('tabular reader', () => {
  it('refuses empty, oversized and binary files before reading them', async () => {
    await assert.rejects(screenTable(Buffer.alloc(0), limits, guards), refusedWith('validation.file_empty'));
    await assert.rejects(screenTable(Buffer.alloc(2048, 65), limits, guards), refusedWith('validation.file_too_big'));
    await assert.rejects(screenTable(Buffer.from([1, 0, 2]), limits, guards), refusedWith('validation.file_type'));
    assert.equal((await screenTable(Buffer.from('a,b\r\n'), limits, guards)).kind, 'csv');
  });

  it('reads CSV (a BOM, neutralised cells back as typed) and refuses too many rows or columns', async () => {
    const rows = await readTable(Buffer.from("\uFEFFa,b\r\n'-5,٠٫٥\r\n"), 'csv', limits, guards);
    assert.deepEqual(rows, [
      ['a', 'b'],
      ['-5', '٠٫٥'],
    ]);
    await assert.rejects(readTable(Buffer.from('a\n1\n2\n3\n4\n'), 'csv', limits, guards), refusedWith('io.limit.rows'));
    await assert.rejects(readTable(Buffer.from('a,b,c,d,e\n'), 'csv', limits, guards), refusedWith('validation.csv_header'));
  });

  it('reads XLSX, marking a formula cell as null and a link cell as its address', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['value', 'link']);
    ws.addRow([
      { formula: '1+1', result: 2 },
      { text: 'here', hyperlink: 'https://example.sa' },
    ]);
    const rows = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx', limits, guards);
    assert.deepEqual(rows, [
      ['value', 'link'],
      [null, 'https://example.sa'],
    ]);
  });

  it('reads a date cell as its day, or as its month where the importer asks (kpi’s month column)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([['month'], [new Date(Date.UTC(2026, 0, 15))]]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    assert.deepEqual(await readTable(file, 'xlsx', limits, guards), [['month'], ['2026-01-15']]);
    assert.deepEqual(await readTable(file, 'xlsx', { ...limits, dates: 'month' }, guards), [['month'], ['2026-01']]);
  });
});
