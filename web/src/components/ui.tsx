import type { ComponentChildren } from 'preact';
import { ApiError, errorMessage } from '../lib/api';
import { humanize } from '../lib/format';
import { parseSort, pageInfo, PAGE_SIZES, toggleSort } from '../lib/listState';

export function StageBadge({ stage }: { stage: string }) {
  return <span class={`badge stage stage-${stage}`}>{humanize(stage)}</span>;
}

export function SensitivityBadge({ level }: { level: string }) {
  return (
    <span class={`badge sensitivity sensitivity-${level}`} title="Handling code">
      {humanize(level)}
    </span>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span class={`badge outcome outcome-${outcome === 'ok' ? 'ok' : 'bad'}`}>{outcome}</span>;
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

// An error from the API, with its lines when an import was refused.
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const lines = error instanceof ApiError ? error.lines : [];
  return (
    <div class="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      {errorMessage(error)}
      {lines.length > 0 && (
        <ul class="error-lines">
          {lines.map((l, i) => (
            <li key={i}>
              <code>{l}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <section class="not-found" aria-labelledby="nf-title">
      <h1 id="nf-title">Not found</h1>
      <p>
        This {what} does not exist, or it is not visible to your desk. Cases are visible only to the desk that owns them
        and the desks they are shared with.
      </p>
      <p>
        <a href="#/cases">Back to the cases</a>
      </p>
    </section>
  );
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'not_found');
}

// A form field: label, control, hint and the error message tied to the control.
export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string | null;
  error?: string | null;
  required?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {required && (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, hint?: string | null, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

// A sortable column header (aria-sort tells screen readers the order).
export function SortHeader({
  field,
  label,
  sort,
  onSort,
}: {
  field: string;
  label: string;
  sort: string;
  onSort: (sort: string) => void;
}) {
  const current = parseSort(sort);
  const active = current.field === field;
  const ariaSort = active ? (current.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" class="sort-button" onClick={() => onSort(toggleSort(sort, field))}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (current.descending ? ' ▼' : ' ▲') : ' ↕'}
        </span>
      </button>
    </th>
  );
}

export function Pager({
  total,
  page,
  pageSize,
  onPage,
  onPageSize,
  noun = 'items',
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  noun?: string;
}) {
  const info = pageInfo(total, page, pageSize);
  return (
    <nav class="pager" aria-label="Pages">
      <span class="pager-count" aria-live="polite">
        {total === 0 ? `No ${noun}` : `${info.first}–${info.last} of ${total} ${noun}`}
      </span>
      <span class="pager-buttons">
        <button type="button" class="button secondary" disabled={!info.hasPrevious} onClick={() => onPage(info.page - 1)}>
          ← Previous
        </button>
        <span class="pager-page">
          Page {info.page} of {info.pages}
        </span>
        <button type="button" class="button secondary" disabled={!info.hasNext} onClick={() => onPage(info.page + 1)}>
          Next →
        </button>
      </span>
      {onPageSize && (
        <label class="pager-size">
          Per page{' '}
          <select value={String(pageSize)} onChange={(e) => onPageSize(Number((e.target as HTMLSelectElement).value))}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={String(s)}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}

// The header cell over a table's column of row buttons.
export function ActionsHeader() {
  return (
    <th scope="col">
      <span class="sr-only">Actions</span>
    </th>
  );
}

// A small button acting on one table row; `name` (the row's name) is read by screen readers only.
export function RowButton({ label, name, onClick }: { label: string; name: string; onClick: () => void }) {
  return (
    <button type="button" class="button secondary small" onClick={onClick}>
      {label}
      <span class="sr-only"> {name}</span>
    </button>
  );
}

// A list of figures, each a label over its value (the counts of a report).
export function ReportFigures({ figures }: { figures: [string, ComponentChildren][] }) {
  return (
    <dl class="report">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
