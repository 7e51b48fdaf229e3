// The Focus Group page: members by desk, the meetings' programmes, the library of best
// practices (with a reader view of its own) and the country updates, with forms to add, change
// and remove entries for those allowed to write. A change or removal carries the version it
// read; one refused because someone else changed the entry meanwhile (409) offers its latest
// version. Every text from the server is rendered as text, never as HTML.
import { useState } from 'preact/hooks';
import { api, fieldOf } from '../lib/api';
import { formatDate, humanize, today } from '../lib/format';
import {
  canContribute,
  canEditFocusGroup,
  canWriteForDesk,
  changedFields,
  excerpt,
  isStaleWrite,
  versionedPath,
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
import { StaleNotice } from '../components/staleNotice';

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

// One small form's state: values, busy flag, the error and a success note. A new entry's form
// is emptied once saved; an edit form is closed by its section instead.
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
  const fieldError = (name: string) => (fieldOf(error) === name && !isStaleWrite(error) ? (error as Error).message : null);
  return { values, setValues, set, busy, error, setError, done, run, fieldError };
}

function FormFooter({
  busy,
  label,
  error,
  done,
  what,
  onReload,
  onCancel,
}: {
  busy: boolean;
  label: string;
  error: unknown;
  done: string | null;
  what?: string;
  onReload?: () => void;
  onCancel?: () => void;
}) {
  return (
    <>
      {isStaleWrite(error) && onReload ? (
        <StaleNotice what={what ?? 'entry'} onReload={onReload} />
      ) : error && (!fieldOf(error) || isStaleWrite(error)) ? (
        <ErrorBox error={error} />
      ) : null}
      {done && <Notice kind="success">{done}</Notice>}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : label}
        </button>
        {onCancel && (
          <button type="button" class="button secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}

// A removal that names the version read; a stale one shows the way to the latest version.
function RemoveError({ error, what, onReload }: { error: unknown; what: string; onReload: () => void }) {
  if (!error) return null;
  return isStaleWrite(error) ? <StaleNotice what={what} onReload={onReload} /> : <ErrorBox error={error} />;
}

// The entry being edited in a section, looked up in the freshly loaded list (so that "load the
// latest version" shows it), and the section's removal error.
function useEditing<T extends { id: number }>(items: T[]) {
  const [editingId, setEditingId] = useState<number | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const editing = editingId === null ? null : (items.find((x) => x.id === editingId) ?? null);
  return { editingId, setEditingId, editing, removeError, setRemoveError, removed, setRemoved };
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
  const edit = canEditFocusGroup(user);
  const ed = useEditing(members);
  const remove = async (m: FocusGroupMember) => {
    if (!window.confirm(`Remove ${m.name} from the Focus Group?`)) return;
    ed.setRemoveError(null);
    ed.setRemoved(null);
    try {
      await api.delete(versionedPath(`/focus-group/members/${m.id}`, m.version));
      if (ed.editingId === m.id) ed.setEditingId(null);
      ed.setRemoved(`${m.name} (${m.desk}) removed.`);
      reload();
    } catch (e) {
      ed.setRemoveError(e);
    }
  };
  return (
    <section class="panel" aria-labelledby="fg-members-h">
      <h2 id="fg-members-h">Members by desk</h2>
      <RemoveError error={ed.removeError} what="member entry" onReload={() => (ed.setRemoveError(null), reload())} />
      {ed.removed && <Notice kind="success">{ed.removed}</Notice>}
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
                {edit && <ActionsHeader />}
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
                      <td class="nowrap">
                        <RowButton label="Edit" name={m.name} onClick={() => ed.setEditingId(m.id)} />{' '}
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
        <MemberForm
          key={ed.editing ? `edit-${ed.editing.id}-${ed.editing.version}` : 'new'}
          member={ed.editing}
          desks={desks}
          reload={reload}
          onClose={() => ed.setEditingId(null)}
        />
      )}
    </section>
  );
}

function MemberForm({ member, desks, reload, onClose }: { member: FocusGroupMember | null; desks: Desk[]; reload: () => void; onClose: () => void }) {
  const initial = member ? { desk: member.desk, name: member.name, role: member.role, since: member.since } : { desk: '', name: '', role: 'member', since: '' };
  const form = useForm(initial);
  const p = member ? 'fg-edit-member' : 'fg-member';
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const v = form.values;
      if (member) {
        const m = await api.patch<FocusGroupMember>(`/focus-group/members/${member.id}`, changedFields(initial, v, member.version));
        onClose();
        reload();
        return `${m.name} (${m.desk}) saved.`;
      }
      const body: Record<string, string> = { desk: v.desk, name: v.name, role: v.role };
      if (v.since) body.since = v.since;
      const m = await api.post<FocusGroupMember>('/focus-group/members', body);
      reload();
      return `${m.name} (${m.desk}) added.`;
    });
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${p}-h`}>
      <h3 id={`${p}-h`}>{member ? `Edit ${member.name}` : 'Add a member'}</h3>
      <div class="form-row">
        <Field id={`${p}-desk`} label="Desk" required error={form.fieldError('desk')}>
          <DeskSelect id={`${p}-desk`} value={form.values.desk} onChange={form.set('desk')} desks={desks} />
        </Field>
        <Field id={`${p}-name`} label="Name" required error={form.fieldError('name')}>
          <input id={`${p}-name`} dir="auto" maxLength={200} value={form.values.name} onInput={form.set('name')} />
        </Field>
        <Field id={`${p}-role`} label="Role in the group" error={form.fieldError('role')}>
          <select id={`${p}-role`} value={form.values.role} onChange={form.set('role')}>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {humanize(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${p}-since`} label="Member since" hint="Empty: today" error={form.fieldError('since')}>
          <input
            id={`${p}-since`}
            type="date"
            value={form.values.since}
            onInput={form.set('since')}
            aria-describedby={describedBy(`${p}-since`, 'Empty: today', form.fieldError('since'))}
          />
        </Field>
      </div>
      <FormFooter
        busy={form.busy}
        label={member ? 'Save member' : 'Add member'}
        error={form.error}
        done={form.done}
        what="member entry"
        onReload={reload}
        onCancel={member ? onClose : undefined}
      />
    </form>
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
  const ed = useEditing(meetings);
  const remove = async (m: Meeting) => {
    if (!window.confirm(`Remove the meeting “${m.title}” and its programme?`)) return;
    ed.setRemoveError(null);
    ed.setRemoved(null);
    try {
      await api.delete(versionedPath(`/focus-group/meetings/${m.id}`, m.version));
      if (ed.editingId === m.id) ed.setEditingId(null);
      ed.setRemoved(`Meeting “${m.title}” removed.`);
      reload();
    } catch (e) {
      ed.setRemoveError(e);
    }
  };
  return (
    <section class="panel" aria-labelledby="fg-meetings-h">
      <h2 id="fg-meetings-h">Meetings</h2>
      <RemoveError error={ed.removeError} what="meeting" onReload={() => (ed.setRemoveError(null), reload())} />
      {ed.removed && <Notice kind="success">{ed.removed}</Notice>}
      {meetings.length === 0 && <p class="empty">No meetings yet.</p>}
      {meetings.map((m) => (
        <article key={m.id} class="meeting" aria-labelledby={`fg-meeting-${m.id}`}>
          <h3 id={`fg-meeting-${m.id}`} dir="auto">
            {m.title}
          </h3>
          <p class="muted">
            <time dateTime={m.date}>{formatDate(m.date)}</time> · <span dir="auto">{m.place}</span>
          </p>
          {edit && (
            <p class="row-actions">
              <RowButton label="Edit" name={m.title} onClick={() => ed.setEditingId(m.id)} />{' '}
              <RowButton label="Remove" name={m.title} onClick={() => remove(m)} />
            </p>
          )}
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
      {edit && (
        <MeetingForm
          key={ed.editing ? `edit-${ed.editing.id}-${ed.editing.version}` : 'new'}
          meeting={ed.editing}
          reload={reload}
          onClose={() => ed.setEditingId(null)}
        />
      )}
    </section>
  );
}

const sessionRow = (s: MeetingSession): SessionRow => ({ time: s.time, title: s.title, speakers: s.speakers.join('; '), summary: s.summary });

function MeetingForm({ meeting, reload, onClose }: { meeting: Meeting | null; reload: () => void; onClose: () => void }) {
  const form = useForm(meeting ? { title: meeting.title, date: meeting.date, place: meeting.place } : { title: '', date: '', place: 'Eurojust, The Hague' });
  const [sessions, setSessions] = useState<SessionRow[]>(() =>
    meeting && meeting.sessions.length > 0 ? meeting.sessions.map(sessionRow) : [emptySession()],
  );
  const p = meeting ? 'fg-edit' : 'fg';
  const setSession = (i: number, name: keyof SessionRow) => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    setSessions((rows) => rows.map((r, j) => (j === i ? { ...r, [name]: value } : r)));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const rows = sessions.filter((s) => s.time || s.title || s.speakers || s.summary);
      const body = {
        ...form.values,
        sessions: rows.map((s) => ({ time: s.time, title: s.title, speakers: parseSpeakers(s.speakers), summary: s.summary })),
      };
      if (meeting) {
        const m = await api.patch<Meeting>(`/focus-group/meetings/${meeting.id}`, { ...body, version: meeting.version });
        onClose();
        reload();
        return `Meeting “${m.title}” saved.`;
      }
      const m = await api.post<Meeting>('/focus-group/meetings', body);
      setSessions([emptySession()]);
      reload();
      return `Meeting “${m.title}” added with ${m.sessions.length} sessions.`;
    });
  };
  const err = fieldOf(form.error);
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${p}-add-meeting-h`}>
      <h3 id={`${p}-add-meeting-h`} dir="auto">
        {meeting ? `Edit “${meeting.title}”` : 'Add a meeting'}
      </h3>
      <div class="form-row">
        <Field id={`${p}-meeting-title`} label="Title" required error={form.fieldError('title')}>
          <input id={`${p}-meeting-title`} dir="auto" maxLength={300} value={form.values.title} onInput={form.set('title')} />
        </Field>
        <Field id={`${p}-meeting-date`} label="First day" required error={form.fieldError('date')}>
          <input id={`${p}-meeting-date`} type="date" value={form.values.date} onInput={form.set('date')} />
        </Field>
        <Field id={`${p}-meeting-place`} label="Place" required error={form.fieldError('place')}>
          <input id={`${p}-meeting-place`} dir="auto" maxLength={200} value={form.values.place} onInput={form.set('place')} />
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
            <Field id={`${p}-session-${i}-time`} label="Time (HH:MM)">
              <input id={`${p}-session-${i}-time`} class="short" placeholder="09:30" value={s.time} onInput={setSession(i, 'time')} />
            </Field>
            <Field id={`${p}-session-${i}-title`} label="Title">
              <input id={`${p}-session-${i}-title`} dir="auto" value={s.title} onInput={setSession(i, 'title')} />
            </Field>
            <Field id={`${p}-session-${i}-speakers`} label="Speakers" hint="Separated by semicolons">
              <input id={`${p}-session-${i}-speakers`} dir="auto" value={s.speakers} onInput={setSession(i, 'speakers')} />
            </Field>
          </div>
          <Field id={`${p}-session-${i}-summary`} label="Summary">
            <textarea id={`${p}-session-${i}-summary`} dir="auto" rows={2} value={s.summary} onInput={setSession(i, 'summary')} />
          </Field>
        </fieldset>
      ))}
      <button type="button" class="button secondary small" onClick={() => setSessions((rows) => [...rows, emptySession()])}>
        Add a session
      </button>
      <FormFooter
        busy={form.busy}
        label={meeting ? 'Save meeting' : 'Add meeting'}
        error={form.error}
        done={form.done}
        what="meeting"
        onReload={reload}
        onCancel={meeting ? onClose : undefined}
      />
    </form>
  );
}

// ---- best practices

function NotesSection({ notes, desks, user, reload }: { notes: BestPractice[]; desks: Desk[]; user: User; reload: () => void }) {
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
      {canContribute(user) && <NoteForm note={null} desks={desks} user={user} reload={reload} onClose={() => undefined} />}
    </section>
  );
}

const topicsOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

// A new note (in the library's section) or a change of one (on its reader page).
function NoteForm({ note, desks, user, reload, onClose }: { note: BestPractice | null; desks: Desk[]; user: User; reload: () => void; onClose: () => void }) {
  const editor = canEditFocusGroup(user);
  const initial = note
    ? { title: note.title, author_desk: note.author_desk, date: note.date, topics: note.topics.join(', '), body: note.body }
    : { title: '', author_desk: user.desk ?? '', date: '', topics: '', body: '' };
  const form = useForm(initial);
  const p = note ? 'fg-edit-note' : 'fg-note';
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const v = form.values;
      if (note) {
        const before = { ...initial, topics: topicsOf(initial.topics) };
        const after = { ...v, topics: topicsOf(v.topics) };
        const n = await api.patch<BestPractice>(`/focus-group/best-practices/${note.id}`, changedFields(before, after, note.version));
        onClose();
        reload();
        return `“${n.title}” saved.`;
      }
      const body: Record<string, unknown> = { title: v.title, body: v.body, topics: topicsOf(v.topics) };
      if (v.author_desk) body.author_desk = v.author_desk;
      if (v.date) body.date = v.date;
      const n = await api.post<BestPractice>('/focus-group/best-practices', body);
      reload();
      return `“${n.title}” is in the library.`;
    });
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${p}-h`}>
      <h3 id={`${p}-h`}>{note ? 'Edit the note' : 'Write a best-practice note'}</h3>
      <div class="form-row">
        <Field id={`${p}-title`} label="Title" required error={form.fieldError('title')}>
          <input id={`${p}-title`} dir="auto" maxLength={300} value={form.values.title} onInput={form.set('title')} />
        </Field>
        <Field id={`${p}-desk`} label="Desk" error={form.fieldError('author_desk')}>
          <DeskSelect id={`${p}-desk`} value={form.values.author_desk} onChange={form.set('author_desk')} desks={desks} only={editor ? null : user.desk} />
        </Field>
        <Field id={`${p}-date`} label="Date" hint="Empty: today" error={form.fieldError('date')}>
          <input id={`${p}-date`} type="date" value={form.values.date} onInput={form.set('date')} />
        </Field>
        <Field id={`${p}-topics`} label="Topics" hint="Separated by commas" error={form.fieldError('topics')}>
          <input id={`${p}-topics`} dir="auto" value={form.values.topics} onInput={form.set('topics')} />
        </Field>
      </div>
      <Field id={`${p}-body`} label="Text" required hint="Blank lines separate paragraphs; lines starting with “- ” form a list" error={form.fieldError('body')}>
        <textarea id={`${p}-body`} dir="auto" rows={8} value={form.values.body} onInput={form.set('body')} />
      </Field>
      <FormFooter
        busy={form.busy}
        label={note ? 'Save note' : 'Publish note'}
        error={form.error}
        done={form.done}
        what="note"
        onReload={reload}
        onCancel={note ? onClose : undefined}
      />
    </form>
  );
}

