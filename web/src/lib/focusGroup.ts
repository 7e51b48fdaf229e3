// The Focus Group's shared knowledge and a case's cooperation records: types and the pure
// logic of their pages (who sees which form, grouping, the reader view's blocks, desk lists).
// The server decides access (auth/access.h); these only hide forms a role cannot use.
import { ApiError, fieldOf } from './api';
import type { Case, User } from './types';

export type CooperationKind = 'jit' | 'coordination_meeting' | 'eio' | 'eaw';

export interface Cooperation {
  id: number;
  case_id: number;
  kind: CooperationKind;
  title: string;
  started_on: string;
  ended_on: string | null;
  partner_desks: string[];
  notes: string;
  created_by: number;
  created_at: string;
  version: number;
}

export interface FocusGroupMember {
  id: number;
  desk: string;
  user_id: number | null;
  name: string;
  role: string;
  since: string;
  version: number;
}

export interface MeetingSession {
  id?: number;
  time: string;
  title: string;
  speakers: string[];
  summary: string;
}

export interface Meeting {
  id: number;
  title: string;
  date: string;
  place: string;
  sessions: MeetingSession[];
  version: number;
}

export interface BestPractice {
  id: number;
  title: string;
  body: string;
  topics: string[];
  author_desk: string;
  date: string;
  version: number;
}

export interface CountryUpdate {
  id: number;
  desk: string;
  date: string;
  text: string;
  version: number;
}

export const COOPERATION_KINDS: { value: CooperationKind; label: string }[] = [
  { value: 'jit', label: 'Joint investigation team (JIT)' },
  { value: 'coordination_meeting', label: 'Coordination meeting' },
  { value: 'eio', label: 'European Investigation Order (EIO)' },
  { value: 'eaw', label: 'European Arrest Warrant (EAW)' },
];

export function cooperationKindLabel(kind: string): string {
  return COOPERATION_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

// Planned (starts after today), ongoing, or ended; dates are YYYY-MM-DD and compare as text.
export function cooperationStatus(r: Pick<Cooperation, 'started_on' | 'ended_on'>, today: string): 'planned' | 'ongoing' | 'ended' {
  if (r.started_on > today) return 'planned';
  if (r.ended_on && r.ended_on < today) return 'ended';
  return 'ongoing';
}

// "fr, ES;de  FR" -> ["FR", "ES", "DE"]: codes as typed, upper-cased, without repeats.
export function parseDeskList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const code = part.trim().toUpperCase();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

export const canWriteCooperation = (user: User, c: Case) =>
  user.desk === c.desk && (user.role === 'national_member' || user.role === 'prosecutor' || user.role === 'analyst');

// Members and meetings: the secretariat and administrators.
export const canEditFocusGroup = (user: Pick<User, 'role'>) => user.role === 'secretariat' || user.role === 'administrator';

// Notes and country updates for `desk`: its national members and prosecutors, and the editors.
export function canWriteForDesk(user: Pick<User, 'role' | 'desk'>, desk: string): boolean {
  if (canEditFocusGroup(user)) return true;
  return !!user.desk && user.desk === desk && (user.role === 'national_member' || user.role === 'prosecutor');
}

// Whether the user may write notes or updates at all (for some desk).
export const canContribute = (user: Pick<User, 'role' | 'desk'>) => canEditFocusGroup(user) || (!!user.desk && canWriteForDesk(user, user.desk));

export interface DeskMembers {
  desk: string;
  members: FocusGroupMember[];
}

const ROLE_ORDER = ['chair', 'vice_chair', 'member', 'alternate', 'contact_point'];

// Members grouped by desk (desks in code order), within a desk by role then name.
export function groupMembersByDesk(members: FocusGroupMember[]): DeskMembers[] {
  const byDesk = new Map<string, FocusGroupMember[]>();
  for (const m of members) {
    const list = byDesk.get(m.desk) ?? [];
    list.push(m);
    byDesk.set(m.desk, list);
  }
  return [...byDesk.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([desk, list]) => ({
      desk,
      members: [...list].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name)),
    }));
}

export type Block = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

// The reader view of a note: paragraphs separated by blank lines; lines starting with "- " form
// a bulleted list. Plain text only: nothing in a note is ever rendered as HTML.
export function noteBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    let text: string[] = [];
    let items: string[] = [];
    const flushText = () => {
      if (text.length) blocks.push({ kind: 'paragraph', text: text.join(' ') });
      text = [];
    };
    const flushItems = () => {
      if (items.length) blocks.push({ kind: 'list', items });
      items = [];
    };
    for (const line of lines) {
      const m = /^\s*[-*•]\s+(.*)$/.exec(line);
      if (m) {
        flushText();
        items.push(m[1].trim());
      } else if (items.length && /^\s+/.test(line)) {
        items[items.length - 1] += ` ${line.trim()}`;
      } else {
        flushItems();
        text.push(line.trim());
      }
    }
    flushText();
    flushItems();
  }
  return blocks;
}

// The first words of a note for the library list.
export function excerpt(body: string, max = 220): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return `${flat.slice(0, cut > max / 2 ? cut : max)}…`;
}

// "Chair, Speaker (IT)" -> ["Chair", "Speaker (IT)"]: speakers typed in one field.
export function parseSpeakers(text: string): string[] {
  return text
    .split(/[;\n]|,(?![^()]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// A write refused because the entry changed since it was read (409 on the version).
export const isStaleWrite = (error: unknown): boolean => error instanceof ApiError && error.status === 409 && fieldOf(error) === 'version';

// The path of a removal that names the version read, so that a removal of an entry someone
// else has just changed is refused too.
export const versionedPath = (path: string, version: number): string => `${path}?version=${encodeURIComponent(String(version))}`;

// The body of a change: the fields that differ from what was read, always with its version.
export function changedFields<T extends Record<string, unknown>>(before: T, after: T, version: number): Partial<T> & { version: number } {
  const out: Record<string, unknown> = { version };
  for (const key of Object.keys(after)) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) out[key] = after[key];
  }
  return out as Partial<T> & { version: number };
}
