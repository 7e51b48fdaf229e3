// The Focus Group page: members by desk, the meetings' programmes, the library of best
// practices (with a reader view of its own) and the country updates, with forms for those
// allowed to write. Every text from the server is rendered as text, never as HTML.
import { useState } from 'preact/hooks';
import { api, fieldOf } from '../lib/api';
import { formatDate, humanize, today } from '../lib/format';
import {
  canContribute,
  canEditFocusGroup,
  canWriteForDesk,
  excerpt,
  groupMembersByDesk,
  parseDeskList,
  parseSpeakers,
  type BestPractice,
  type CountryUpdate,
  type FocusGroupMember,
  type Meeting,
  type MeetingSession,
} from '../lib/focusGroup';
import { isPositiveId } from '../lib/router';
import type { Desk, User } from '../lib/types';
import { loadDesks, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { NoteBody } from '../components/noteBody';
import { ActionsHeader, describedBy, ErrorBox, Field, isNotFound, Loading, NotFound, Notice, RowButton } from '../components/ui';

const MEMBER_ROLES = ['chair', 'vice_chair', 'member', 'alternate', 'contact_point'];

async function loadFocusGroup() {
  const [members, meetings, notes, updates, desks] = await Promise.all([
    api.get<{ items: FocusGroupMember[] }>('/focus-group/members').then((r) => r.items),
    api.get<{ items: Meeting[] }>('/focus-group/meetings').then((r) => r.items),
    api.get<{ items: BestPractice[] }>('/focus-group/best-practices').then((r) => r.items),
    api.get<{ items: CountryUpdate[] }>('/focus-group/country-updates').then((r) => r.items),
    loadDesks(),
  ]);
  return { members, meetings, notes, updates, desks };
}

export function FocusGroupPage() {
  const { user } = useSession();
  const data = useAsync(loadFocusGroup, []);
  useTitle('Focus Group');
  if (data.loading && !data.data) return <Loading what="Loading the Focus Group" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const { members, meetings, notes, updates, desks } = data.data;
  return (
    <article class="focus-group" aria-labelledby="fg-title">
      <div class="page-head">
        <div>
          <p class="eyebrow">Shared knowledge of the network of specialised prosecutors</p>
          <h1 id="fg-title">Focus Group on migrant smuggling</h1>
        </div>
      </div>
      <MembersSection members={members} desks={desks} user={user} reload={data.reload} />
      <MeetingsSection meetings={meetings} user={user} reload={data.reload} />
      <NotesSection notes={notes} desks={desks} user={user} reload={data.reload} />
      <UpdatesSection updates={updates} desks={desks} user={user} reload={data.reload} />
    </article>
  );
}

function deskName(desks: Desk[], code: string): string {
  return desks.find((d) => d.code === code)?.name ?? code;
}

// One small form's state: values, busy flag, the error and a success note.
function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (name: keyof T) => (e: Event) => setValues((v) => ({ ...v, [name]: (e.target as HTMLInputElement).value }));
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      setValues(initial);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => (fieldOf(error) === name ? (error as Error).message : null);
  return { values, setValues, set, busy, error, done, run, fieldError };
}

function FormFooter({ busy, label, error, done }: { busy: boolean; label: string; error: unknown; done: string | null }) {
  return (
    <>
      {error && !fieldOf(error) ? <ErrorBox error={error} /> : null}
      {done && <Notice kind="success">{done}</Notice>}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : label}
        </button>
      </div>
    </>
  );
}

function DeskSelect({ id, value, onChange, desks, only }: { id: string; value: string; onChange: (e: Event) => void; desks: Desk[]; only?: string | null }) {
  const list = only ? desks.filter((d) => d.code === only) : desks;
  return (
    <select id={id} value={value} onChange={onChange}>
      {!only && <option value="">Choose a desk…</option>}
      {list.map((d) => (
        <option key={d.code} value={d.code}>
          {d.code} — {d.name}
        </option>
      ))}
    </select>
  );
}

