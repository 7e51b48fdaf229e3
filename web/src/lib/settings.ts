// Account settings and desk administration: the logic without DOM (tests/settings.test.ts).
import type { Desk, User } from './types';

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface NewApiToken extends ApiToken {
  secret: string; // shown once
}

export const tokenExpiryChoices: { days: number; label: string }[] = [
  { days: 30, label: 'in 30 days' },
  { days: 90, label: 'in 90 days' },
  { days: 365, label: 'in a year' },
  { days: 0, label: 'never' },
];

// What is wrong with the change-password form before it is sent (the server checks the rest:
// the current password, the length and strength of the new one).
export function passwordFormProblem(current: string, next: string, repeat: string): { field: string; message: string } | null {
  if (!current) return { field: 'current_password', message: 'Type your current password.' };
  if (!next) return { field: 'new_password', message: 'Type a new password.' };
  if (next === current) return { field: 'new_password', message: 'The new password is the same as the current one.' };
  if (next !== repeat) return { field: 'repeat', message: 'The two new passwords differ; type the same one twice.' };
  return null;
}

export interface DeskRow extends Desk {
  users: number; // active accounts of the desk
  disabled: number; // disabled accounts of the desk
}

// The desks with their numbers of accounts, sorted by group then name; `filter` matches code,
// name or group, ignoring case.
export function deskRows(desks: Desk[], users: Pick<User, 'desk' | 'disabled'>[], filter = ''): DeskRow[] {
  const f = filter.trim().toLowerCase();
  return desks
    .filter((d) => !f || d.code.toLowerCase() === f || d.name.toLowerCase().includes(f) || d.group.toLowerCase().includes(f))
    .map((d) => ({
      ...d,
      users: users.filter((u) => u.desk === d.code && !u.disabled).length,
      disabled: users.filter((u) => u.desk === d.code && u.disabled).length,
    }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}

export function deskGroups(desks: Desk[]): string[] {
  return [...new Set(desks.map((d) => d.group))].sort((a, b) => a.localeCompare(b));
}

// A desk code as the server wants it (ISO 3166-1 alpha-2 in capitals), or an error message.
export function checkDeskCode(code: string, existing: Desk[]): string | null {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return 'Two letters: the ISO 3166-1 code of the country, e.g. XK.';
  if (existing.some((d) => d.code === c)) return `Desk ${c} exists already; edit it in the list.`;
  return null;
}
