// Dates, times and vocabulary words as people read them.

const pad = (n: number) => String(n).padStart(2, '0');

// "2026-11-22T13:27:26.686Z" -> "22 Nov 2026, 14:27" in the given time zone (default: the
// browser's). An empty or unreadable value gives "—" or the text as it came.
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(date);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// A calendar date as the API sends it (YYYY, YYYY-MM or YYYY-MM-DD, no time zone) -> "22 Nov 2026",
// "Nov 2026" or "2026"; never shifted by the browser's time zone.
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const [, year, month, day] = m;
  if (!month) return year;
  const name = MONTHS[Number(month) - 1];
  if (!name) return value;
  if (!day) return `${name} ${year}`;
  return `${Number(day)} ${name} ${year}`;
}

// "2 minutes ago", "3 hours ago", "5 days ago"; older than 30 days: the date.
export function formatRelative(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.round(hours / 24);
  if (days <= 30) return days === 1 ? 'yesterday' : `${days} days ago`;
  return formatDate(`${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`);
}

// Today as YYYY-MM-DD in the browser's time zone (for date inputs).
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const WORDS: Record<string, string> = {
  action_day: 'Action day',
  national_member: 'National member',
  trafficking_in_human_beings: 'Trafficking in human beings',
  facilitation_of_unauthorised_residence: 'Facilitation of unauthorised residence',
  forgery_of_administrative_documents: 'Forgery of administrative documents',
};

// "migrant_smuggling" -> "Migrant smuggling".
export function humanize(word: string): string {
  if (WORDS[word]) return WORDS[word];
  const spaced = word.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function percent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}
