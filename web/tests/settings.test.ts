import { describe, expect, it } from 'vitest';
import { checkDeskCode, deskGroups, deskRows, passwordFormProblem } from '../src/lib/settings';

describe('change-password form', () => {
  it('asks for each field and the same new password twice', () => {
    expect(passwordFormProblem('', 'a', 'a')?.field).toBe('current_password');
    expect(passwordFormProblem('old', '', '')?.field).toBe('new_password');
    expect(passwordFormProblem('old', 'old', 'old')?.message).toMatch(/same as the current/);
    expect(passwordFormProblem('old', 'new pass', 'new pas')).toEqual({
      field: 'repeat',
      message: 'The two new passwords differ; type the same one twice.',
    });
    expect(passwordFormProblem('old', 'new pass', 'new pass')).toBeNull();
  });
});

describe('desks', () => {
  const desks = [
    { code: 'IT', name: 'Italy', group: 'EU' },
    { code: 'AL', name: 'Albania', group: 'Western Balkans' },
    { code: 'DE', name: 'Germany', group: 'EU' },
  ];
  const users = [
    { desk: 'IT', disabled: false },
    { desk: 'IT', disabled: false },
    { desk: 'IT', disabled: true },
    { desk: 'DE', disabled: false },
    { desk: null, disabled: false },
  ];
  it('counts active and disabled accounts per desk, sorted by group and name', () => {
    const rows = deskRows(desks, users);
    expect(rows.map((r) => [r.code, r.users, r.disabled])).toEqual([
      ['DE', 1, 0],
      ['IT', 2, 1],
      ['AL', 0, 0],
    ]);
  });
  it('filters by code, name or group', () => {
    expect(deskRows(desks, users, 'it').map((r) => r.code)).toEqual(['IT']);
    expect(deskRows(desks, users, 'balkans').map((r) => r.code)).toEqual(['AL']);
    expect(deskRows(desks, users, ' GERM').map((r) => r.code)).toEqual(['DE']);
  });
  it('lists the groups once', () => {
    expect(deskGroups(desks)).toEqual(['EU', 'Western Balkans']);
  });
  it('checks a new desk code', () => {
    expect(checkDeskCode('xk', desks)).toBeNull();
    expect(checkDeskCode('XKX', desks)).toMatch(/Two letters/);
    expect(checkDeskCode('1A', desks)).toMatch(/Two letters/);
    expect(checkDeskCode('it', desks)).toMatch(/exists already/);
  });
});