export function BestPracticePage({ id }: { id: string }) {
  const { user } = useSession();
  const note = useAsync(
    () => (isPositiveId(id) ? api.get<BestPractice>(`/focus-group/best-practices/${id}`) : Promise.reject(new Error('not found'))),
    [id],
  );
  const desks = useAsync(loadDesks, []);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  useTitle(note.data?.title ?? 'Best practice');
  if (note.loading && !note.data) return <Loading what="Loading the note" />;
  if (isNotFound(note.error) || (note.error && !isPositiveId(id))) return <NotFound what="note" />;
  if (note.error || !note.data) return <ErrorBox error={note.error} />;
  const n = note.data;
  const remove = async () => {
    if (!window.confirm(`Remove “${n.title}” from the library?`)) return;
    setError(null);
    try {
      await api.delete(versionedPath(`/focus-group/best-practices/${n.id}`, n.version));
      navigate('/focus-group');
    } catch (e) {
      setError(e);
    }
  };
  const mayWrite = canWriteForDesk(user, n.author_desk);
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
      <RemoveError
        error={error}
        what="note"
        onReload={() => {
          setError(null);
          note.reload();
        }}
      />
      {mayWrite && !editing && (
        <div class="form-actions">
          <button type="button" class="button primary" onClick={() => setEditing(true)}>
            Edit the note
          </button>
          <button type="button" class="button secondary" onClick={remove}>
            Remove from the library
          </button>
        </div>
      )}
      {mayWrite && editing && (
        <NoteForm key={`${n.id}-${n.version}`} note={n} desks={desks.data ?? []} user={user} reload={note.reload} onClose={() => setEditing(false)} />
      )}
    </article>
  );
}