// ---- members

function MembersSection({ members, desks, user, reload }: { members: FocusGroupMember[]; desks: Desk[]; user: User; reload: () => void }) {
  const groups = groupMembersByDesk(members);
  const form = useForm({ desk: '', name: '', role: 'member', since: '' });
  const edit = canEditFocusGroup(user);
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const v = form.values;
      const body: Record<string, string> = { desk: v.desk, name: v.name, role: v.role };
      if (v.since) body.since = v.since;
      const m = await api.post<FocusGroupMember>('/focus-group/members', body);
      reload();
      return `${m.name} (${m.desk}) added.`;
    });
  };
  const remove = async (m: FocusGroupMember) => {
    if (!window.confirm(`Remove ${m.name} from the Focus Group?`)) return;
    await api.delete(`/focus-group/members/${m.id}`).then(reload, (e) => window.alert((e as Error).message));
  };
  return (
    <section class="panel" aria-labelledby="fg-members-h">
      <h2 id="fg-members-h">Members by desk</h2>
      {groups.length === 0 ? (
        <p class="empty">No members are listed yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">Desk</th>
                <th scope="col">Name</th>
                <th scope="col">Role in the group</th>
                <th scope="col">Since</th>
                {edit && (
                  <ActionsHeader />
                )}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) =>
                g.members.map((m, i) => (
                  <tr key={m.id}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={g.members.length}>
                        {g.desk} <span class="muted small">{deskName(desks, g.desk)}</span>
                      </th>
                    ) : null}
                    <td>
                      <bdi dir="auto">{m.name}</bdi>
                      {m.user_id !== null && <span class="tag">hub account</span>}
                    </td>
                    <td>{humanize(m.role)}</td>
                    <td>{formatDate(m.since)}</td>
                    {edit && (
                      <td>
                        <RowButton label="Remove" name={m.name} onClick={() => remove(m)} />
                      </td>
                    )}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      {edit && (
        <form class="form" onSubmit={submit} noValidate aria-labelledby="fg-add-member-h">
          <h3 id="fg-add-member-h">Add a member</h3>
          <div class="form-row">
            <Field id="fg-member-desk" label="Desk" required error={form.fieldError('desk')}>
              <DeskSelect id="fg-member-desk" value={form.values.desk} onChange={form.set('desk')} desks={desks} />
            </Field>
            <Field id="fg-member-name" label="Name" required error={form.fieldError('name')}>
              <input id="fg-member-name" dir="auto" maxLength={200} value={form.values.name} onInput={form.set('name')} />
            </Field>
            <Field id="fg-member-role" label="Role in the group" error={form.fieldError('role')}>
              <select id="fg-member-role" value={form.values.role} onChange={form.set('role')}>
                {MEMBER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {humanize(r)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="fg-member-since" label="Member since" hint="Empty: today" error={form.fieldError('since')}>
              <input id="fg-member-since" type="date" value={form.values.since} onInput={form.set('since')} aria-describedby={describedBy('fg-member-since', 'Empty: today', form.fieldError('since'))} />
            </Field>
          </div>
          <FormFooter busy={form.busy} label="Add member" error={form.error} done={form.done} />
        </form>
      )}
    </section>
  );
}

// ---- meetings

interface SessionRow {
  time: string;
  title: string;
  speakers: string;
  summary: string;
}
const emptySession = (): SessionRow => ({ time: '', title: '', speakers: '', summary: '' });

function MeetingsSection({ meetings, user, reload }: { meetings: Meeting[]; user: User; reload: () => void }) {
  const edit = canEditFocusGroup(user);
  return (
    <section class="panel" aria-labelledby="fg-meetings-h">
      <h2 id="fg-meetings-h">Meetings</h2>
      {meetings.length === 0 && <p class="empty">No meetings yet.</p>}
      {meetings.map((m) => (
        <article key={m.id} class="meeting" aria-labelledby={`fg-meeting-${m.id}`}>
          <h3 id={`fg-meeting-${m.id}`} dir="auto">
            {m.title}
          </h3>
          <p class="muted">
            <time dateTime={m.date}>{formatDate(m.date)}</time> · <span dir="auto">{m.place}</span>
          </p>
          {m.sessions.length === 0 ? (
            <p class="empty">The programme is not published yet.</p>
          ) : (
            <ol class="programme">
              {m.sessions.map((s: MeetingSession, i) => (
                <li key={s.id ?? i}>
                  <p>
                    <strong>{s.time}</strong> <span dir="auto">{s.title}</span>
                  </p>
                  {s.speakers.length > 0 && (
                    <p class="muted small">
                      Speakers: <bdi dir="auto">{s.speakers.join('; ')}</bdi>
                    </p>
                  )}
                  {s.summary && <p dir="auto">{s.summary}</p>}
                </li>
              ))}
            </ol>
          )}
        </article>
      ))}
      {edit && <MeetingForm reload={reload} />}
    </section>
  );
}

function MeetingForm({ reload }: { reload: () => void }) {
  const form = useForm({ title: '', date: '', place: 'Eurojust, The Hague' });
  const [sessions, setSessions] = useState<SessionRow[]>([emptySession()]);
  const setSession = (i: number, name: keyof SessionRow) => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    setSessions((rows) => rows.map((r, j) => (j === i ? { ...r, [name]: value } : r)));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const rows = sessions.filter((s) => s.time || s.title || s.speakers || s.summary);
      const m = await api.post<Meeting>('/focus-group/meetings', {
        ...form.values,
        sessions: rows.map((s) => ({ time: s.time, title: s.title, speakers: parseSpeakers(s.speakers), summary: s.summary })),
      });
      setSessions([emptySession()]);
      reload();
      return `Meeting “${m.title}” added with ${m.sessions.length} sessions.`;
    });
  };
  const err = fieldOf(form.error);
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="fg-add-meeting-h">
      <h3 id="fg-add-meeting-h">Add a meeting</h3>
      <div class="form-row">
        <Field id="fg-meeting-title" label="Title" required error={form.fieldError('title')}>
          <input id="fg-meeting-title" dir="auto" maxLength={300} value={form.values.title} onInput={form.set('title')} />
        </Field>
        <Field id="fg-meeting-date" label="First day" required error={form.fieldError('date')}>
          <input id="fg-meeting-date" type="date" value={form.values.date} onInput={form.set('date')} />
        </Field>
        <Field id="fg-meeting-place" label="Place" required error={form.fieldError('place')}>
          <input id="fg-meeting-place" dir="auto" maxLength={200} value={form.values.place} onInput={form.set('place')} />
        </Field>
      </div>
      {sessions.map((s, i) => (
        <fieldset key={i} class="field">
          <legend>Session {i + 1}</legend>
          {err?.startsWith(`sessions[${i}]`) && (
            <p class="field-error" role="alert">
              {(form.error as Error).message}
            </p>
          )}
          <div class="form-row">
            <Field id={`fg-session-${i}-time`} label="Time (HH:MM)">
              <input id={`fg-session-${i}-time`} class="short" placeholder="09:30" value={s.time} onInput={setSession(i, 'time')} />
            </Field>
            <Field id={`fg-session-${i}-title`} label="Title">
              <input id={`fg-session-${i}-title`} dir="auto" value={s.title} onInput={setSession(i, 'title')} />
            </Field>
            <Field id={`fg-session-${i}-speakers`} label="Speakers" hint="Separated by semicolons">
              <input id={`fg-session-${i}-speakers`} dir="auto" value={s.speakers} onInput={setSession(i, 'speakers')} />
            </Field>
          </div>
          <Field id={`fg-session-${i}-summary`} label="Summary">
            <textarea id={`fg-session-${i}-summary`} dir="auto" rows={2} value={s.summary} onInput={setSession(i, 'summary')} />
          </Field>
        </fieldset>
      ))}
      <button type="button" class="button secondary small" onClick={() => setSessions((rows) => [...rows, emptySession()])}>
        Add a session
      </button>
      <FormFooter busy={form.busy} label="Add meeting" error={form.error} done={form.done} />
    </form>
  );
}

