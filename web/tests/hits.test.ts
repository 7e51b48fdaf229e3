import { describe, expect, it } from 'vitest';
import {
  accessStatusText,
  badgeText,
  canDecideAccess,
  describeDecision,
  formatStrength,
  formatWeight,
  hasNonLatin,
  hintFromAnswer,
  hintFromError,
  hitActions,
  normalizeKindFor,
  shouldNormalize,
  strengthLevel,
  strengthStep,
  unreadCount,
} from '../src/lib/hits';
import type { Role } from '../src/lib/types';

const as = (role: Role) => ({ role });

describe('strength', () => {
  it('formats as a percentage', () => {
    expect(formatStrength(0.5)).toBe('50%');
    expect(formatStrength(0.9664616117843304)).toBe('96.6%');
    expect(formatStrength(0.9990243902439024)).toBe('99.9%');
    expect(formatStrength(0.99999)).toBe('99.9%');
    expect(formatStrength(1)).toBe('100%');
    expect(formatStrength(0)).toBe('0%');
    expect(formatStrength(1.4)).toBe('100%');
    expect(formatStrength(-0.2)).toBe('0%');
    expect(formatStrength(Number.NaN)).toBe('—');
  });
  it('buckets for the badge and the bar', () => {
    expect(strengthLevel(0.95)).toBe('strong');
    expect(strengthLevel(0.9)).toBe('strong');
    expect(strengthLevel(0.75)).toBe('probable');
    expect(strengthLevel(0.4)).toBe('weak');
    expect(strengthStep(0.97)).toBe(10);
    expect(strengthStep(0.44)).toBe(4);
    expect(strengthStep(2)).toBe(10);
    expect(strengthStep(-1)).toBe(0);
  });
  it('signs explanation weights', () => {
    expect(formatWeight(0.42)).toBe('+0.42');
    expect(formatWeight(-0.1)).toBe('−0.10');
    expect(formatWeight(0)).toBe('±0.00');
  });
});

describe('unread count', () => {
  it('counts unread notices and shows a badge', () => {
    expect(unreadCount([{ read: false }, { read: true }, { read: false }])).toBe(2);
    expect(unreadCount([])).toBe(0);
    expect(badgeText(0)).toBe('');
    expect(badgeText(3)).toBe('3');
    expect(badgeText(120)).toBe('99+');
  });
});

describe('actions by role', () => {
  const hidden = { access_status: null, other_case_id: undefined };
  it('lets reviewers confirm or reject and requesters ask for access', () => {
    expect(hitActions(as('national_member'), hidden)).toEqual({ decide: true, requestAccess: true });
    expect(hitActions(as('prosecutor'), hidden)).toEqual({ decide: true, requestAccess: true });
    expect(hitActions(as('analyst'), hidden)).toEqual({ decide: true, requestAccess: false });
    expect(hitActions(as('observer'), hidden)).toEqual({ decide: false, requestAccess: false });
    expect(hitActions(as('administrator'), hidden)).toEqual({ decide: false, requestAccess: false });
    expect(hitActions(as('secretariat'))).toEqual({ decide: false, requestAccess: false });
  });
  it('offers no second request while one is pending, granted, or the case is visible', () => {
    expect(hitActions(as('prosecutor'), { access_status: 'pending' }).requestAccess).toBe(false);
    expect(hitActions(as('prosecutor'), { access_status: 'granted' }).requestAccess).toBe(false);
    expect(hitActions(as('prosecutor'), { access_status: null, other_case_id: 4 }).requestAccess).toBe(false);
    expect(hitActions(as('prosecutor'), { access_status: 'refused' }).requestAccess).toBe(true);
  });
  it('lets national members and prosecutors decide access requests', () => {
    expect(canDecideAccess(as('national_member'))).toBe(true);
    expect(canDecideAccess(as('prosecutor'))).toBe(true);
    expect(canDecideAccess(as('analyst'))).toBe(false);
    expect(canDecideAccess(as('observer'))).toBe(false);
  });
  it('describes the access status', () => {
    expect(accessStatusText(null)).toMatch(/No access/);
    expect(accessStatusText('pending')).toMatch(/waiting/);
    expect(accessStatusText('granted')).toBe('Access granted');
    expect(accessStatusText('refused')).toBe('Access refused');
  });
});

