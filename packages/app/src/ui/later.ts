// Parts of the plan that the first paint does not need (the sections below the goals, the chart, the narrative's
// sanitiser): each is its own chunk, fetched once the plan's data is here. On a slow link they would otherwise share
// it with the data and React, and hold back the status line (issue 17: readable in 6 s at 400 kbit/s); on a fast
// machine they arrive while the status line and the goals are being drawn.
import { useEffect, useState } from 'react';

export interface Later<T> {
  /** The module once it arrived (synchronously: a render after it arrived needs no extra pass). */
  get(): T | undefined;
  /** Starts fetching it (once). */
  load(): Promise<T>;
}

export function later<T>(importer: () => Promise<T>): Later<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    get: () => value,
    load: () => {
      pending ??= importer().then((v) => (value = v));
      return pending;
    },
  };
}

/**
 * The module of `part`, loaded as soon as `start` is true; undefined until it arrived (a failed fetch leaves it
 * undefined: the placeholder stays, the rest of the plan works).
 */
export function useLater<T>(part: Later<T>, start = true): T | undefined {
  const [, arrived] = useState(0);
  const value = part.get();
  useEffect(() => {
    if (!start || value !== undefined) return undefined;
    let live = true;
    part.load().then(
      () => live && arrived((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [part, start, value]);
  return value;
}
