// What the interface offers to whom. The server decides access (auth/access.h); these only
// hide what a role cannot use, so nobody is shown a button that always answers "forbidden".
import type { Case, Role, User } from './types';

export const CASE_ROLES: Role[] = ['national_member', 'prosecutor', 'analyst', 'observer'];

export const isCaseRole = (user: User) => CASE_ROLES.includes(user.role);
export const canCreateCase = (user: User) => user.role === 'national_member' || user.role === 'prosecutor';
export const canManageCase = (user: User, c: Case) => canCreateCase(user) && user.desk === c.desk;
export const canWriteEntities = (user: User, c: Case) =>
  user.desk === c.desk && (user.role === 'national_member' || user.role === 'prosecutor' || user.role === 'analyst');
export const canReadCaseAudit = (user: User, c: Case) =>
  user.desk === c.desk && user.role !== 'observer' && isCaseRole(user);
export const isAdmin = (user: User) => user.role === 'administrator';
export const canReadStatistics = (user: User) =>
  user.role === 'secretariat' || user.role === 'administrator' || user.role === 'national_member';
