// Entity forms built from the FollowTheMoney schemata (GET /api/v1/schemata): which properties to
// show first, which input each needs, and the translation between form values and the API's
// {"properties": {name: [values]}}.
import type { Entity, Schema, SchemaProperty } from './types';

export type FormValues = Record<string, string[]>;

export type InputKind = 'text' | 'textarea' | 'date' | 'number' | 'entity' | 'country' | 'gender' | 'phone' | 'email' | 'url';

export function inputKind(property: SchemaProperty): InputKind {
  switch (property.type) {
    case 'text':
      return 'textarea';
    case 'date':
      return 'date';
    case 'number':
      return 'number';
    case 'entity':
      return 'entity';
    case 'country':
      return 'country';
    case 'gender':
      return 'gender';
    case 'phone':
      return 'phone';
    case 'email':
      return 'email';
    case 'url':
      return 'url';
    default:
      return 'text';
  }
}

// A short hint shown under the field for the types whose form people cannot guess.
export function inputHint(property: SchemaProperty): string | null {
  switch (property.type) {
    case 'date':
      return 'YYYY, YYYY-MM or YYYY-MM-DD';
    case 'country':
      return 'Two-letter country code, e.g. ly, tn, de';
    case 'phone':
      return 'As written, ideally with the country code, e.g. +218 91 234 5678';
    case 'entity':
      return property.range ? `An entity of this case (${property.range})` : 'An entity of this case';
    case 'language':
      return 'Three-letter language code, e.g. ara, eng';
    default:
      return null;
  }
}

export interface OrderedProperties {
  primary: SchemaProperty[]; // required, then featured, in the schema's order
  others: SchemaProperty[]; // the rest, by label
}

export function orderProperties(schema: Schema): OrderedProperties {
  const byName = new Map(schema.properties.map((p) => [p.name, p]));
  const primaryNames: string[] = [];
  for (const name of [...schema.required, ...schema.featured]) {
    if (byName.has(name) && !primaryNames.includes(name)) primaryNames.push(name);
  }
  const primary = primaryNames.map((n) => byName.get(n)!);
  const others = schema.properties
    .filter((p) => !primaryNames.includes(p.name))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return { primary, others };
}

// The fields the form shows: the primary ones, then every other one that holds a value or that
// the user asked for, in the order asked.
export function visibleProperties(schema: Schema, values: FormValues, added: string[]): SchemaProperty[] {
  const { primary, others } = orderProperties(schema);
  const shown = [...primary];
  const withValues = others.filter((p) => (values[p.name] ?? []).some((v) => v.trim() !== ''));
  for (const p of withValues) if (!shown.includes(p)) shown.push(p);
  for (const name of added) {
    const p = others.find((o) => o.name === name);
    if (p && !shown.includes(p)) shown.push(p);
  }
  return shown;
}

export function isRequired(schema: Schema, name: string): boolean {
  return schema.required.includes(name);
}

// The properties to send: trimmed values, empty ones and empty properties left out.
export function toProperties(values: FormValues): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(values)) {
    const kept = list.map((v) => v.trim()).filter((v) => v !== '');
    if (kept.length > 0) out[name] = kept;
  }
  return out;
}

export function fromEntity(entity: Entity): FormValues {
  const out: FormValues = {};
  for (const [name, list] of Object.entries(entity.properties)) out[name] = [...list];
  return out;
}

// Required properties without a value, as field -> message (checked before sending; the server
// checks again and its message wins).
export function missingRequired(schema: Schema, values: FormValues): Record<string, string> {
  const props = toProperties(values);
  const errors: Record<string, string> = {};
  for (const name of schema.required) {
    if (!props[name]) {
      const label = schema.properties.find((p) => p.name === name)?.label ?? name;
      errors[name] = `${label} is required for ${schema.label}.`;
    }
  }
  return errors;
}

// Whether an entity of schema `schemaName` may be the value of an entity property of `range`.
export function fitsRange(schemaName: string, range: string | undefined, schemata: Schema[]): boolean {
  if (!range || range === 'Thing') return true;
  if (schemaName === range) return true;
  const schema = schemata.find((s) => s.name === schemaName);
  return !!schema && schema.extends.includes(range);
}

// The case's entities that may fill an entity property (their FtM ids are the values).
export function entityOptions(property: SchemaProperty, entities: Entity[], schemata: Schema[], self?: string) {
  return entities
    .filter((e) => e.ftm_id !== self && fitsRange(e.schema, property.range, schemata))
    .map((e) => ({ value: e.ftm_id, label: `${e.caption || e.ftm_id} (${e.schema})` }));
}

// Schemata grouped for the "add entity" picker: things first, links (edges) after.
export function groupSchemata(schemata: Schema[]): { things: Schema[]; links: Schema[] } {
  const sorted = [...schemata].sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return { things: sorted.filter((s) => !s.edge), links: sorted.filter((s) => s.edge) };
}

// Entities grouped by schema, groups in the order of the schema's plural label.
export function groupBySchema(entities: Entity[], schemata: Schema[]): { schema: string; plural: string; items: Entity[] }[] {
  const groups = new Map<string, Entity[]>();
  for (const e of entities) {
    const list = groups.get(e.schema) ?? [];
    list.push(e);
    groups.set(e.schema, list);
  }
  return [...groups.entries()]
    .map(([schema, items]) => ({ schema, plural: schemata.find((s) => s.name === schema)?.plural ?? schema, items }))
    .sort((a, b) => a.plural.localeCompare(b.plural, 'en'));
}
