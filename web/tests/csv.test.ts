import { describe, expect, it } from 'vitest';
import {
  cellText,
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
