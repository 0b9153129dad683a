// Sends a meeting: every resource of the transaction is checked by the Parcours validator first (nothing is sent if
// one fails), then the transaction goes in one request (all or nothing on the server). Refusals come back in words.
import type { Bundle } from '@medplum/fhirtypes';
import type { FhirApi } from '../../fhir/api.ts';
import { FhirRequestError } from '../../fhir/api.ts';
import { outcomeText, validateBundle } from '../../fhir/writes.ts';

export class MeetingError extends Error {
  /** invalid: the validator refused it, nothing was sent; rejected: the server refused it, nothing was stored. */
  readonly kind: 'invalid' | 'rejected';
  constructor(kind: 'invalid' | 'rejected', message: string) {
    super(message);
    this.name = 'MeetingError';
    this.kind = kind;
  }
}

/** Validates then sends; resolves with the server's response Bundle. */
export async function saveMeeting(api: FhirApi, bundle: Bundle): Promise<Bundle> {
  let invalid;
  try {
    invalid = await validateBundle(bundle);
  } catch (error) {
    throw new MeetingError('invalid', (error as Error).message);
  }
  if (invalid) throw new MeetingError('invalid', outcomeText(invalid));
  try {
    return await api.transaction(bundle);
  } catch (error) {
    const e = error instanceof FhirRequestError ? error : undefined;
    throw new MeetingError('rejected', outcomeText(e?.outcome) || (error as Error).message.split('\n')[0] || '');
  }
}
