// Turn-based lock: one holder at a time, handed over one per event-loop turn (see the class comment).

/**
 * Serialises access to the connection (a transaction spans awaits, so other callers wait for it to finish) and
 * hands it over one holder per event-loop turn, first come first served.
 *
 * Why the turns: a promise-chained lock resumed each waiter in the same microtask drain, and an uncontended one
 * ran every request inside the poll callback that read it. Either way, every request read in one poll ran before
 * the loop polled again, so under load one turn lasted (requests in flight) × (work per request) and new
 * connections sat in the accept queue for seconds. Resuming the next holder from `setImmediate` lets the loop
 * accept and read between two holders, and new requests queue behind those already waiting, not ahead.
 */
export class Lock {
  private readonly waiting: (() => void)[] = [];
  private held = false;
  private scheduled = false;

  /** Callers holding or waiting for the lock. */
  get demand(): number {
    return this.waiting.length + (this.held ? 1 : 0);
  }

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(this.releaser()));
      this.schedule();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = false;
      this.schedule();
    };
  }

  private schedule(): void {
    if (this.scheduled || this.held || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.held ? undefined : this.waiting.shift();
      if (next) {
        this.held = true;
        next();
      }
    });
  }
}
