import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Item, JsonObject } from '@budflow/runtime';
import { runStep } from '../test-support/run-step.test-support.js';

const fileItem = (content: string | Buffer, extra: JsonObject = {}, mimeType = 'text/plain'): Item => ({
  json: { keep: true },
  binary: { data: { mimeType, data: Buffer.from(content).toString('base64'), ...extra } },
});

async function extract(parameters: JsonObject, items: Item[]): Promise<Item[]> {
  const result = await runStep({ type: 'extractFromFile', parameters, inputs: [items] });
  if (!result.ok) throw new Error(`${result.error.message} ${result.error.description ?? ''}`);
  return result.outputs[0]!;
}
const jsonOf = async (parameters: JsonObject, items: Item[]) =>
  (await extract(parameters, items)).map((item) => item.json);

describe('Extract from File', () => {
  it('reads CSV rows keyed by the header, dropping empty cells', async () => {
    expect(await jsonOf({}, [fileItem('a,b\n1,\n\n3,4\n')])).toEqual([{ a: '1' }, { a: '3', b: '4' }]);
  });

  it.each([
    [
      'includeEmptyCells',
      { includeEmptyCells: true },
      [
        { a: '1', b: '' },
        { a: '3', b: '4' },
      ],
    ],
    [
      'headerRow off',
      { headerRow: false },
      [{ row: { 0: 'a', 1: 'b' } }, { row: { 0: '1' } }, { row: { 0: '3', 1: '4' } }],
    ],
    ['maxRowCount', { maxRowCount: 1 }, [{ a: '1' }]],
    ['delimiter', { delimiter: ';' }, [{ 'a,b': '1,' }, { 'a,b': '3,4' }]],
  ])('honours the CSV option %s', async (_name, options, expected) => {
    expect(await jsonOf({ options }, [fileItem('a,b\n1,\n3,4\n')])).toEqual(expected);
  });

  it('keeps rows read before a CSV error, as n8n does', async () => {
    expect(await jsonOf({}, [fileItem('a,b\n1,2\n3,4,5\n')])).toEqual([{ a: '1', b: '2' }]);
  });

  it('reads spreadsheets SheetJS understands, also a named sheet', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet([{ x: 1 }]), 'One');
    XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet([{ y: 'two' }]), 'Two');
    const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(await jsonOf({ operation: 'xlsx' }, [fileItem(xlsx)])).toEqual([{ x: 1 }]);
    expect(await jsonOf({ operation: 'xlsx', options: { sheetName: 'Two' } }, [fileItem(xlsx)])).toEqual([
      { y: 'two' },
    ]);
    const missing = await runStep({
      type: 'extractFromFile',
      parameters: { operation: 'xlsx', options: { sheetName: 'No' } },
      inputs: [[fileItem(xlsx)]],
    });
    expect(missing.ok ? '' : missing.error.message).toBe('Spreadsheet does not contain sheet called "No"!');
  });

  it('names the expected format when the file is of another kind', async () => {
    const result = await runStep({
      type: 'extractFromFile',
      parameters: { operation: 'xlsx' },
      inputs: [[fileItem(Buffer.from('PK\x03\x04broken', 'latin1'), { fileExtension: 'zip' })]],
    });
    expect(result.ok ? [] : [result.error.message, result.error.description]).toEqual([
      "The file selected in 'Input Binary Field' is not in xlsx format",
      "Try to change the operation or select a xlsx file in 'Input Binary Field'",
    ]);
  });

  it('moves text, JSON and base64 into a field, keeping the other binary fields', async () => {
    expect(
      await jsonOf({ operation: 'text', destinationKey: 'out.text' }, [fileItem('\uFEFFhello')]),
    ).toEqual([{ out: { text: 'hello' } }]);
    expect(await jsonOf({ operation: 'fromJson' }, [fileItem('{"a":[1]}')])).toEqual([{ data: { a: [1] } }]);
    expect(await jsonOf({ operation: 'binaryToPropery' }, [fileItem('hi')])).toEqual([{ data: 'aGk=' }]);
    const [kept] = await extract({ operation: 'text', options: { keepSource: 'both' } }, [fileItem('x')]);
    expect([kept!.json, Object.keys(kept!.binary ?? {})]).toEqual([{ keep: true, data: 'x' }, ['data']]);
  });

  it('decodes with the given encoding and skips items without the file', async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    expect(
      await jsonOf({ operation: 'text', options: { encoding: 'latin1' } }, [fileItem(latin1), { json: {} }]),
    ).toEqual([{ data: 'café' }]);
  });

  it('reports JSON files that are not JSON', async () => {
    const result = await runStep({
      type: 'extractFromFile',
      parameters: { operation: 'fromJson' },
      inputs: [[fileItem('nope')]],
    });
    expect(result.ok ? '' : result.error.message).toBe(
      "The file selected in 'Input Binary Field' is not in JSON format",
    );
  });

  it('parses ICS calendars', async () => {
    const ics =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240102T100000Z\r\nSUMMARY:Hi\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const [json] = await jsonOf({ operation: 'fromIcs' }, [fileItem(ics)]);
    expect((json!.data as { events: JsonObject[] }).events[0]).toMatchObject({
      uid: '1',
      summary: 'Hi',
      start: { date: '2024-01-02T10:00:00.000Z' },
    });
  });

  it('says clearly that PDF is not supported', async () => {
    const result = await runStep({
      type: 'extractFromFile',
      parameters: { operation: 'pdf' },
      inputs: [[fileItem('%PDF')]],
    });
    expect(result.ok ? '' : result.error.message).toBe('Extract from PDF is not supported by BudFlow yet');
  });
});