describe('normalisation hints', () => {
  it('chooses the normaliser from the property type', () => {
    expect(normalizeKindFor({ name: 'phone', type: 'phone' })).toBe('phone');
    expect(normalizeKindFor({ name: 'email', type: 'email' })).toBe('email');
    expect(normalizeKindFor({ name: 'iban', type: 'iban' })).toBe('iban');
    expect(normalizeKindFor({ name: 'name', type: 'name' })).toBe('name');
    expect(normalizeKindFor({ name: 'imoNumber', type: 'identifier' })).toBe('imo');
    expect(normalizeKindFor({ name: 'swiftBic', type: 'identifier' })).toBe('bic');
    expect(normalizeKindFor({ name: 'registrationNumber', type: 'identifier' }, 'Vehicle')).toBe('plate');
    expect(normalizeKindFor({ name: 'passportNumber', type: 'identifier' })).toBe('document');
    expect(normalizeKindFor({ name: 'birthDate', type: 'date' })).toBeNull();
    expect(normalizeKindFor({ name: 'notes', type: 'text' })).toBeNull();
  });
  it('tells non-Latin names apart', () => {
    expect(hasNonLatin('خالد منصور')).toBe(true);
    expect(hasNonLatin('Δημήτρης')).toBe(true);
    expect(hasNonLatin('Khaled Mansour')).toBe(false);
    expect(hasNonLatin('Müller-Łukasz')).toBe(false);
    expect(hasNonLatin('123 - .')).toBe(false);
    expect(shouldNormalize('name', 'Khaled')).toBe(false);
    expect(shouldNormalize('name', 'خالد')).toBe(true);
    expect(shouldNormalize('phone', '  ')).toBe(false);
    expect(shouldNormalize(null, 'x')).toBe(false);
    expect(shouldNormalize('phone', '+49 151')).toBe(true);
  });
  it('shows the server’s normalised value or transliteration', () => {
    expect(
      hintFromAnswer('phone', '+49 151 23456789', {
        kind: 'phone',
        value: '+4915123456789',
        display: '+49 1512 3456789',
        parts: { country: 'DE' },
      }),
    ).toEqual({ status: 'ok', text: 'Normalised: +49 1512 3456789 (DE)' });
    expect(hintFromAnswer('iban', 'de89...', { value: 'DE89370400440532013000', display: 'DE89 3704 0044 0532 0130 00', parts: { country: 'DE' } })).toEqual({
      status: 'ok',
      text: 'Normalised: DE89 3704 0044 0532 0130 00',
    });
    expect(hintFromAnswer('name', 'خالد منصور', { script: 'Arab', latin: 'khald mnṣwr' })).toEqual({ status: 'ok', text: 'Latin: khald mnṣwr' });
    expect(hintFromAnswer('name', 'Khaled', { script: 'Latn', latin: 'Khaled' })).toEqual({ status: 'idle' });
    expect(hintFromAnswer('email', 'x', {})).toEqual({ status: 'idle' });
  });
  it('shows a validation message without blocking, and hides server trouble', () => {
    expect(hintFromError({ status: 400, message: 'not a valid number for Libya', field: 'value' })).toEqual({
      status: 'invalid',
      text: 'not a valid number for Libya',
    });
    expect(hintFromError({ status: 503, message: 'unavailable' })).toEqual({ status: 'unavailable' });
    expect(hintFromError({ status: 0 })).toEqual({ status: 'unavailable' });
  });
});

describe('an earlier decision on a hit', () => {
  const base = { decided_at: '2026-11-22T10:00:00Z', evidence_since: true };
  it('names the reviewer of the own desk and only the desk of another', () => {
    expect(describeDecision({ ...base, decision: 'rejected', decided_by: 'Anna Rossi', decided_by_desk: 'IT', note: 'Born 20 years apart.' })).toBe(
      'Rejected by Anna Rossi (IT)',
    );
    expect(describeDecision({ ...base, decision: 'confirmed', decided_by: null, decided_by_desk: 'DE', note: null })).toBe(
      'Confirmed by a reviewer of desk DE',
    );
    expect(describeDecision({ ...base, decision: 'confirmed', decided_by: null, decided_by_desk: null, note: null })).toBe('Confirmed');
  });
});
