// The state of the case list (search, filters, sort, page), kept in the address so that a list
// can be bookmarked, reloaded and returned to; and its translation into the API's query.
import type { QueryValue } from './api';

export const CASE_SORT_FIELDS = ['reference', 'title', 'stage', 'created_at', 'updated_at'] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];

export interface Sort {
  field: string;
  descending: boolean;
}

export interface CaseListState {
  q: string;
  stage: string;
  offence: string;
  desk: string;
  sort: string; // API form: "reference" or "-updated_at"
  page: number; // 1-based
  pageSize: number;
}

export const PAGE_SIZES = [10, 25, 50, 100];
export const DEFAULT_CASE_LIST: CaseListState = {
  q: '',
  stage: '',
  offence: '',
  desk: '',
  sort: '-updated_at',
  page: 1,
  pageSize: 25,
};

export function parseSort(sort: string): Sort {
  return sort.startsWith('-') ? { field: sort.slice(1), descending: true } : { field: sort, descending: false };
}

export function formatSort(sort: Sort): string {
  return sort.descending ? `-${sort.field}` : sort.field;
}

// Clicking a column header: the same column flips its direction; another column starts
// ascending, except dates, which start with the newest.
export function toggleSort(current: string, field: string): string {
  const now = parseSort(current);
  if (now.field === field) return formatSort({ field, descending: !now.descending });
  return formatSort({ field, descending: field.endsWith('_at') });
}

function positiveInt(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!text || !/^\d+$/.test(text)) return fallback;
  const n = Number(text);
  return n >= 1 && n <= max ? n : fallback;
}

export function parseCaseListState(params: URLSearchParams): CaseListState {
  const sort = params.get('sort') ?? DEFAULT_CASE_LIST.sort;
  const sortOk = CASE_SORT_FIELDS.includes(parseSort(sort).field as CaseSortField);
  const size = positiveInt(params.get('size'), DEFAULT_CASE_LIST.pageSize, 500);
  return {
    q: params.get('q') ?? '',
    stage: params.get('stage') ?? '',
    offence: params.get('offence') ?? '',
    desk: (params.get('desk') ?? '').toUpperCase(),
    sort: sortOk ? sort : DEFAULT_CASE_LIST.sort,
    page: positiveInt(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_CASE_LIST.pageSize,
  };
}

// Only what differs from the defaults, so plain lists keep plain addresses.
export function caseListToParams(state: CaseListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.stage) params.set('stage', state.stage);
  if (state.offence) params.set('offence', state.offence);
  if (state.desk) params.set('desk', state.desk);
  if (state.sort !== DEFAULT_CASE_LIST.sort) params.set('sort', state.sort);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_CASE_LIST.pageSize) params.set('size', String(state.pageSize));
  return params;
}

export function caseListToQuery(state: CaseListState): Record<string, QueryValue> {
  return {
    q: state.q.trim() || undefined,
    stage: state.stage || undefined,
    offence: state.offence || undefined,
    desk: state.desk || undefined,
    sort: state.sort,
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  };
}

// A change of search or filter starts again at page 1.
export function withFilter(state: CaseListState, change: Partial<CaseListState>): CaseListState {
  return { ...state, ...change, page: 1 };
}

export interface PageInfo {
  page: number;
  pages: number;
  first: number; // 1-based index of the first item shown; 0 when none
  last: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const first = total === 0 ? 0 : (current - 1) * pageSize + 1;
  const last = Math.min(total, current * pageSize);
  return { page: current, pages, first, last, hasPrevious: current > 1, hasNext: current < pages };
}