// ---- best practices

function NotesSection({ notes, desks, user, reload }: { notes: BestPractice[]; desks: Desk[]; user: User; reload: () => void }) {
  const editor = canEditFocusGroup(user);
  const form = useForm({ title: '', author_desk: user.desk ?? '', date: '', topics: '', body: '' });
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const v = form.values;
      const body: Record<string, unknown> = { title: v.title, body: v.body, topics: v.topics.split(',').map((t) => t.trim()).filter(Boolean) };
      if (v.author_desk) body.author_desk = v.author_desk;
      if (v.date) body.date = v.date;
      const n = await api.post<BestPractice>('/focus-group/best-practices', body);
      reload();
      return `“${n.title}” is in the library.`;
    });
  };
  return (
    <section class="panel" aria-labelledby="fg-notes-h">
      <h2 id="fg-notes-h">Best practices</h2>
      {notes.length === 0 ? (
        <p class="empty">The library is empty.</p>
      ) : (
        <ul class="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <h3>
                <a href={`#/focus-group/best-practices/${n.id}`} dir="auto">
                  {n.title}
                </a>
              </h3>
              <p class="muted small">
                Desk {n.author_desk} · <time dateTime={n.date}>{formatDate(n.date)}</time>
                {n.topics.map((t) => (
                  <span key={t} class="tag">
                    {t}
                  </span>
                ))}
              </p>
              <p dir="auto">{excerpt(n.body)}</p>
            </li>
          ))}
        </ul>
      )}
      {canContribute(user) && (
        <form class="form" onSubmit={submit} noValidate aria-labelledby="fg-add-note-h">
          <h3 id="fg-add-note-h">Write a best-practice note</h3>
          <div class="form-row">
            <Field id="fg-note-title" label="Title" required error={form.fieldError('title')}>
              <input id="fg-note-title" dir="auto" maxLength={300} value={form.values.title} onInput={form.set('title')} />
            </Field>
            <Field id="fg-note-desk" label="Desk" error={form.fieldError('author_desk')}>
              <DeskSelect id="fg-note-desk" value={form.values.author_desk} onChange={form.set('author_desk')} desks={desks} only={editor ? null : user.desk} />
            </Field>
            <Field id="fg-note-date" label="Date" hint="Empty: today" error={form.fieldError('date')}>
              <input id="fg-note-date" type="date" value={form.values.date} onInput={form.set('date')} />
            </Field>
            <Field id="fg-note-topics" label="Topics" hint="Separated by commas" error={form.fieldError('topics')}>
              <input id="fg-note-topics" dir="auto" value={form.values.topics} onInput={form.set('topics')} />
            </Field>
          </div>
          <Field id="fg-note-body" label="Text" required hint="Blank lines separate paragraphs; lines starting with “- ” form a list" error={form.fieldError('body')}>
            <textarea id="fg-note-body" dir="auto" rows={8} value={form.values.body} onInput={form.set('body')} />
          </Field>
          <FormFooter busy={form.busy} label="Publish note" error={form.error} done={form.done} />
        </form>
      )}
    </section>
  );
}

