import { describe, expect, it } from 'vitest';
import {
  cellText,
  decodeBytes,
  delimiterChar,
  describeFormat,
  detectDelimiter,
  detectEncoding,
  guessMapping,
  guessTarget,
  looksLikeCsv,
  mappingForServer,
  mappingProblems,
  parseCsvRecords,
  previewCsv,
  setTarget,
  targetOptions,
} from '../src/lib/csv';
import type { Schema } from '../src/lib/types';

const person: Schema = {
  name: 'Person',
  label: 'Person',
  plural: 'People',
  extends: ['LegalEntity'],
  required: ['name'],
  featured: ['name', 'nationality', 'birthDate'],
  edge: false,
  properties: [
    { name: 'name', label: 'Name', type: 'name' },
    { name: 'firstName', label: 'First name', type: 'name' },
    { name: 'lastName', label: 'Last name', type: 'name' },
    { name: 'birthDate', label: 'Birth date', type: 'date' },
    { name: 'nationality', label: 'Nationality', type: 'country' },
    { name: 'phone', label: 'Phone', type: 'phone' },
    { name: 'passportNumber', label: 'Passport number', type: 'identifier' },
    { name: 'addressEntity', label: 'Address', type: 'entity', range: 'Address' },
    { name: 'alias', label: 'Other name', type: 'name' },
  ],
};

describe('parseCsvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers the lines', () => {
    const { records, error } = parseCsvRecords('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });
  it('skips a byte order mark and keeps empty fields', () => {
    expect(parseCsvRecords('\ufeffa,,c').records[0].fields).toEqual(['a', '', 'c']);
  });
  it('says where a quote is not closed or text follows a closing quote', () => {
    expect(parseCsvRecords('a\n"open\nstill').error).toMatch(/^line 2: a quoted field is not closed/);
    expect(parseCsvRecords('a\n"x"y\n').error).toMatch(/^line 2: text after a closing quote/);
  });
  it('drops the last, possibly cut record of a partial text', () => {
    const { records, error } = parseCsvRecords('a,b\n1,2\n3,"cut', false);
    expect(error).toBeNull();
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsvRecords('a,b\n1,2\n3,4', false).records).toHaveLength(2);
  });
});

describe('previewCsv', () => {
  it('gives the trimmed header and the first data rows without blank lines', () => {
    const p = previewCsv(' Name ,DOB\nKhaled,1991\n\nYusuf,1985\nOmar,1990\n', 2);
    expect(p.header).toEqual(['Name', 'DOB']);
    expect(p.rows.map((r) => [r.line, r.fields[0]])).toEqual([
      [2, 'Khaled'],
      [4, 'Yusuf'],
    ]);
    expect(p.notUtf8).toBe(false);
  });
  it('notices text that was not UTF-8', () => {
    expect(previewCsv('Name\nM\ufffdller\n').notUtf8).toBe(true);
  });
  it('tells CSV files from FtM lines', () => {
    expect(looksLikeCsv('people.CSV')).toBe(true);
    expect(looksLikeCsv('x', 'text/csv')).toBe(true);
    expect(looksLikeCsv('entities.ftm.json')).toBe(false);
  });
});

describe('column mapping', () => {
  it('guesses properties from names, labels and common synonyms', () => {
    expect(guessTarget('Surname', person.properties)).toBe('lastName');
    expect(guessTarget('Given name', person.properties)).toBe('firstName');
    expect(guessTarget('D.O.B.', person.properties)).toBe('birthDate');
    expect(guessTarget('birth_date', person.properties)).toBe('birthDate');
    expect(guessTarget('Mobile 2', person.properties)).toBe('phone');
    expect(guessTarget('Passport', person.properties)).toBe('passportNumber');
    expect(guessTarget('Ref', person.properties)).toBe('id');
    expect(guessTarget('Notes on boat', person.properties)).toBe('');
    expect(guessTarget('IMO', person.properties)).toBe(''); // Person has no imoNumber
  });
  it('maps at most one column to the id', () => {
    const m = guessMapping(['Ref', 'ID', 'Full name'], person.properties);
    expect(m).toEqual({ Ref: 'id', ID: '', 'Full name': 'name' });
    const moved = setTarget(m, 'ID', 'id');
    expect(moved.Ref).toBe('');
    expect(moved.ID).toBe('id');
    expect(m.Ref).toBe('id'); // not changed in place
  });
  it('sends only mapped columns, in the order of the header', () => {
    const m = { DOB: 'birthDate', Notes: '', Name: 'name', Mobile: 'phone', 'Mobile 2': 'phone' };
    expect(Object.entries(mappingForServer(['Name', 'Notes', 'DOB', 'Mobile', 'Mobile 2', ''], m))).toEqual([
      ['Name', 'name'],
      ['DOB', 'birthDate'],
      ['Mobile', 'phone'],
      ['Mobile 2', 'phone'],
    ]);
  });
  it('names what keeps a mapping from being sent', () => {
    const header = ['Name', 'DOB', 'DOB'];
    expect(mappingProblems(header, { Name: '', DOB: '' }, person).map((p) => p.message)).toEqual([
      'Map at least one column to a property.',
      'Person needs a value for “Name”: map a column to it.',
    ]);
    const twice = mappingProblems(header, { Name: 'name', DOB: 'birthDate' }, person);
    expect(twice).toEqual([{ column: 'DOB', message: 'Two columns are named “DOB”; rename one in the file to map it.' }]);
    expect(mappingProblems(['Name'], { Name: 'name' }, person)).toEqual([]);
    expect(mappingProblems(['Name', 'X'], { Name: 'name', X: 'shoeSize' }, person)[0].message).toMatch(/no property “shoeSize”/);
  });
  it('offers featured properties first and references last', () => {
    const names = targetOptions(person).map((p) => p.name);
    expect(names.slice(0, 3)).toEqual(['name', 'nationality', 'birthDate']);
    expect(names[names.length - 1]).toBe('addressEntity');
    expect(names.indexOf('firstName')).toBeLessThan(names.indexOf('alias'));
  });
  it('shows empty cells as a dash', () => {
    expect(cellText('  ')).toBe('—');
    expect(cellText(undefined)).toBe('—');
    expect(cellText(' x ')).toBe('x');
  });
});

