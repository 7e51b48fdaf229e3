import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, fieldOf } from '../lib/api';
import { humanize } from '../lib/format';
import { isPositiveId } from '../lib/router';
import { canCreateCase, canManageCase } from '../lib/roles';
import type { Case, Vocabulary } from '../lib/types';
import { loadVocabulary, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { describedBy, ErrorBox, Field, isNotFound, Loading, NotFound, Notice } from '../components/ui';

interface CaseFields {
  reference: string;
  title: string;
  summary: string;
  offences: string[];
  stage: string;
  stage_date: string;
  sensitivity: string;
  retention_review: string;
}

const EMPTY: CaseFields = {
  reference: '',
  title: '',
  summary: '',
  offences: ['migrant_smuggling'],
  stage: 'opened',
  stage_date: '',
  sensitivity: 'restricted',
  retention_review: '',
};

function fieldsOf(c: Case): CaseFields {
  return {
    reference: c.reference,
    title: c.title,
    summary: c.summary,
    offences: [...c.offences],
    stage: c.stage,
    stage_date: c.stage_date,
    sensitivity: c.sensitivity,
    retention_review: c.retention_review,
  };
}

// The body of a PATCH: the fields that changed, and the version read.
export function casePatch(before: Case, after: CaseFields): Record<string, unknown> {
  const body: Record<string, unknown> = { version: before.version };
  const old = fieldsOf(before);
  for (const key of Object.keys(after) as (keyof CaseFields)[]) {
    const a = after[key];
    const b = old[key];
    const same = Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b;
    if (!same) body[key] = typeof a === 'string' ? a.trim() : a;
  }
  return body;
}

export function CaseFormPage({ id }: { id?: string }) {
  const { user } = useSession();
  const editing = id !== undefined;
  useTitle(editing ? 'Edit case' : 'New case');
  const vocab = useAsync(() => loadVocabulary(), []);
  const existing = useAsync(
    () => (editing ? (isPositiveId(id) ? api.get<Case>(`/cases/${id}`) : Promise.reject(new ApiError(404, 'not_found', 'no such case'))) : Promise.resolve(null)),
    [id],
  );
  if (vocab.loading || existing.loading) return <Loading />;
  if (isNotFound(existing.error)) return <NotFound what="case" />;
  if (vocab.error || existing.error) return <ErrorBox error={vocab.error || existing.error} />;
  const c = existing.data ?? null;
  if (c && !canManageCase(user, c)) return <Notice kind="warning">Only prosecutors and national members of desk {c.desk} change this case.</Notice>;
  if (!c && !canCreateCase(user)) return <Notice kind="warning">Your role does not open cases.</Notice>;
  return <CaseForm key={c ? `${c.id}-${c.version}` : 'new'} c={c} vocab={vocab.data!} reload={existing.reload} />;
}

function CaseForm({ c, vocab, reload }: { c: Case | null; vocab: Vocabulary; reload: () => void }) {
  const [f, setF] = useState<CaseFields>(c ? fieldsOf(c) : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (fieldOf(error) === name ? (error as ApiError).message : null);
  const conflict = error instanceof ApiError && error.status === 409 && fieldOf(error) === 'version';
  useEffect(() => {
    if (error && !conflict) document.querySelector<HTMLElement>('.has-error input, .has-error select, .has-error textarea')?.focus();
  }, [error]);

  const set = (key: keyof CaseFields) => (e: Event) => setF({ ...f, [key]: (e.target as HTMLInputElement).value });
  const toggleOffence = (o: string) =>
    setF({ ...f, offences: f.offences.includes(o) ? f.offences.filter((x) => x !== o) : [...f.offences, o] });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let saved: Case;
      if (c) {
        saved = await api.patch<Case>(`/cases/${c.id}`, casePatch(c, f));
      } else {
        const body: Record<string, unknown> = {
          reference: f.reference.trim(),
          title: f.title.trim(),
          offences: f.offences,
          stage: f.stage,
          sensitivity: f.sensitivity,
        };
        if (f.summary.trim()) body.summary = f.summary;
        if (f.stage_date) body.stage_date = f.stage_date;
        if (f.retention_review) body.retention_review = f.retention_review;
        saved = await api.post<Case>('/cases', body);
      }
      navigate(`/cases/${saved.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const input = (name: keyof CaseFields, label: string, opts: { required?: boolean; type?: 'text' | 'date'; hint?: string; maxLength?: number } = {}) => {
    const id = `case-${name}`;
    const err = fieldError(name);
    return (
      <Field id={id} label={label} required={opts.required} hint={opts.hint} error={err}>
        <input
          id={id}
          name={name}
          type={opts.type ?? 'text'}
          dir="auto"
          maxLength={opts.maxLength}
          required={opts.required}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={describedBy(id, opts.hint, err)}
          value={f[name] as string}
          onInput={set(name)}
        />
      </Field>
    );
  };

  const offenceError = fieldError('offences');
  return (
    <>
      <div class="page-head">
        <h1>{c ? `Edit case ${c.reference}` : 'New case'}</h1>
      </div>
      {conflict ? (
        <div class="alert alert-error" role="alert">
          <strong>Someone else changed this case while you were editing it.</strong> Your changes were not saved. Load the
          latest version, then make your changes again.{' '}
          <button type="button" class="button secondary small" onClick={reload}>
            Load the latest version
          </button>
        </div>
      ) : (
        error && !fieldOf(error) && <ErrorBox error={error} />
      )}
      <form class="form panel" onSubmit={submit} noValidate>
        <div class="form-row">
          {input('reference', 'Reference', { required: true, hint: 'Your desk’s own reference, unique on the desk', maxLength: 64 })}
          {input('title', 'Title', { required: true, maxLength: 300 })}
        </div>
        <Field id="case-summary" label="Summary" error={fieldError('summary')}>
          <textarea id="case-summary" dir="auto" rows={5} maxLength={20000} value={f.summary} onInput={set('summary')} />
        </Field>
        <fieldset class={`field checkbox-group${offenceError ? ' has-error' : ''}`} aria-describedby={offenceError ? 'offences-error' : undefined}>
          <legend>
            Offences<span class="required" aria-hidden="true"> *</span>
          </legend>
          <div class="checkbox-grid">
            {vocab.offence_types.map((o) => (
              <label key={o} class="checkbox">
                <input type="checkbox" checked={f.offences.includes(o)} onChange={() => toggleOffence(o)} /> {humanize(o)}
              </label>
            ))}
          </div>
          {offenceError && (
            <p class="field-error" id="offences-error" role="alert">
              {offenceError}
            </p>
          )}
        </fieldset>
        <div class="form-row">
          <Field id="case-stage" label="Stage" error={fieldError('stage')}>
            <select id="case-stage" value={f.stage} onChange={set('stage')}>
              {vocab.stages.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </Field>
          {input('stage_date', 'Stage since', { type: 'date', hint: c ? undefined : 'Empty: today' })}
          <Field id="case-sensitivity" label="Handling code" error={fieldError('sensitivity')}>
            <select id="case-sensitivity" value={f.sensitivity} onChange={set('sensitivity')}>
              {vocab.sensitivity_levels.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </Field>
          {input('retention_review', 'Retention review', { type: 'date', hint: c ? undefined : 'Empty: three years from today' })}
        </div>
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? 'Saving…' : c ? 'Save changes' : 'Open case'}
          </button>
          <a class="button secondary" href={c ? `#/cases/${c.id}` : '#/cases'}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
