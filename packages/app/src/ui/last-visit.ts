// The user's previous visit to a person's plan, kept in this browser's localStorage (until the audit trail can say
// it): the key is a hash of user and person, so no identifier is written in clear, and nothing goes in a URL.
const PREFIX = 'parcours-seen-';
/** Reloads within this span keep comparing with the same previous visit (a reload is not a new visit). */
const SAME_VISIT_MS = 30 * 60_000;

/** FNV-1a, 32 bits, hex: enough to key a few hundred plans per browser without writing their ids. */
export function visitKey(user: string | undefined, patientId: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${user ?? ''}|${patientId}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${PREFIX}${h.toString(16).padStart(8, '0')}`;
}

interface Seen {
  seen: string;
  previous?: string;
}

/** The previous visit takeVisit would return, without recording this one (the first paint, drawn before React). */
export function peekVisit(user: string | undefined, patientId: string, now: string = new Date().toISOString()): string | undefined {
  try {
    const raw = localStorage.getItem(visitKey(user, patientId));
    const stored = raw ? (JSON.parse(raw) as Seen) : undefined;
    const sameVisit = stored && new Date(now).getTime() - new Date(stored.seen).getTime() < SAME_VISIT_MS;
    return sameVisit ? stored.previous : stored?.seen;
  } catch {
    return undefined;
  }
}

/**
 * Records this visit and returns the previous one (ISO instant), or undefined on a first visit here or when storage
 * is blocked (a third-party iframe may block it).
 */
export function takeVisit(user: string | undefined, patientId: string, now: string = new Date().toISOString()): string | undefined {
  const key = visitKey(user, patientId);
  try {
    const raw = localStorage.getItem(key);
    const stored = raw ? (JSON.parse(raw) as Seen) : undefined;
    const sameVisit = stored && new Date(now).getTime() - new Date(stored.seen).getTime() < SAME_VISIT_MS;
    const previous = sameVisit ? stored.previous : stored?.seen;
    localStorage.setItem(key, JSON.stringify({ seen: sameVisit ? stored.seen : now, ...(previous ? { previous } : {}) } satisfies Seen));
    return previous;
  } catch {
    return undefined;
  }
}
