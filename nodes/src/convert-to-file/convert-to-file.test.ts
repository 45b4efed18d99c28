import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Item, JsonObject } from '@budflow/runtime';
import { jsonItems, runStep } from '../test-support/run-step.test-support.js';

const rows = jsonItems({ id: 1, name: 'Ann', address: { city: 'Oslo' } }, { id: 2, name: 'Bo', ok: true });

async function convert(parameters: JsonObject, items: Item[] = rows, typeVersion = 1.1): Promise<Item[]> {
  const result = await runStep({ type: 'convertToFile', typeVersion, parameters, inputs: [items] });
  if (!result.ok) throw new Error(result.error.message);
  return result.outputs[0]!;
}

const text = (item: Item | undefined, field = 'data') =>
  Buffer.from(item!.binary![field]!.data!, 'base64').toString('utf8');

describe('Convert to File', () => {
  it('writes all items to one CSV (with BOM, flattened fields) paired with every input', async () => {
    const [file] = await convert({});
    expect(text(file)).toBe('\uFEFFid,name,address.city,ok\n1,Ann,Oslo,\n2,Bo,,TRUE');
    expect(file!.binary!.data).toMatchObject({
      fileName: 'File.csv',
      mimeType: 'text/csv',
      fileExtension: 'csv',
    });
    expect(file!.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('honours delimiter, header row and file name options', async () => {
    const [file] = await convert({
      options: { delimiter: ';', headerRow: false, fileName: 'x.csv' },
      binaryPropertyName: 'out',
    });
    expect(text(file, 'out')).toBe('\uFEFF1;Ann;Oslo;\n2;Bo;;TRUE');
    expect(file!.binary!.out!.fileName).toBe('x.csv');
  });

  it.each(['xlsx', 'xls', 'ods'])('writes %s workbooks SheetJS reads back', async (operation) => {
    const [file] = await convert({ operation, options: { sheetName: 'Data' } });
    const book = XLSX.read(Buffer.from(file!.binary!.data!.data!, 'base64'));
    expect(book.SheetNames).toEqual(['Data']);
    expect(XLSX.utils.sheet_to_json(book.Sheets.Data!)).toEqual([
      { id: 1, name: 'Ann', 'address.city': 'Oslo' },
      { id: 2, name: 'Bo', ok: true },
    ]);
  });

  it('writes HTML tables', async () => {
    const [file] = await convert({ operation: 'html' });
    expect(text(file)).toContain('<td data-t="s" data-v="Ann" id="sjs-B2">Ann</td>');
  });

  it('writes JSON once (optionally formatted) or per item', async () => {
    const [once] = await convert({ operation: 'toJson', options: { format: true } });
    expect(JSON.parse(text(once))).toEqual(rows.map((row) => row.json));
    expect(text(once)).toContain('\n  {');
    expect(once!.binary!.data).toMatchObject({ fileName: 'file.json', mimeType: 'application/json' });
    const each = await convert({ operation: 'toJson', mode: 'each' });
    expect(each.map((item) => JSON.parse(text(item)))).toEqual(rows.map((row) => row.json));
    expect(each.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('moves a base64 field (or data: URI) to a file', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const [sniffed, uri] = await convert({ operation: 'toBinary', sourceProperty: 'b64' }, [
      { json: { b64: png.toString('base64') } },
      { json: { b64: `data:text/plain;base64,${Buffer.from('hi').toString('base64')}` } },
    ]);
    expect(sniffed!.binary!.data).toMatchObject({ mimeType: 'image/png', fileName: 'file.png' });
    expect(uri!.binary!.data).toMatchObject({ mimeType: 'text/plain', fileName: 'file.txt' });
    expect(text(uri)).toBe('hi');
  });

  it('v1 can treat the field as text instead of base64', async () => {
    const [file] = await convert(
      { operation: 'toBinary', sourceProperty: 'v', options: { dataIsBase64: false } },
      jsonItems({ v: 'plain' }),
      1,
    );
    expect(text(file)).toBe('plain');
  });

  it('writes text files with an encoding and BOM', async () => {
    const [file] = await convert(
      { operation: 'toText', sourceProperty: 'v', options: { encoding: 'utf16le', addBOM: true } },
      jsonItems({ v: 'hé' }),
    );
    expect(Buffer.from(file!.binary!.data!.data!, 'base64')).toEqual(
      Buffer.from([0xff, 0xfe, 0x68, 0, 0xe9, 0]),
    );
    expect(file!.binary!.data).toMatchObject({ fileName: 'file.txt', mimeType: 'text/plain' });
  });

  it('fails on a missing field or bad base64, or returns error items with "continue on fail"', async () => {
    const missing = await runStep({
      type: 'convertToFile',
      parameters: { operation: 'toText', sourceProperty: 'nope' },
    });
    expect(missing.ok ? '' : missing.error.message).toBe('The value in "nope" is not set');
    const bad = await runStep({
      type: 'convertToFile',
      parameters: { operation: 'toBinary', sourceProperty: 'v' },
      inputs: [jsonItems({ v: 'not base64!' })],
      continueOnFail: true,
    });
    expect(bad.ok && bad.outputs[0]![0]!.json.error).toMatch(/^The provided string is not valid base64 data/);
  });

  it('creates ICS events', async () => {
    const [file] = await convert({
      operation: 'iCal',
      title: 'Launch',
      start: '2024-01-03T10:00:00',
      end: '2024-01-03T11:30:00',
      additionalFields: { description: 'party', fileName: 'launch.ics' },
    });
    expect(file!.binary!.data).toMatchObject({ fileName: 'launch.ics', mimeType: 'text/calendar' });
    expect(text(file)).toMatch(/DTSTART:20240103T100000Z[\s\S]*DTEND:20240103T113000Z/);
    expect(text(file)).toContain('SUMMARY:Launch');
  });
});
