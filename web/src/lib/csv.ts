// CSV in the browser: a look at the first rows of a file before it is sent (its separator and
// encoding detected as the server detects them), and the state of the column-mapping step of the
// import page. The server reads the whole file again (src/core/csv.h) and decides; this only
// shows the user what they are about to map.
import type { Schema, SchemaProperty } from './types';

export interface CsvRow {
  line: number; // 1-based line of the file where the record starts
  fields: string[];
}

export interface CsvPreview {
  header: string[];
  rows: CsvRow[]; // data rows (blank lines skipped), at most `max`
  complete: boolean; // the text held the whole file
  error: string | null; // a quoted field not closed, text after a closing quote
  notUtf8: boolean; // the text holds U+FFFD: the file was probably not saved as UTF-8
}

// ---- separators and encodings (as src/core/csv.h detects them; the server decides)

export type Delimiter = 'comma' | 'semicolon' | 'tab' | 'pipe';
export const DELIMITERS: { name: Delimiter; char: string; label: string }[] = [
  { name: 'comma', char: ',', label: 'Comma ( , )' },
  { name: 'semicolon', char: ';', label: 'Semicolon ( ; )' },
  { name: 'tab', char: '\t', label: 'Tab' },
  { name: 'pipe', char: '|', label: 'Pipe ( | )' },
];
export const delimiterChar = (d: Delimiter) => DELIMITERS.find((x) => x.name === d)?.char ?? ',';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';
export const ENCODINGS: { name: Encoding; label: string }[] = [
  { name: 'utf-8', label: 'UTF-8' },
  { name: 'utf-16le', label: 'UTF-16 LE' },
  { name: 'utf-16be', label: 'UTF-16 BE' },
  { name: 'windows-1252', label: 'Windows-1252' },
  { name: 'iso-8859-1', label: 'ISO-8859-1' },
];
export const encodingLabel = (e: Encoding) => ENCODINGS.find((x) => x.name === e)?.label ?? e;

// The encoding of a file from its first bytes: a byte order mark; UTF-16 without one when one
// byte of most pairs is zero; UTF-8 when the bytes are (mostly) valid UTF-8; else Windows-1252.
export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs >= 2) {
    let zeroEven = 0;
    let zeroOdd = 0;
    for (let i = 0; i < pairs; i++) {
      if (bytes[2 * i] === 0) zeroEven++;
      if (bytes[2 * i + 1] === 0) zeroOdd++;
    }
    if (zeroOdd * 10 >= pairs * 4 && zeroEven * 20 < pairs) return { encoding: 'utf-16le', bom: false };
    if (zeroEven * 10 >= pairs * 4 && zeroOdd * 20 < pairs) return { encoding: 'utf-16be', bom: false };
  }
  const { multibyte, invalid } = tallyUtf8(bytes);
  return { encoding: invalid === 0 || multibyte > invalid ? 'utf-8' : 'windows-1252', bom: false };
}

// Valid UTF-8 sequences of two bytes or more, and bytes that start no valid sequence. A
// sequence cut by the end of the bytes (the preview is the file's start) is not counted.
function tallyUtf8(b: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + n > b.length) break;
    let ok = true;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok && n === 3 && ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] > 0x9f))) ok = false;
    if (ok && n === 4 && ((c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] > 0x8f))) ok = false;
    if (ok) {
      multibyte++;
      i += n;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

// The text of `bytes` in `encoding`, without a byte order mark; bytes not valid in it become
// U+FFFD (shown as a warning; the server refuses their rows). `complete` false: the bytes are
// the start of a file, so a character cut at their end is left out.
export function decodeBytes(bytes: Uint8Array, encoding: Encoding, complete = true): string {
  // The web's decoders read ISO-8859-1 as Windows-1252; the server tells them apart.
  const label = encoding === 'iso-8859-1' ? 'windows-1252' : encoding;
  let text = new TextDecoder(label, { ignoreBOM: false }).decode(bytes, { stream: !complete });
  if (encoding === 'windows-1252') text = text.replace(/[\u0080-\u009f]/g, '\ufffd'); // undefined bytes
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// The separator the first lines agree on: found (outside quotes) as often on most lines as on
// the header, and at least once there; comma when none is.
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter = 'comma';
  let bestAgreeing = 0;
  let bestHeader = 0;
  for (const d of DELIMITERS) {
    const counts: number[] = [];
    let count = 0;
    let quoted = false;
    let any = false;
    for (let i = 0; i < text.length && counts.length < 50; i++) {
      const ch = text[i];
      any = true;
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d.char) count++;
      else if (!quoted && (ch === '\n' || ch === '\r')) {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        counts.push(count);
        count = 0;
        any = false;
      }
    }
    if (any && counts.length < 50) counts.push(count);
    if (counts.length === 0 || counts[0] === 0) continue;
    const agreeing = counts.filter((n) => n === counts[0]).length;
    if (agreeing > bestAgreeing || (agreeing === bestAgreeing && counts[0] > bestHeader)) {
      best = d.name;
      bestAgreeing = agreeing;
      bestHeader = counts[0];
    }
  }
  return best;
}

