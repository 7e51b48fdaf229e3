import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatDateTime, formatRelative, humanize } from '../lib/format';
import { caseListToParams, caseListToQuery, parseCaseListState, withFilter, type CaseListState } from '../lib/listState';
import { canCreateCase } from '../lib/roles';
import type { Case, Desk, Page, Vocabulary } from '../lib/types';
import { loadDesks, loadVocabulary, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorBox, Loading, Pager, SensitivityBadge, SortHeader, StageBadge } from '../components/ui';

export function CaseListPage({ params }: { params: URLSearchParams }) {
  useTitle('Cases');
  const { user } = useSession();
  const key = params.toString();
  const state = parseCaseListState(params);
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);

  const go = (next: CaseListState) => {
    const text = caseListToParams(next).toString();
    navigate(`/cases${text ? `?${text}` : ''}`);
  };

  const lists = useAsync(() => Promise.all([loadVocabulary(), loadDesks()]), []);
  const cases = useAsync(() => api.get<Page<Case>>('/cases', caseListToQuery(state)), [key]);
  const vocab: Vocabulary | undefined = lists.data?.[0];
  const desks: Desk[] = lists.data?.[1] ?? [];

  return (
    <>
      <div class="page-head">
        <h1>Cases</h1>
        {canCreateCase(user) && (
          <a class="button primary" href="#/cases/new">
            New case
          </a>
        )}
      </div>
      <form
        class="filters"
        role="search"
        aria-label="Search and filter cases"
        onSubmit={(e) => {
          e.preventDefault();
          go(withFilter(state, { q }));
        }}
      >
        <div class="field grow">
          <label for="case-q">Search</label>
          <input
            id="case-q"
            type="search"
            placeholder="Reference, title or summary"
            value={q}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="case-stage">Stage</label>
          <select id="case-stage" value={state.stage} onChange={(e) => go(withFilter(state, { stage: (e.target as HTMLSelectElement).value }))}>
            <option value="">All stages</option>
            {vocab?.stages.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="case-offence">Offence</label>
          <select
            id="case-offence"
            value={state.offence}
            onChange={(e) => go(withFilter(state, { offence: (e.target as HTMLSelectElement).value }))}
          >
            <option value="">All offences</option>
            {vocab?.offence_types.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="case-desk">Owning desk</label>
          <select id="case-desk" value={state.desk} onChange={(e) => go(withFilter(state, { desk: (e.target as HTMLSelectElement).value }))}>
            <option value="">All desks</option>
            {desks.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field actions">
          <button type="submit" class="button primary">
            Search
          </button>
          {(state.q || state.stage || state.offence || state.desk) && (
            <button type="button" class="button secondary" onClick={() => go(withFilter(state, { q: '', stage: '', offence: '', desk: '' }))}>
              Clear
            </button>
          )}
        </div>
      </form>
      <ErrorBox error={cases.error} />
      {cases.loading && !cases.data && <Loading what="Loading cases" />}
      {cases.data && (
        <>
          <div class="table-wrap">
            <table class="table cases-table">
              <caption class="sr-only">Cases visible to desk {user.desk}</caption>
              <thead>
                <tr>
                  <SortHeader field="reference" label="Reference" sort={state.sort} onSort={(sort) => go({ ...state, sort, page: 1 })} />
                  <SortHeader field="title" label="Title" sort={state.sort} onSort={(sort) => go({ ...state, sort, page: 1 })} />
                  <th scope="col">Desk</th>
                  <SortHeader field="stage" label="Stage" sort={state.sort} onSort={(sort) => go({ ...state, sort, page: 1 })} />
                  <th scope="col">Handling</th>
                  <th scope="col" class="num">
                    Entities
                  </th>
                  <SortHeader field="updated_at" label="Updated" sort={state.sort} onSort={(sort) => go({ ...state, sort, page: 1 })} />
                </tr>
              </thead>
              <tbody>
                {cases.data.items.length === 0 && (
                  <tr>
                    <td colSpan={7} class="empty">
                      No case matches.
                    </td>
                  </tr>
                )}
                {cases.data.items.map((c) => (
                  <tr key={c.id}>
                    <td class="nowrap">
                      <a href={`#/cases/${c.id}`} dir="auto">
                        {c.reference}
                      </a>
                    </td>
                    <td dir="auto">
                      {c.title}
                      <div class="offences">{c.offences.map(humanize).join(' · ')}</div>
                    </td>
                    <td>
                      {c.desk}
                      {c.desk !== user.desk && <span class="tag">shared</span>}
                    </td>
                    <td>
                      <StageBadge stage={c.stage} />
                    </td>
                    <td>
                      <SensitivityBadge level={c.sensitivity} />
                    </td>
                    <td class="num">{c.entity_count}</td>
                    <td class="nowrap">
                      <time dateTime={c.updated_at} title={formatDateTime(c.updated_at)}>
                        {formatRelative(c.updated_at)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={cases.data.total}
            page={state.page}
            pageSize={state.pageSize}
            noun="cases"
            onPage={(page) => go({ ...state, page })}
            onPageSize={(pageSize) => go({ ...state, pageSize, page: 1 })}
          />
        </>
      )}
    </>
  );
}