// ---- country updates

function UpdatesSection({ updates, desks, user, reload }: { updates: CountryUpdate[]; desks: Desk[]; user: User; reload: () => void }) {
  const [filter, setFilter] = useState('');
  const ed = useEditing(updates);
  const shown = updates.filter((u) => !filter || parseDeskList(filter).includes(u.desk));
  const present = [...new Set(updates.map((u) => u.desk))].sort();
  const remove = async (u: CountryUpdate) => {
    if (!window.confirm(`Remove the update of desk ${u.desk} of ${formatDate(u.date)}?`)) return;
    ed.setRemoveError(null);
    ed.setRemoved(null);
    try {
      await api.delete(versionedPath(`/focus-group/country-updates/${u.id}`, u.version));
      if (ed.editingId === u.id) ed.setEditingId(null);
      ed.setRemoved(`Update of desk ${u.desk} removed.`);
      reload();
    } catch (e) {
      ed.setRemoveError(e);
    }
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
      <RemoveError error={ed.removeError} what="country update" onReload={() => (ed.setRemoveError(null), reload())} />
      {ed.removed && <Notice kind="success">{ed.removed}</Notice>}
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
              {canWriteForDesk(user, u.desk) && (
                <p class="row-actions">
                  <RowButton label="Edit" name={`update ${u.desk} ${u.date}`} onClick={() => ed.setEditingId(u.id)} />{' '}
                  <RowButton label="Remove" name={`update ${u.desk} ${u.date}`} onClick={() => remove(u)} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canContribute(user) && (
        <UpdateForm
          key={ed.editing ? `edit-${ed.editing.id}-${ed.editing.version}` : 'new'}
          update={ed.editing}
          desks={desks}
          user={user}
          reload={reload}
          onClose={() => ed.setEditingId(null)}
        />
      )}
    </section>
  );
}

function UpdateForm({ update, desks, user, reload, onClose }: { update: CountryUpdate | null; desks: Desk[]; user: User; reload: () => void; onClose: () => void }) {
  const editor = canEditFocusGroup(user);
  const initial = update ? { desk: update.desk, date: update.date, text: update.text } : { desk: user.desk ?? '', date: '', text: '' };
  const form = useForm(initial);
  const p = update ? 'fg-edit-update' : 'fg-update';
  const submit = (e: Event) => {
    e.preventDefault();
    form.run(async () => {
      const v = form.values;
      if (update) {
        const { desk: _desk, ...change } = changedFields(initial, v, update.version);
        const u = await api.patch<CountryUpdate>(`/focus-group/country-updates/${update.id}`, change);
        onClose();
        reload();
        return `Update for desk ${u.desk} saved.`;
      }
      const body: Record<string, string> = { text: v.text, date: v.date || today() };
      if (v.desk) body.desk = v.desk;
      const u = await api.post<CountryUpdate>('/focus-group/country-updates', body);
      reload();
      return `Update for desk ${u.desk} published.`;
    });
  };
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${p}-h`}>
      <h3 id={`${p}-h`}>{update ? `Edit the update of desk ${update.desk}` : 'Write a country update'}</h3>
      <div class="form-row">
        {!update && (
          <Field id={`${p}-desk`} label="Desk" error={form.fieldError('desk')}>
            <DeskSelect id={`${p}-desk`} value={form.values.desk} onChange={form.set('desk')} desks={desks} only={editor ? null : user.desk} />
          </Field>
        )}
        <Field id={`${p}-date`} label="Date" hint="Empty: today" error={form.fieldError('date')}>
          <input id={`${p}-date`} type="date" value={form.values.date} onInput={form.set('date')} />
        </Field>
      </div>
      <Field id={`${p}-text`} label="Update" required error={form.fieldError('text')}>
        <textarea id={`${p}-text`} dir="auto" rows={4} value={form.values.text} onInput={form.set('text')} />
      </Field>
      <FormFooter
        busy={form.busy}
        label={update ? 'Save update' : 'Publish update'}
        error={form.error}
        done={form.done}
        what="country update"
        onReload={reload}
        onCancel={update ? onClose : undefined}
      />
    </form>
  );
}