// "semicolon-separated, Windows-1252", as the server says it.
export function describeFormat(delimiter: Delimiter, encoding: Encoding, bom = false): string {
  return `${delimiter}-separated, ${encodingLabel(encoding)}${bom ? ' with byte order mark' : ''}`;
}

// Reads RFC 4180 records: fields separated by `delimiter`, double quotes (holding separators,
// line breaks and doubled quotes), LF or CRLF. When `complete` is false the text is only the
// start of the file, so a record that runs to its very end may be cut and is not returned.
export function parseCsvRecords(text: string, complete = true, delimiter = ','): { records: CsvRow[]; error: string | null } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: CsvRow[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let ended = false;
    while (!ended) {
      let field = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        let closed = false;
        while (i < text.length) {
          const ch = text[i++];
          if (ch === '"') {
            if (text[i] === '"') {
              field += '"';
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            if (ch === '\n') line++;
            field += ch;
          }
        }
        if (!closed) {
          if (!complete) return { records, error: null }; // cut by the end of the preview
          return { records, error: `line ${opened}: a quoted field is not closed (a " is missing)` };
        }
        if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          return { records, error: `line ${line}: text after a closing quote; write a " inside quotes as ""` };
        }
      } else {
        while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      }
      fields.push(field);
      if (i >= text.length) {
        ended = true;
        if (!complete) return { records, error: null }; // the last record may be cut
      } else if (text[i] === delimiter) {
        i++;
      } else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        ended = true;
      }
    }
    records.push({ line: start, fields });
  }
  return { records, error: null };
}

const isBlank = (r: CsvRow) => r.fields.length === 1 && r.fields[0].trim() === '';

export function previewCsv(text: string, max = 10, complete = true, delimiter = ','): CsvPreview {
  const { records, error } = parseCsvRecords(text, complete, delimiter);
  const header = records.length > 0 ? records[0].fields.map((h) => h.trim()) : [];
  const rows = records.slice(1).filter((r) => !isBlank(r)).slice(0, max);
  return { header, rows, complete, error, notUtf8: text.includes('\ufffd') };
}

// Whether a file looks like CSV (by name or type) rather than FollowTheMoney JSON lines.
export function looksLikeCsv(name: string, type = ''): boolean {
  return /\.(csv|tsv|txt)$/i.test(name) || type === 'text/csv';
}

// ---- the column mapping

export const ID_TARGET = 'id';
export type Mapping = Record<string, string>; // column header -> property, "id", or '' (ignored)

const squash = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');

// Column names people use, beside the property names and labels themselves.
const SYNONYMS: Record<string, string[]> = {
  id: ['id', 'ftmid', 'entityid', 'ref', 'reference', 'recordid'],
  name: ['fullname', 'name', 'nome', 'nom', 'completename'],
  firstName: ['firstname', 'givenname', 'forename', 'givennames', 'prenom', 'vorname'],
  lastName: ['lastname', 'surname', 'familyname', 'cognome', 'nachname'],
  birthDate: ['dob', 'dateofbirth', 'birthdate', 'born', 'birthday'],
  birthPlace: ['placeofbirth', 'birthplace', 'pob'],
  nationality: ['nationality', 'citizenship', 'nationalities'],
  phone: ['phone', 'mobile', 'tel', 'telephone', 'phonenumber', 'mobilenumber', 'cell', 'msisdn'],
  email: ['email', 'emailaddress', 'mail'],
  passportNumber: ['passport', 'passportno', 'passportnumber'],
  idNumber: ['idnumber', 'idcard', 'nationalid', 'idno'],
  gender: ['gender', 'sex'],
  alias: ['alias', 'aka', 'nickname'],
  address: ['address', 'residence'],
  iban: ['iban'],
  registrationNumber: ['plate', 'registration', 'registrationnumber', 'licenceplate', 'licenseplate'],
  imoNumber: ['imo', 'imonumber'],
  username: ['username', 'handle', 'user', 'account'],
};

// The property a column probably feeds, or '' when nothing fits: its name or label, or a
// common synonym, among the schema's properties (and "id").
export function guessTarget(header: string, properties: Pick<SchemaProperty, 'name' | 'label'>[]): string {
  const h = squash(header);
  if (!h) return '';
  const names = new Set(properties.map((p) => p.name));
  for (const p of properties) if (squash(p.name) === h) return p.name;
  for (const p of properties) if (squash(p.label) === h) return p.name;
  for (const [target, words] of Object.entries(SYNONYMS)) {
    if ((target === ID_TARGET || names.has(target)) && words.includes(h)) return target;
  }
  // "Phone 2", "mobile_2": the same property as the word without its number.
  const stem = h.replace(/\d+$/, '');
  if (stem !== h && stem) return guessTarget(stem, properties);
  return '';
}

