// A real fhirclient Client pointed at the msw-served in-memory FHIR store (see msw.ts).
import FHIR from 'fhirclient/lib/entry/browser';
import type Client from 'fhirclient/lib/Client';
import { FhirApi } from '../fhir/api.ts';
import { FHIR_BASE } from './fhir-store.ts';

export { server, store } from './msw.ts';

/** A launched fhirclient Client, as `FHIR.oauth2.ready()` would return it after an EHR launch. */
export function smartClient(): Client {
  return FHIR.client({
    serverUrl: FHIR_BASE,
    tokenResponse: { access_token: 'test-token', token_type: 'Bearer', patient: 'p1', scope: 'launch openid fhirUser patient/*.rs', need_patient_banner: true },
  });
}

export function testApi(): FhirApi {
  return new FhirApi(smartClient(), FHIR_BASE);
}
