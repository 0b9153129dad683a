// What the exchange says and logs about a failure it did not expect. Senders get a sentence and a reference, never
// a JavaScript message; the log gets the reference, the error's name and its stack frames, without the message line
// (messages of parsing errors quote their input, which may be personal data).
import { randomUUID } from 'node:crypto';

/** A short correlation id for one failure (the inbox message id when there is one). */
export function correlationId(): string {
  return randomUUID();
}

/** Log text of an unexpected error: name and stack frames, no message. */
export function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 6).map((line) => line.trim());
  return [error.name, ...frames].join(' | ');
}
