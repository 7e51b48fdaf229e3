// A look at the first lines of a FollowTheMoney JSON lines file before it is sent.

export interface PreviewLine {
  line: number; // 1-based
  id: string | null;
  schema: string | null;
  caption: string | null;
  error: string | null;
}

export interface Preview {
  lines: PreviewLine[];
  complete: boolean; // the text held the whole file
}

function captionOf(properties: unknown): string | null {
  if (!properties || typeof properties !== 'object') return null;
  const props = properties as Record<string, unknown>;
  for (const key of ['name', 'caption', 'title', 'fileName', 'number', 'registrationNumber', 'iban', 'accountNumber', 'username', 'full']) {
    const v = props[key];
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
    if (typeof v === 'string') return v;
  }
  return null;
}

// Reads up to `max` non-empty lines of `text`; when `complete` is false the text is only the
// start of the file, so its last (probably cut) line is not judged.
export function previewNdjson(text: string, max = 10, complete = true): Preview {
  const raw = text.split('\n');
  if (!complete) raw.pop();
  const lines: PreviewLine[] = [];
  for (let i = 0; i < raw.length && lines.length < max; i++) {
    const line = raw[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        lines.push({ line: i + 1, id: null, schema: null, caption: null, error: 'not a JSON object' });
        continue;
      }
      const obj = value as Record<string, unknown>;
      const schema = typeof obj.schema === 'string' ? obj.schema : null;
      lines.push({
        line: i + 1,
        id: typeof obj.id === 'string' ? obj.id : null,
        schema,
        caption: captionOf(obj.properties),
        error: schema ? null : 'no "schema"',
      });
    } catch {
      lines.push({ line: i + 1, id: null, schema: null, caption: null, error: 'not valid JSON' });
    }
  }
  return { lines, complete };
}

export function countLines(text: string): number {
  return text.split('\n').filter((l) => l.trim() !== '').length;
}
