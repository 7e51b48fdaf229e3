import { describe, expect, it } from 'vitest';
import {
  caseListToParams,
  caseListToQuery,
  DEFAULT_CASE_LIST,
  pageInfo,
  parseCaseListState,
  parseSort,
  toggleSort,
  withFilter,
} from '../src/lib/listState';

describe('sort', () => {
  it('parses the API form', () => {
    expect(parseSort('-updated_at')).toEqual({ field: 'updated_at', descending: true });
    expect(parseSort('reference')).toEqual({ field: 'reference', descending: false });
  });
  it('flips the same column and starts a new one ascending (dates newest first)', () => {
    expect(toggleSort('reference', 'reference')).toBe('-reference');
    expect(toggleSort('-reference', 'reference')).toBe('reference');
    expect(toggleSort('-updated_at', 'title')).toBe('title');
    expect(toggleSort('title', 'created_at')).toBe('-created_at');
  });
});

describe('case list state', () => {
  it('reads defaults from an empty address', () => {
    expect(parseCaseListState(new URLSearchParams())).toEqual(DEFAULT_CASE_LIST);
  });
  it('round-trips through the address', () => {
    const state = { q: 'Zuwara', stage: 'trial', offence: 'money_laundering', desk: 'IT', sort: 'reference', page: 3, pageSize: 50 };
    expect(parseCaseListState(caseListToParams(state))).toEqual(state);
    expect(caseListToParams(DEFAULT_CASE_LIST).toString()).toBe('');
  });
  it('refuses bad values', () => {
    const state = parseCaseListState(new URLSearchParams('sort=password&page=-2&size=7&desk=it'));
    expect(state.sort).toBe('-updated_at');
    expect(state.page).toBe(1);
    expect(state.pageSize).toBe(25);
    expect(state.desk).toBe('IT');
  });
  it('turns page and size into limit and offset', () => {
    const q = caseListToQuery({ ...DEFAULT_CASE_LIST, page: 3, pageSize: 10, q: '  boat ', stage: '' });
    expect(q).toMatchObject({ limit: 10, offset: 20, q: 'boat', sort: '-updated_at' });
    expect(q.stage).toBeUndefined();
  });
  it('goes back to page 1 when a filter changes', () => {
    expect(withFilter({ ...DEFAULT_CASE_LIST, page: 4 }, { stage: 'trial' })).toMatchObject({ page: 1, stage: 'trial' });
  });
});

describe('pageInfo', () => {
  it('describes a page', () => {
    expect(pageInfo(60, 2, 25)).toEqual({ page: 2, pages: 3, first: 26, last: 50, hasPrevious: true, hasNext: true });
    expect(pageInfo(60, 3, 25)).toMatchObject({ first: 51, last: 60, hasNext: false });
  });
  it('handles no items and pages beyond the end', () => {
    expect(pageInfo(0, 1, 25)).toEqual({ page: 1, pages: 1, first: 0, last: 0, hasPrevious: false, hasNext: false });
    expect(pageInfo(30, 9, 25)).toMatchObject({ page: 2, first: 26, last: 30 });
  });
});
