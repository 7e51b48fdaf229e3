import { describe, expect, it } from 'vitest';
import {
  entityOptions,
  fitsRange,
  fromEntity,
  groupBySchema,
  groupSchemata,
  inputHint,
  inputKind,
  missingRequired,
  orderProperties,
  toProperties,
  visibleProperties,
} from '../src/lib/schemaForm';
import type { Entity, Schema } from '../src/lib/types';

const person: Schema = {
  name: 'Person',
  label: 'Person',
  plural: 'People',
  extends: ['LegalEntity', 'Thing'],
  required: ['name'],
  featured: ['name', 'nationality', 'birthDate'],
  edge: false,
  properties: [
    { name: 'alias', label: 'Other name', type: 'name' },
    { name: 'birthDate', label: 'Birth date', type: 'date' },
    { name: 'name', label: 'Name', type: 'name' },
    { name: 'nationality', label: 'Nationality', type: 'country' },
    { name: 'phone', label: 'Phone', type: 'phone' },
    { name: 'notes', label: 'Notes', type: 'text' },
  ],
};
const payment: Schema = {
  name: 'Payment',
  label: 'Payment',
  plural: 'Payments',
  extends: ['Interval'],
  required: ['payer', 'beneficiary'],
  featured: ['payer', 'beneficiary', 'date', 'amount'],
  edge: true,
  properties: [
    { name: 'amount', label: 'Amount', type: 'number' },
    { name: 'beneficiary', label: 'Beneficiary', type: 'entity', range: 'LegalEntity' },
    { name: 'date', label: 'Date', type: 'date' },
    { name: 'payer', label: 'Payer', type: 'entity', range: 'LegalEntity' },
  ],
};
const vessel: Schema = { ...person, name: 'Vessel', label: 'Vessel', plural: 'Vessels', extends: ['Vehicle', 'Thing'], required: ['name'], featured: ['name'] };
const schemata = [person, payment, vessel];

function entity(id: number, schema: string, ftm: string, caption: string, properties: Record<string, string[]> = {}): Entity {
  return { id, case_id: 1, ftm_id: ftm, schema, caption, properties, source: 'manual', created_by: 1, created_at: '', updated_at: '', version: 1 };
}

describe('orderProperties', () => {
  it('puts required, then featured first, the rest by label', () => {
    const { primary, others } = orderProperties(payment);
    expect(primary.map((p) => p.name)).toEqual(['payer', 'beneficiary', 'date', 'amount']);
    expect(others).toEqual([]);
    const p = orderProperties(person);
    expect(p.primary.map((x) => x.name)).toEqual(['name', 'nationality', 'birthDate']);
    expect(p.others.map((x) => x.label)).toEqual(['Notes', 'Other name', 'Phone']);
  });
});

describe('visibleProperties', () => {
  it('adds fields with values and fields asked for', () => {
    expect(visibleProperties(person, {}, []).map((p) => p.name)).toEqual(['name', 'nationality', 'birthDate']);
    expect(visibleProperties(person, { phone: ['+218'] }, ['alias', 'phone']).map((p) => p.name)).toEqual([
      'name',
      'nationality',
      'birthDate',
      'phone',
      'alias',
    ]);
    expect(visibleProperties(person, { phone: ['  '] }, []).map((p) => p.name)).not.toContain('phone');
  });
});

describe('inputs', () => {
  it('chooses an input per FtM type', () => {
    const kinds = Object.fromEntries(person.properties.map((p) => [p.name, inputKind(p)]));
    expect(kinds).toEqual({ alias: 'text', birthDate: 'date', name: 'text', nationality: 'country', phone: 'phone', notes: 'textarea' });
    expect(inputKind(payment.properties[1])).toBe('entity');
    expect(inputKind(payment.properties[0])).toBe('number');
  });
  it('hints at formats', () => {
    expect(inputHint(person.properties[1])).toContain('YYYY-MM-DD');
    expect(inputHint(payment.properties[1])).toContain('LegalEntity');
    expect(inputHint(person.properties[0])).toBeNull();
  });
});

describe('values', () => {
  it('trims values and drops empty ones', () => {
    expect(toProperties({ name: [' Ahmed K. ', ''], alias: ['', '  '], birthDate: ['1985'] })).toEqual({ name: ['Ahmed K.'], birthDate: ['1985'] });
  });
  it('keeps markup and right-to-left text as typed', () => {
    expect(toProperties({ name: ['<b>x</b>', 'محمد عبد الرحمن'] })).toEqual({ name: ['<b>x</b>', 'محمد عبد الرحمن'] });
  });
  it('copies an entity’s properties', () => {
    const e = entity(1, 'Person', 'p1', 'A', { name: ['A'] });
    const values = fromEntity(e);
    values.name.push('B');
    expect(e.properties.name).toEqual(['A']);
  });
  it('finds missing required properties', () => {
    expect(missingRequired(person, { name: ['  '] })).toEqual({ name: 'Name is required for Person.' });
    expect(missingRequired(person, { name: ['A'] })).toEqual({});
    expect(Object.keys(missingRequired(payment, { payer: ['p1'] }))).toEqual(['beneficiary']);
  });
});

describe('entity references', () => {
  const entities = [entity(1, 'Person', 'p1', 'Ahmed'), entity(2, 'Vessel', 'v1', 'Al-Amal'), entity(3, 'Person', 'p2', '')];
  it('offers the entities whose schema fits the range', () => {
    expect(fitsRange('Person', 'LegalEntity', schemata)).toBe(true);
    expect(fitsRange('Vessel', 'LegalEntity', schemata)).toBe(false);
    expect(fitsRange('Vessel', undefined, schemata)).toBe(true);
    expect(entityOptions(payment.properties[3], entities, schemata)).toEqual([
      { value: 'p1', label: 'Ahmed (Person)' },
      { value: 'p2', label: 'p2 (Person)' },
    ]);
    expect(entityOptions(payment.properties[3], entities, schemata, 'p1').map((o) => o.value)).toEqual(['p2']);
  });
  it('groups entities and schemata', () => {
    expect(groupBySchema(entities, schemata).map((g) => [g.plural, g.items.length])).toEqual([
      ['People', 2],
      ['Vessels', 1],
    ]);
    const g = groupSchemata(schemata);
    expect(g.things.map((s) => s.name)).toEqual(['Person', 'Vessel']);
    expect(g.links.map((s) => s.name)).toEqual(['Payment']);
  });
});