export function guessMapping(header: string[], properties: Pick<SchemaProperty, 'name' | 'label'>[]): Mapping {
  const mapping: Mapping = {};
  let idTaken = false;
  for (const column of header) {
    if (!column || column in mapping) continue;
    let target = guessTarget(column, properties);
    if (target === ID_TARGET) {
      if (idTaken) target = '';
      idTaken = true;
    }
    mapping[column] = target;
  }
  return mapping;
}

// Maps `column` to `target`; only one column may hold the ids, so choosing "id" for one column
// frees any other.
export function setTarget(mapping: Mapping, column: string, target: string): Mapping {
  const next: Mapping = { ...mapping };
  if (target === ID_TARGET) {
    for (const c of Object.keys(next)) if (next[c] === ID_TARGET) next[c] = '';
  }
  next[column] = target;
  return next;
}

// The mapping as the server takes it: only the mapped columns, in the header's order.
export function mappingForServer(header: string[], mapping: Mapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of header) {
    const target = mapping[column];
    if (column && target) out[column] = target;
  }
  return out;
}

export interface MappingProblem {
  column: string | null;
  message: string;
}

// What keeps a mapping from being sent: nothing mapped, a required property with no column,
// duplicate column names among the mapped ones, a target the schema does not have.
export function mappingProblems(header: string[], mapping: Mapping, schema: Pick<Schema, 'name' | 'required' | 'properties'>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const mapped = mappingForServer(header, mapping);
  const targets = Object.values(mapped);
  if (targets.filter((t) => t !== ID_TARGET).length === 0) {
    problems.push({ column: null, message: 'Map at least one column to a property.' });
  }
  const known = new Set(schema.properties.map((p) => p.name));
  for (const [column, target] of Object.entries(mapped)) {
    if (target !== ID_TARGET && !known.has(target)) problems.push({ column, message: `${schema.name} has no property “${target}”.` });
    if (header.filter((h) => h === column).length > 1)
      problems.push({ column, message: `Two columns are named “${column}”; rename one in the file to map it.` });
  }
  for (const required of schema.required) {
    if (!targets.includes(required)) {
      const label = schema.properties.find((p) => p.name === required)?.label ?? required;
      problems.push({ column: null, message: `${schema.name} needs a value for “${label}”: map a column to it.` });
    }
  }
  return problems;
}

// The properties offered for a schema: featured ones first, then the others by label; the
// properties that hold references to other entities last (their values are FtM ids).
export function targetOptions(schema: Pick<Schema, 'featured' | 'properties'>): SchemaProperty[] {
  const featured = schema.featured
    .map((name) => schema.properties.find((p) => p.name === name))
    .filter((p): p is SchemaProperty => !!p);
  const rest = schema.properties
    .filter((p) => !schema.featured.includes(p.name))
    .sort((a, b) => Number(a.type === 'entity') - Number(b.type === 'entity') || a.label.localeCompare(b.label));
  return [...featured, ...rest];
}

// A cell of the preview as the user will see it for a mapped column (trimmed; empty is "—").
export function cellText(value: string | undefined): string {
  const v = (value ?? '').trim();
  return v === '' ? '—' : v;
}

// ---- the server's answer (POST /api/v1/cases/{id}/import/csv)

export interface CsvRowError {
  row: number;
  line: number;
  column: string;
  property: string;
  message: string;
}

export interface CsvPreviewEntity {
  row: number;
  line: number;
  action: 'create' | 'update' | 'unchanged';
  ftm_id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
}

export interface CsvImportReport {
  dry_run: boolean;
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: CsvRowError[];
  preview: CsvPreviewEntity[];
  delimiter: Delimiter;
  encoding: Encoding;
  byte_order_mark: boolean;
  delimiter_detected: boolean;
  encoding_detected: boolean;
  format: string; // "semicolon-separated, Windows-1252"
}

// The errors of a check by file line, so the preview can mark its rows.
export function errorsByLine(errors: CsvRowError[]): Map<number, CsvRowError[]> {
  const out = new Map<number, CsvRowError[]>();
  for (const e of errors) out.set(e.line, [...(out.get(e.line) ?? []), e]);
  return out;
}

// How many rows an import would write after a check: all good rows, or none while any row is
// bad and bad rows are not to be skipped.
export function rowsToImport(check: Pick<CsvImportReport, 'created' | 'updated' | 'unchanged' | 'rejected'>, skipInvalid: boolean): number {
  if (check.rejected > 0 && !skipInvalid) return 0;
  return check.created + check.updated + check.unchanged;
}
