import { describe, expect, it } from 'vitest';
import { countLines, previewNdjson } from '../src/lib/ndjson';
import { currentPlace, href, isPositiveId, matchRoute, parseHash, safeNext } from '../src/lib/router';
import { canManageCase, canReadCaseAudit, canWriteEntities } from '../src/lib/roles';
import { crossTable } from '../src/pages/statistics';
import { casePatch } from '../src/pages/caseForm';
import { buildTimeline } from '../src/pages/casePage';
import type { AuditRecord, Case, Entity, User } from '../src/lib/types';

describe('router', () => {
  it('parses hashes', () => {
    const loc = parseHash('#/cases?q=boat&page=2');
    expect(loc.path).toBe('/cases');
    expect(loc.params.get('q')).toBe('boat');
    expect(parseHash('').path).toBe('/');
    expect(parseHash('#/cases/12/').path).toBe('/cases/12');
    expect(currentPlace(loc)).toBe('/cases?q=boat&page=2');
  });
  it('matches patterns', () => {
    expect(matchRoute('/cases/:id', '/cases/12')).toEqual({ id: '12' });
    expect(matchRoute('/cases/:id', '/cases/12/edit')).toBeNull();
    expect(matchRoute('/cases/:id/entities/new', '/cases/3/entities/new')).toEqual({ id: '3' });
    expect(href('/cases', { q: 'a b' })).toBe('#/cases?q=a+b');
  });
  it('only returns to places inside the app after sign-in', () => {
    expect(safeNext('/cases/12')).toBe('/cases/12');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
  it('checks ids', () => {
    expect(isPositiveId('12')).toBe(true);
    expect(isPositiveId('0')).toBe(false);
    expect(isPositiveId('1e3')).toBe(false);
    expect(isPositiveId(undefined)).toBe(false);
  });
});

describe('previewNdjson', () => {
  it('reads the first lines and flags bad ones', () => {
    const text = '{"id":"p1","schema":"Person","properties":{"name":["Ahmed K."]}}\n\nnot json\n[1]\n{"id":"x"}\n';
    const p = previewNdjson(text, 10);
    expect(p.lines).toEqual([
      { line: 1, id: 'p1', schema: 'Person', caption: 'Ahmed K.', error: null },
      { line: 3, id: null, schema: null, caption: null, error: 'not valid JSON' },
      { line: 4, id: null, schema: null, caption: null, error: 'not a JSON object' },
      { line: 5, id: 'x', schema: null, caption: null, error: 'no "schema"' },
    ]);
    expect(countLines(text)).toBe(4);
  });
  it('stops at max and ignores a cut last line', () => {
    const line = '{"id":"a","schema":"Person","properties":{}}';
    expect(previewNdjson(`${line}\n${line}\n${line}\n`, 2).lines).toHaveLength(2);
    expect(previewNdjson(`${line}\n{"id":"b","sch`, 10, false).lines).toHaveLength(1);
  });
});

const user = (role: User['role'], desk: string | null): User => ({ id: 1, username: 'u', display_name: 'U', role, desk, disabled: false, created_at: '' });
const aCase: Case = {
  id: 7,
  desk: 'IT',
  reference: 'R 1',
  title: 'T',
  summary: '',
  offences: ['migrant_smuggling'],
  stage: 'opened',
  stage_date: '2026-01-01',
  stage_history: [],
  sensitivity: 'restricted',
  shared_with: ['DE'],
  retention_review: '2029-01-01',
  entity_count: 0,
  created_by: 1,
  created_at: '2026-01-01T10:00:00Z',
  updated_at: '2026-01-01T10:00:00Z',
  version: 4,
};

describe('roles', () => {
  it('offers changes only to the owning desk', () => {
    expect(canManageCase(user('prosecutor', 'IT'), aCase)).toBe(true);
    expect(canManageCase(user('prosecutor', 'DE'), aCase)).toBe(false);
    expect(canManageCase(user('analyst', 'IT'), aCase)).toBe(false);
    expect(canWriteEntities(user('analyst', 'IT'), aCase)).toBe(true);
    expect(canWriteEntities(user('observer', 'IT'), aCase)).toBe(false);
    expect(canReadCaseAudit(user('observer', 'IT'), aCase)).toBe(false);
    expect(canReadCaseAudit(user('national_member', 'DE'), aCase)).toBe(false);
  });
});

describe('casePatch', () => {
  it('sends the version and only what changed', () => {
    const body = casePatch(aCase, {
      reference: 'R 1',
      title: ' New title ',
      summary: '',
      offences: ['migrant_smuggling', 'document_fraud'],
      stage: 'opened',
      stage_date: '2026-01-01',
      sensitivity: 'restricted',
      retention_review: '2029-01-01',
    });
    expect(body).toEqual({ version: 4, title: 'New title', offences: ['migrant_smuggling', 'document_fraud'] });
  });
});

describe('buildTimeline', () => {
  const e: Entity = {
    id: 5,
    case_id: 7,
    ftm_id: 'p1',
    schema: 'Person',
    caption: '<b>x</b>',
    properties: {},
    source: 'manual',
    created_by: 1,
    created_at: '2026-01-02T10:00:00Z',
    updated_at: '',
    version: 1,
  };
  const record = (seq: number, action: string, object: string, outcome = 'ok'): AuditRecord => ({
    seq,
    time: `2026-01-0${seq}T10:00:00Z`,
    user: 'it.prosecutor',
    desk: 'IT',
    action,
    object,
    case_id: 7,
    outcome,
    request_id: '',
    detail: '',
    hash: '',
  });
  it('uses the audit trail where allowed, keeping changes only', () => {
    const t = buildTimeline(aCase, [e], [record(3, 'entity.create', 'entity:5'), record(2, 'case.read', 'case:7'), record(1, 'case.create', 'case:7'), record(4, 'case.update', 'case:7', 'conflict')]);
    expect(t.map((x) => x.text)).toEqual(['added an entity: <b>x</b> (Person)', 'opened the case']);
  });
  it('falls back to the entities’ creation times', () => {
    const t = buildTimeline(aCase, [e], null);
    expect(t.map((x) => x.text)).toEqual(['Person added: <b>x</b>', 'Case opened']);
  });
});

describe('crossTable', () => {
  it('sums counts by row and stage', () => {
    const t = crossTable(
      [
        { desk: 'IT', stage: 'opened', year: 2025, count: 2 },
        { desk: 'IT', stage: 'opened', year: 2026, count: 1 },
        { desk: 'DE', stage: 'trial', year: 2026, count: 4 },
      ],
      (c) => c.desk,
      ['opened', 'trial'],
    );
    expect(t.rows).toEqual(['DE', 'IT']);
    expect(t.cell('IT', 'opened')).toBe(3);
    expect(t.rowTotal('DE')).toBe(4);
    expect(t.columnTotal('opened')).toBe(3);
    expect(t.total).toBe(7);
  });
});
