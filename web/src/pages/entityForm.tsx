import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, fieldOf } from '../lib/api';
import {
  hintFromAnswer,
  hintFromError,
  normalizeKindFor,
  shouldNormalize,
  type HintState,
  type NormalizedAnswer,
  type NormalizeKind,
} from '../lib/hits';
import { isPositiveId } from '../lib/router';
import { canWriteEntities } from '../lib/roles';
import {
  entityOptions,
  fromEntity,
  inputHint,
  inputKind,
  isRequired,
  missingRequired,
  orderProperties,
  toProperties,
  visibleProperties,
  type FormValues,
} from '../lib/schemaForm';
import type { Case, Entity, Schema, SchemaProperty } from '../lib/types';
import { loadSchemata, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { describedBy, ErrorBox, isNotFound, Loading, NotFound, Notice } from '../components/ui';
import { loadAllEntities } from './casePage';

async function loadForm(caseId?: string, entityId?: string) {
  let entity: Entity | null = null;
  let cid = caseId;
  if (entityId !== undefined) {
    if (!isPositiveId(entityId)) throw new ApiError(404, 'not_found', 'no such entity');
    entity = await api.get<Entity>(`/entities/${entityId}`);
    cid = String(entity.case_id);
  }
  if (!isPositiveId(cid)) throw new ApiError(404, 'not_found', 'no such case');
  const [c, schemata, entities] = await Promise.all([api.get<Case>(`/cases/${cid}`), loadSchemata(), loadAllEntities(cid!)]);
  return { c, schemata, entities, entity };
}

export function EntityFormPage({ caseId, entityId, schemaName }: { caseId?: string; entityId?: string; schemaName?: string }) {
  const { user } = useSession();
  const data = useAsync(() => loadForm(caseId, entityId), [caseId, entityId]);
  useTitle(entityId ? 'Edit entity' : 'Add entity');
  if (data.loading) return <Loading />;
  if (isNotFound(data.error)) return <NotFound what={entityId ? 'entity' : 'case'} />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const { c, schemata, entities, entity } = data.data;
  if (!canWriteEntities(user, c)) return <Notice kind="warning">Your role or desk does not change the entities of this case.</Notice>;
  const name = entity?.schema ?? (schemata.some((s) => s.name === schemaName) ? schemaName! : 'Person');
  return (
    <EntityForm
      key={`${name}-${entity?.id ?? 'new'}-${entity?.version ?? 0}`}
      c={c}
      schemata={schemata}
      schema={schemata.find((s) => s.name === name)!}
      entities={entities}
      entity={entity}
      reload={data.reload}
    />
  );
}

function EntityForm({
  c,
  schemata,
  schema,
  entities,
  entity,
  reload,
}: {
  c: Case;
  schemata: Schema[];
  schema: Schema;
  entities: Entity[];
  entity: Entity | null;
  reload: () => void;
}) {
  const [values, setValues] = useState<FormValues>(entity ? fromEntity(entity) : {});
  const [added, setAdded] = useState<string[]>([]);
  const [toAdd, setToAdd] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const shown = visibleProperties(schema, values, added);
  const hidden = orderProperties(schema).others.filter((p) => !shown.includes(p));
  const serverField = fieldOf(error, 'properties.');
  const conflict = error instanceof ApiError && error.status === 409;
  const errorFor = (name: string) => local[name] ?? (serverField === name ? (error as ApiError).message : null);

  useEffect(() => {
    if (serverField || Object.keys(local).length) document.querySelector<HTMLElement>('.has-error input, .has-error select, .has-error textarea')?.focus();
  }, [error, local]);

  const setValue = (name: string, index: number, value: string) => {
    const list = [...(values[name] ?? [''])];
    list[index] = value;
    setValues({ ...values, [name]: list });
  };
  const addValue = (name: string) => setValues({ ...values, [name]: [...(values[name] ?? ['']), ''] });
  const removeValue = (name: string, index: number) => setValues({ ...values, [name]: (values[name] ?? []).filter((_, i) => i !== index) });

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing = missingRequired(schema, values);
    setLocal(missing);
    setError(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const properties = toProperties(values);
      if (entity) await api.patch<Entity>(`/entities/${entity.id}`, { properties, version: entity.version });
      else await api.post<Entity>(`/cases/${c.id}/entities`, { schema: schema.name, properties });
      navigate(`/cases/${c.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <a href={`#/cases/${c.id}`} dir="auto">
              {c.reference}
            </a>{' '}
            · {c.title}
          </p>
          <h1>{entity ? `Edit ${schema.label.toLowerCase()}` : `Add ${schema.label.toLowerCase()}`}</h1>
        </div>
      </div>
      {conflict && (
        <div class="alert alert-error" role="alert">
          <strong>Someone else changed this entity while you were editing it.</strong> Your changes were not saved.{' '}
          <button type="button" class="button secondary small" onClick={reload}>
            Load the latest version
          </button>
        </div>
      )}
      {error && !conflict && !serverField && <ErrorBox error={error} />}
      <form class="form panel entity-form" onSubmit={submit} noValidate>
        {!entity && (
          <div class="field">
            <label for="entity-schema">Kind of entity</label>
            <select
              id="entity-schema"
              value={schema.name}
              onChange={(e) => navigate(`/cases/${c.id}/entities/new?schema=${encodeURIComponent((e.target as HTMLSelectElement).value)}`, true)}
            >
              {[...schemata]
                .sort((a, b) => a.label.localeCompare(b.label, 'en'))
                .map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.label}
                    {s.edge ? ' (link)' : ''}
                  </option>
                ))}
            </select>
          </div>
        )}
        {shown.map((p) => (
          <PropertyField
            key={p.name}
            property={p}
            required={isRequired(schema, p.name)}
            values={values[p.name]?.length ? values[p.name] : ['']}
            error={errorFor(p.name)}
            entities={entities}
            schemata={schemata}
            self={entity?.ftm_id}
            schemaName={schema.name}
            country={c.desk}
            onChange={(i, v) => setValue(p.name, i, v)}
            onAdd={() => addValue(p.name)}
            onRemove={(i) => removeValue(p.name, i)}
          />
        ))}
        {hidden.length > 0 && (
          <div class="add-field">
            <label for="add-property">More fields</label>
            <select id="add-property" value={toAdd} onChange={(e) => setToAdd((e.target as HTMLSelectElement).value)}>
              <option value="">Choose a field…</option>
              {hidden.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button secondary"
              disabled={!toAdd}
              onClick={() => {
                setAdded([...added, toAdd]);
                const name = toAdd;
                setToAdd('');
                setTimeout(() => document.getElementById(`prop-${name}-0`)?.focus(), 0);
              }}
            >
              Add field
            </button>
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? 'Saving…' : entity ? 'Save changes' : `Add ${schema.label.toLowerCase()}`}
          </button>
          <a class="button secondary" href={`#/cases/${c.id}`}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}

function PropertyField({
  property,
  required,
  values,
  error,
  entities,
  schemata,
  self,
  schemaName,
  country,
  onChange,
  onAdd,
  onRemove,
}: {
  schemaName: string;
  country: string;
  property: SchemaProperty;
  required: boolean;
  values: string[];
  error: string | null;
  entities: Entity[];
  schemata: Schema[];
  self?: string;
  onChange: (index: number, value: string) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  const kind = inputKind(property);
  const hint = inputHint(property);
  const normKind = normalizeKindFor(property, schemaName);
  const baseId = `prop-${property.name}`;
  const groupDescribed = describedBy(baseId, hint, error);
  return (
    <fieldset class={`field property${error ? ' has-error' : ''}`} aria-describedby={groupDescribed}>
      <legend>
        {property.label}
        {required && <span class="required" aria-hidden="true"> *</span>}
        {required && <span class="sr-only"> (required)</span>}
      </legend>
      {values.map((value, i) => {
        const id = `${baseId}-${i}`;
        const label = values.length > 1 ? `${property.label} ${i + 1}` : property.label;
        const common = {
          id,
          name: property.name,
          'aria-label': label,
          'aria-invalid': error ? ('true' as const) : undefined,
          'aria-describedby': groupDescribed,
          value,
        };
        let control;
        if (kind === 'textarea') {
          control = <textarea {...common} dir="auto" rows={3} onInput={(e) => onChange(i, (e.target as HTMLTextAreaElement).value)} />;
        } else if (kind === 'entity') {
          const options = entityOptions(property, entities, schemata, self);
          control = (
            <select {...common} onChange={(e) => onChange(i, (e.target as HTMLSelectElement).value)}>
              <option value="">— none —</option>
              {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        } else if (kind === 'gender') {
          control = (
            <select {...common} onChange={(e) => onChange(i, (e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              <option value="male">male</option>
              <option value="female">female</option>
              <option value="other">other</option>
            </select>
          );
        } else {
          const inputMode: 'decimal' | 'email' | 'url' | 'tel' | 'text' =
            kind === 'number' ? 'decimal' : kind === 'email' ? 'email' : kind === 'url' ? 'url' : kind === 'phone' ? 'tel' : 'text';
          control = (
            <input
              {...common}
              type="text"
              inputMode={inputMode}
              dir="auto"
              autoComplete="off"
              required={required && i === 0}
              placeholder={kind === 'date' ? 'YYYY-MM-DD' : kind === 'country' ? 'e.g. ly' : undefined}
              class={kind === 'date' || kind === 'country' ? 'short' : undefined}
              onInput={(e) => onChange(i, (e.target as HTMLInputElement).value)}
            />
          );
        }
        return (
          <div class="value-block" key={i}>
            <div class="value-row">
              {control}
              {values.length > 1 && (
                <button type="button" class="button secondary small" onClick={() => onRemove(i)}>
                  Remove<span class="sr-only"> {label}</span>
                </button>
              )}
            </div>
            {normKind && <NormalizeHint id={`${id}-norm`} kind={normKind} value={value} country={country} />}
          </div>
        );
      })}
      <button type="button" class="link-button" onClick={onAdd}>
        + another {property.label.toLowerCase()}
      </button>
      {hint && (
        <p class="hint" id={`${baseId}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${baseId}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

const NORMALIZE_DELAY_MS = 400;

// The value as the server's matcher will compare it (or why it is not valid), asked for a moment
// after the typing stops; never blocks saving.
function NormalizeHint({ id, kind, value, country }: { id: string; kind: NormalizeKind; value: string; country: string }) {
  const [state, setState] = useState<HintState>({ status: 'idle' });
  useEffect(() => {
    if (!shouldNormalize(kind, value)) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState((s) => (s.status === 'idle' ? { status: 'checking' } : s));
    const timer = setTimeout(() => {
      const body: Record<string, string> = { kind, value: value.trim() };
      if (country && kind !== 'name') body.country = country;
      api.post<NormalizedAnswer>('/normalize', body).then(
        (answer) => live && setState(hintFromAnswer(kind, value, answer)),
        (error) => live && setState(hintFromError(error instanceof ApiError ? error : {})),
      );
    }, NORMALIZE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, value, country]);
  if (state.status === 'idle' || state.status === 'unavailable') return null;
  return (
    <p id={id} class={`norm-hint norm-${state.status}`} aria-live="polite" dir="auto">
      {state.status === 'checking' ? 'Checking…' : state.text}
    </p>
  );
}