describe('check results', () => {
  it('groups errors by line and counts what an import writes', async () => {
    const { errorsByLine, rowsToImport } = await import('../src/lib/csv');
    const e = (line: number, column: string) => ({ row: line - 1, line, column, property: '', message: 'x' });
    const byLine = errorsByLine([e(2, 'DOB'), e(2, 'Mobile'), e(5, '')]);
    expect(byLine.get(2)?.map((x) => x.column)).toEqual(['DOB', 'Mobile']);
    expect(byLine.has(3)).toBe(false);
    const check = { created: 3, updated: 1, unchanged: 1, rejected: 2 };
    expect(rowsToImport(check, false)).toBe(0);
    expect(rowsToImport(check, true)).toBe(5);
    expect(rowsToImport({ ...check, rejected: 0 }, false)).toBe(5);
  });
});

describe('separators and encodings of real-world exports', () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
  const utf16le = (text: string, bom = true) => {
    const out: number[] = bom ? [0xff, 0xfe] : [];
    for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
    return new Uint8Array(out);
  };

  it('reads a French police export in Windows-1252 with semicolons', () => {
    // "Nom;Prénom;Adresse" / "LEFÈVRE;Jérôme;"12, rue de la Paix"" as Excel writes it.
    const file = bytes('Nom;Pr', [0xe9], 'nom;Adresse\r\nLEF', [0xc8], 'VRE;J', [0xe9], 'r', [0xf4], 'me;"12, rue de la Paix"\r\nB;C;3, all', [0xe9], 'e X\r\n');
    const { encoding, bom } = detectEncoding(file);
    expect(encoding).toBe('windows-1252');
    expect(bom).toBe(false);
    const text = decodeBytes(file, encoding);
    expect(detectDelimiter(text)).toBe('semicolon');
    expect(describeFormat('semicolon', encoding)).toBe('semicolon-separated, Windows-1252');
    const p = previewCsv(text, 10, true, delimiterChar('semicolon'));
    expect(p.header).toEqual(['Nom', 'Prénom', 'Adresse']);
    expect(p.rows[0].fields).toEqual(['LEFÈVRE', 'Jérôme', '12, rue de la Paix']);
    expect(p.notUtf8).toBe(false);
  });

  it('reads an Excel "Unicode text" export: UTF-16 LE, tabs, Arabic names', () => {
    const file = utf16le('Name\tArabic\tPhone\r\nMohamed Abdelrahman\tمحمد عبد الرحمن\t+218 91 234 5678\r\n');
    expect(detectEncoding(file)).toEqual({ encoding: 'utf-16le', bom: true });
    const text = decodeBytes(file, 'utf-16le');
    expect(text.startsWith('Name')).toBe(true); // no byte order mark left
    expect(detectDelimiter(text)).toBe('tab');
    const p = previewCsv(text, 10, true, '\t');
    expect(p.rows[0].fields[1]).toBe('محمد عبد الرحمن');
    expect(detectEncoding(utf16le('a\tb\r\nc\td\r\n', false)).encoding).toBe('utf-16le');
  });

  it('keeps UTF-8 with a few bad bytes as UTF-8 and marks them', () => {
    const enc = new TextEncoder();
    const file = new Uint8Array([...enc.encode('name\nJérôme\nZoé\n'), ...bytes('Ren', [0xe9], '\n')]);
    expect(detectEncoding(file).encoding).toBe('utf-8');
    const p = previewCsv(decodeBytes(file, 'utf-8'));
    expect(p.notUtf8).toBe(true);
    expect(p.rows[2].fields[0]).toBe('Ren\ufffd');
    // Windows-1252 leaves 0x81 undefined: marked too.
    expect(decodeBytes(bytes('a', [0x81]), 'windows-1252')).toBe('a\ufffd');
    // A character cut by the end of the preview is not a bad byte.
    expect(decodeBytes(new Uint8Array([0x61, 0xc3]), 'utf-8', false)).toBe('a');
  });

  it('detects the separator the lines agree on, not one inside values or quotes', () => {
    expect(detectDelimiter('id,name\n1,x\n')).toBe('comma');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('pipe');
    expect(detectDelimiter('name;address\nA;1, rue X\nB;2, rue Y, bis\n')).toBe('semicolon');
    expect(detectDelimiter('"a;b",c\n"x;y;z",d\n')).toBe('comma');
    expect(detectDelimiter('name\nA\n')).toBe('comma');
    expect(parseCsvRecords('a|"b|c"\n', true, '|').records[0].fields).toEqual(['a', 'b|c']);
  });
});
