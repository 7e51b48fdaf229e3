import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatRelative, humanize, percent, today } from '../src/lib/format';

describe('formatDate', () => {
  it('formats full and partial dates without shifting them', () => {
    expect(formatDate('2026-11-22')).toBe('22 Nov 2026');
    expect(formatDate('2026-01-01')).toBe('1 Jan 2026');
    expect(formatDate('1991-03')).toBe('Mar 1991');
    expect(formatDate('1991')).toBe('1991');
  });
  it('shows odd values as they came and empty ones as a dash', () => {
    expect(formatDate('13/02/1991')).toBe('13/02/1991');
    expect(formatDate('1991-13')).toBe('1991-13');
    expect(formatDate('')).toBe('—');
    expect(formatDate(null)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('formats an ISO instant in the given time zone', () => {
    expect(formatDateTime('2026-11-22T13:27:26.686Z', 'UTC')).toBe('22 Nov 2026, 13:27');
    expect(formatDateTime('2026-11-22T13:27:26.686Z', 'Europe/Rome')).toBe('22 Nov 2026, 14:27');
  });
  it('copes with empty and bad values', () => {
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('says how long ago', () => {
    expect(formatRelative('2026-11-22T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-11-22T11:59:00Z', now)).toBe('1 minute ago');
    expect(formatRelative('2026-11-22T11:15:00Z', now)).toBe('45 minutes ago');
    expect(formatRelative('2026-11-22T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-21T10:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2026-11-12T12:00:00Z', now)).toBe('10 days ago');
  });
  it('gives the date for older times', () => {
    expect(formatRelative('2026-01-05T12:00:00Z', now)).toBe('5 Jan 2026');
  });
});

describe('words and numbers', () => {
  it('humanizes vocabulary', () => {
    expect(humanize('migrant_smuggling')).toBe('Migrant smuggling');
    expect(humanize('action_day')).toBe('Action day');
    expect(humanize('national_member')).toBe('National member');
    expect(humanize('opened')).toBe('Opened');
  });
  it('formats sizes and percentages', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(percent(5, 10)).toBe(50);
    expect(percent(11, 10)).toBe(100);
    expect(percent(1, 0)).toBe(0);
  });
  it('gives today as YYYY-MM-DD', () => {
    expect(today(new Date(2026, 0, 5, 10))).toBe('2026-01-05');
  });
});
