// Hit notices (GET /api/v1/hits), access requests and the normalisation hints of the entity
// forms (POST /api/v1/normalize): the logic without DOM, unit tested in tests/hits.test.ts.
import type { Role, SchemaProperty, User } from './types';

export type AccessStatus = 'pending' | 'granted' | 'refused';

export interface ExplanationLine {
  field: string;
  text: string;
  weight: number;
}

export interface HitNotice {
  id: number;
  own_entity_id: number;
  own_case_id: number;
  other_desk: string;
  kind: 'identifier' | 'person';
  strength: number;
  evidence_kinds: string[];
  created_at: string;
  read: boolean;
  access_status: AccessStatus | null;
  // A reviewer's earlier decision on the link; who and why only when a reviewer of the
  // reader's own desk decided.
  decision: HitDecision | null;
  other_entity_id?: number;
  other_case_id?: number;
  explanation?: ExplanationLine[];
}

export interface HitDecision {
  decision: 'confirmed' | 'rejected';
  decided_at: string;
  decided_by_desk: string | null;
  decided_by: string | null;
  note: string | null;
  evidence_since: boolean; // the link was found again after the decision
}

// "Rejected by Anna Rossi (IT)" / "Confirmed by a reviewer of desk DE".
export function describeDecision(d: HitDecision): string {
  const what = d.decision === 'confirmed' ? 'Confirmed' : 'Rejected';
  if (d.decided_by) return `${what} by ${d.decided_by}${d.decided_by_desk ? ` (${d.decided_by_desk})` : ''}`;
  return d.decided_by_desk ? `${what} by a reviewer of desk ${d.decided_by_desk}` : what;
}

export interface AccessRequest {
  id: number;
  hit_id?: number;
  case_id?: number;
  requesting_desk: string;
  owning_desk: string;
  reason: string;
  status: AccessStatus;
  decision_note: string;
  created_at: string;
  decided_at: string | null;
}

// 0.9990243 -> "99.9%", 0.5 -> "50%", out of range values are clamped.
export function formatStrength(strength: number): string {
  if (!Number.isFinite(strength)) return '—';
  const p = Math.min(100, Math.max(0, strength * 100));
  const rounded = Math.round(p * 10) / 10;
  if (rounded === 100 && p < 100) return '99.9%';
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

// A bucket for the colour of the strength badge and the width of its bar (in steps of 10 %, the
// CSP allows no inline style, so the width is a class).
export function strengthLevel(strength: number): 'strong' | 'probable' | 'weak' {
  if (strength >= 0.9) return 'strong';
  if (strength >= 0.7) return 'probable';
  return 'weak';
}
export function strengthStep(strength: number): number {
  if (!Number.isFinite(strength)) return 0;
  return Math.min(10, Math.max(0, Math.round(strength * 10)));
}

export function unreadCount(hits: Pick<HitNotice, 'read'>[]): number {
  return hits.filter((h) => !h.read).length;
}

// The badge text of the nav item: nothing for 0, "99+" above 99.
export function badgeText(count: number): string {
  if (!count || count < 0) return '';
  return count > 99 ? '99+' : String(count);
}

const REVIEWERS: Role[] = ['national_member', 'prosecutor', 'analyst'];
const REQUESTERS: Role[] = ['national_member', 'prosecutor'];

export interface HitActions {
  decide: boolean; // Confirm link / Reject link
  requestAccess: boolean;
}

// What a user may do with a notice of their desk; access can be asked for only while the other
// case is not visible and no request is pending or granted.
export function hitActions(user: Pick<User, 'role'>, hit?: Pick<HitNotice, 'access_status' | 'other_case_id'>): HitActions {
  const decide = REVIEWERS.includes(user.role);
  let requestAccess = REQUESTERS.includes(user.role);
  if (hit && (hit.other_case_id !== undefined || hit.access_status === 'pending' || hit.access_status === 'granted'))
    requestAccess = false;
  return { decide, requestAccess };
}

export const canDecideAccess = (user: Pick<User, 'role'>) => REQUESTERS.includes(user.role);

export function accessStatusText(status: AccessStatus | null): string {
  switch (status) {
    case 'pending':
      return 'Access requested, waiting for the other desk';
    case 'granted':
      return 'Access granted';
    case 'refused':
      return 'Access refused';
    default:
      return 'No access requested';
  }
}

// "+0.42" / "−0.10": the signed weight of an explanation line.
export function formatWeight(weight: number): string {
  if (!Number.isFinite(weight)) return '';
  const sign = weight > 0 ? '+' : weight < 0 ? '−' : '±';
  return `${sign}${Math.abs(weight).toFixed(2)}`;
}

// ---- normalisation hints ----

export type NormalizeKind = 'name' | 'phone' | 'email' | 'iban' | 'bic' | 'imo' | 'mmsi' | 'plate' | 'document';

const IDENTIFIER_KINDS: Record<string, NormalizeKind> = {
  bic: 'bic',
  swiftBic: 'bic',
  imoNumber: 'imo',
  mmsi: 'mmsi',
  passportNumber: 'document',
  idNumber: 'document',
  personalNumber: 'document',
  licenseNumber: 'document',
};

// Which normaliser a form field goes through, or null when none (the server has no kind for it).
export function normalizeKindFor(property: Pick<SchemaProperty, 'name' | 'type'>, schemaName = ''): NormalizeKind | null {
  switch (property.type) {
    case 'phone':
      return 'phone';
    case 'email':
      return 'email';
    case 'iban':
      return 'iban';
    case 'name':
      return 'name';
    case 'identifier':
      if (property.name === 'registrationNumber' && schemaName === 'Vehicle') return 'plate';
      return IDENTIFIER_KINDS[property.name] ?? 'document';
    default:
      return null;
  }
}

// Whether a name holds letters outside the Latin script (then its transliteration is worth showing).
export function hasNonLatin(text: string): boolean {
  return /\p{L}/u.test(text) && /[^\p{Script=Latin}\P{L}]/u.test(text);
}

export interface NormalizedAnswer {
  kind?: string;
  value?: string;
  display?: string;
  parts?: Record<string, string>;
  original?: string;
  script?: string;
  latin?: string;
}

export type HintState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'ok'; text: string }
  | { status: 'invalid'; text: string }
  | { status: 'unavailable' };

// What to show beside a field, from the kind, the typed value and the server's answer (or error).
export function hintFromAnswer(kind: NormalizeKind, value: string, answer: NormalizedAnswer): HintState {
  if (kind === 'name') {
    if (!hasNonLatin(value) || !answer.latin || answer.script === 'Latn') return { status: 'idle' };
    return { status: 'ok', text: `Latin: ${answer.latin}` };
  }
  const shown = answer.display || answer.value;
  if (!shown) return { status: 'idle' };
  const country = answer.parts?.country ? ` (${answer.parts.country})` : '';
  return { status: 'ok', text: `Normalised: ${shown}${kind === 'phone' ? country : ''}` };
}

export function hintFromError(error: { status?: number; message?: string; field?: string | null }): HintState {
  if (error.status === 400) return { status: 'invalid', text: error.message || 'Not a valid value' };
  return { status: 'unavailable' };
}

// Whether a value is worth sending at all.
export function shouldNormalize(kind: NormalizeKind | null, value: string): boolean {
  const v = value.trim();
  if (!kind || v === '') return false;
  if (kind === 'name') return hasNonLatin(v);
  return true;
}