export function BestPracticePage({ id }: { id: string }) {
  const { user } = useSession();
  const note = useAsync(
    () => (isPositiveId(id) ? api.get<BestPractice>(`/focus-group/best-practices/${id}`) : Promise.reject(new Error('not found'))),
    [id],
  );
  const [error, setError] = useState<unknown>(null);
  useTitle(note.data?.title ?? 'Best practice');
  if (note.loading && !note.data) return <Loading what="Loading the note" />;
  if (isNotFound(note.error) || (note.error && !isPositiveId(id))) return <NotFound what="note" />;
  if (note.error || !note.data) return <ErrorBox error={note.error} />;
  const n = note.data;
  const remove = async () => {
    if (!window.confirm(`Remove “${n.title}” from the library?`)) return;
    try {
      await api.delete(`/focus-group/best-practices/${n.id}`);
      navigate('/focus-group');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article class="reader panel" aria-labelledby="note-title">
      <p>
        <a href="#/focus-group">← Focus Group</a>
      </p>
      <p class="eyebrow">Best practice · desk {n.author_desk}</p>
      <h1 id="note-title" dir="auto">
        {n.title}
      </h1>
      <p class="muted">
        <time dateTime={n.date}>{formatDate(n.date)}</time>
        {n.topics.map((t) => (
          <span key={t} class="tag">
            {t}
          </span>
        ))}
      </p>
      <NoteBody text={n.body} />
      {canWriteForDesk(user, n.author_desk) && (
        <div class="form-actions">
          <button type="button" class="button secondary" onClick={remove}>
            Remove from the library
          </button>
        </div>
      )}
      <ErrorBox error={error} />
    </article>
  );
}

// ---- country updates

function UpdatesSection({ updates, desks, user, reload }: { updates: CountryUpdate[]; desks: Desk[]; user: User; reload: () => void }) {
  const editor = canEditFocusGroup(user);
  const [filter, setFilter] = useState('');
  const form = useForm({ desk: user.desk ?? '', date: '', text: '' });
  const shown = updates.filter((u) => !filter || parseDeskList(filter).includes(u.desk));
  const present = [...new Set(updates.map((u) => u.desk))].sort();
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const v = form.values;
      const body: Record<string, string> = { text: v.text, date: v.date || today() };
      if (v.desk) body.desk = v.desk;
      const u = await api.post<CountryUpdate>('/focus-group/country-updates', body);
      reload();
      return `Update for desk ${u.desk} published.`;
    });
  };
  return (
    <section class="panel" aria-labelledby="fg-updates-h">
      <div class="section-head">
        <h2 id="fg-updates-h">Country updates</h2>
        <div class="inline-form">
          <label for="fg-updates-filter">Desk</label>
          <select id="fg-updates-filter" value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value)}>
            <option value="">All desks</option>
            {present.map((d) => (
              <option key={d} value={d}>
                {d} — {deskName(desks, d)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {shown.length === 0 ? (
        <p class="empty">No country updates.</p>
      ) : (
        <ul class="update-list">
          {shown.map((u) => (
            <li key={u.id}>
              <h3>
                {u.desk} — {deskName(desks, u.desk)} <span class="muted small">{formatDate(u.date)}</span>
              </h3>
              <NoteBody text={u.text} />
            </li>
          ))}
        </ul>
      )}
      {canContribute(user) && (
        <form class="form" onSubmit={submit} noValidate aria-labelledby="fg-add-update-h">
          <h3 id="fg-add-update-h">Write a country update</h3>
          <div class="form-row">
            <Field id="fg-update-desk" label="Desk" error={form.fieldError('desk')}>
              <DeskSelect id="fg-update-desk" value={form.values.desk} onChange={form.set('desk')} desks={desks} only={editor ? null : user.desk} />
            </Field>
            <Field id="fg-update-date" label="Date" hint="Empty: today" error={form.fieldError('date')}>
              <input id="fg-update-date" type="date" value={form.values.date} onInput={form.set('date')} />
            </Field>
          </div>
          <Field id="fg-update-text" label="Update" required error={form.fieldError('text')}>
            <textarea id="fg-update-text" dir="auto" rows={4} value={form.values.text} onInput={form.set('text')} />
          </Field>
          <FormFooter busy={form.busy} label="Publish update" error={form.error} done={form.done} />
        </form>
      )}
    </section>
  );
}
