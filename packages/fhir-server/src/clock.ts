// Write timestamps (meta.lastUpdated) at microsecond resolution, strictly increasing, never ahead of real time.
// FHIR instants allow sub-millisecond precision (http://hl7.org/fhir/R4/datatypes.html#instant).
//
// Why microseconds: with millisecond stamps, strict order forced +1 ms per write whenever writes came faster than
// one per millisecond, so a bulk load ran seconds ahead of the clock. Here a tie only adds 1 µs, and a write takes
// far longer than 1 µs of real time, so the k-th write within a clock tick is stamped tick + k µs, which real time
// has already passed when the write commits.

/** A source of real time in epoch milliseconds (may be fractional). Injected so tests do not depend on the wall. */
export type Clock = () => number;

export class WriteClock {
  private readonly clock: Clock;
  private last = 0;

  constructor(clock: Clock = Date.now) {
    this.clock = clock;
  }

  /** The next write stamp in epoch microseconds: the clock's time, or 1 µs after the previous stamp on a tie. */
  next(): number {
    const t = Math.max(Math.floor(this.clock() * 1000), this.last + 1);
    this.last = t;
    return t;
  }
}

/** `2026-12-01T22:00:00.000123Z`: always six fractional digits, so stamps also order as strings. */
export function formatInstant(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const sub = String(micros - ms * 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${sub}Z`;
}

/**
 * Epoch microseconds of an instant (any number of fractional digits, beyond 6 truncated), or of any other text
 * `Date.parse` reads (a date: its start); NaN when unreadable.
 */
export function parseInstant(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d+)(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) {
    return Date.parse(text) * 1000;
  }
  return Date.parse(`${m[1]}${m[3]}`) * 1000 + Number(m[2].padEnd(6, '0').slice(0, 6));
}
