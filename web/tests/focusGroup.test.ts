import { describe, expect, it } from 'vitest';
import {
  changedFields,
  isStaleWrite,
  versionedPath,
  canContribute,
  canEditFocusGroup,
  canWriteCooperation,
  canWriteForDesk,
  cooperationKindLabel,
  cooperationStatus,
  excerpt,
  groupMembersByDesk,
  noteBlocks,
  parseDeskList,
  parseSpeakers,
} from '../src/lib/focusGroup';
import { ApiError } from '../src/lib/api';
import type { Case, Role, User } from '../src/lib/types';

const user = (role: Role, desk: string | null = 'IT') => ({ id: 1, username: 'u', display_name: 'U', role, desk, disabled: false, created_at: '' }) as User;

describe('cooperation', () => {
  it('tells planned, ongoing and ended records apart', () => {
    expect(cooperationStatus({ started_on: '2026-12-01', ended_on: null }, '2026-11-22')).toBe('planned');
    expect(cooperationStatus({ started_on: '2025-01-01', ended_on: null }, '2026-11-22')).toBe('ongoing');
    expect(cooperationStatus({ started_on: '2025-01-01', ended_on: '2026-11-22' }, '2026-11-22')).toBe('ongoing');
    expect(cooperationStatus({ started_on: '2025-01-01', ended_on: '2026-11-21' }, '2026-11-22')).toBe('ended');
  });
  it('reads desk lists as typed', () => {
    expect(parseDeskList('fr, ES;de  FR')).toEqual(['FR', 'ES', 'DE']);
    expect(parseDeskList('  ')).toEqual([]);
  });
  it('names the kinds', () => {
    expect(cooperationKindLabel('jit')).toBe('Joint investigation team (JIT)');
    expect(cooperationKindLabel('other')).toBe('other');
  });
  it('offers the form to the owning desk only', () => {
    const c = { desk: 'IT' } as Case;
    expect(canWriteCooperation(user('analyst'), c)).toBe(true);
    expect(canWriteCooperation(user('observer'), c)).toBe(false);
    expect(canWriteCooperation(user('prosecutor', 'DE'), c)).toBe(false);
    expect(canWriteCooperation(user('secretariat'), c)).toBe(false);
  });
});

describe('Focus Group rights', () => {
  it('lets the secretariat and administrators edit members and meetings', () => {
    expect(canEditFocusGroup(user('secretariat'))).toBe(true);
    expect(canEditFocusGroup(user('administrator', null))).toBe(true);
    expect(canEditFocusGroup(user('national_member'))).toBe(false);
  });
  it('lets desks write for themselves only', () => {
    expect(canWriteForDesk(user('prosecutor'), 'IT')).toBe(true);
    expect(canWriteForDesk(user('prosecutor'), 'FR')).toBe(false);
    expect(canWriteForDesk(user('analyst'), 'IT')).toBe(false);
    expect(canWriteForDesk(user('secretariat', 'NL'), 'FR')).toBe(true);
    expect(canContribute(user('observer'))).toBe(false);
    expect(canContribute(user('national_member'))).toBe(true);
    expect(canContribute(user('administrator', null))).toBe(true);
  });
});

describe('members', () => {
  it('groups by desk and orders by role, then name', () => {
    const m = (id: number, desk: string, name: string, role: string) => ({ id, desk, name, role, user_id: null, since: '2020-01-01', version: 1 });
    const groups = groupMembersByDesk([m(1, 'NL', 'Zoe', 'member'), m(2, 'IT', 'Bea', 'contact_point'), m(3, 'IT', 'Ann', 'vice_chair'), m(4, 'IT', 'Carl', 'contact_point')]);
    expect(groups.map((g) => g.desk)).toEqual(['IT', 'NL']);
    expect(groups[0].members.map((x) => x.name)).toEqual(['Ann', 'Bea', 'Carl']);
  });
});

describe('reader view', () => {
  it('splits paragraphs and bulleted lists, keeping markup as text', () => {
    const blocks = noteBlocks('First line\nwraps here.\n\nWhat worked:\n- one\n  continued\n- <b>two</b>\nAfter.\r\n\r\nEnd.');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'First line wraps here.' },
      { kind: 'paragraph', text: 'What worked:' },
      { kind: 'list', items: ['one continued', '<b>two</b>'] },
      { kind: 'paragraph', text: 'After.' },
      { kind: 'paragraph', text: 'End.' },
    ]);
  });
  it('cuts excerpts at a word', () => {
    expect(excerpt('short text')).toBe('short text');
    const long = 'word '.repeat(100);
    const e = excerpt(long, 50);
    expect(e.endsWith('…')).toBe(true);
    expect(e.length).toBeLessThanOrEqual(51);
  });
  it('reads speakers separated by commas outside brackets', () => {
    expect(parseSpeakers('Chair, Giulia Ferraro (IT, Palermo); Katrin Vogel (DE)')).toEqual(['Chair', 'Giulia Ferraro (IT, Palermo)', 'Katrin Vogel (DE)']);
  });
});

describe('versioned writes', () => {
  it('sends only the changed fields, always with the version read', () => {
    const before = { title: 'JIT Zuwara', partner_desks: ['FR'], notes: '' };
    expect(changedFields(before, { ...before, notes: 'Signed.' }, 3)).toEqual({ version: 3, notes: 'Signed.' });
    expect(changedFields(before, { ...before, partner_desks: ['FR', 'ES'] }, 1)).toEqual({ version: 1, partner_desks: ['FR', 'ES'] });
    expect(changedFields(before, { ...before }, 2)).toEqual({ version: 2 });
  });

  it('tells a stale write from other refusals', () => {
    expect(isStaleWrite(new ApiError(409, 'conflict', 'changed by someone else', 'version'))).toBe(true);
    expect(isStaleWrite(new ApiError(409, 'conflict', 'already listed', 'name'))).toBe(false);
    expect(isStaleWrite(new ApiError(400, 'invalid_argument', 'send the version', 'version'))).toBe(false);
    expect(isStaleWrite(new Error('x'))).toBe(false);
  });

  it('names the version in a removal', () => {
    expect(versionedPath('/cooperation/7', 2)).toBe('/cooperation/7?version=2');
  });
});
