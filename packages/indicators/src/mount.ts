// What a server mounts and what a client asks for: the operation route (FhirServerOptions.operations of
// @parcours/fhir-server, by shape) and the system scopes the CLI needs.
import type { FhirRequest, FhirResponse, FhirRepository } from '@medplum/fhir-router';
import type { Caller } from './access.ts';
import { evaluateMeasureOperation } from './operation.ts';

/** The least the CLI reads: the Measures, the teams (who is the structure's) and what the indicators count. */
export const INDICATOR_SCOPES = [
  'system/Measure.rs', 'system/CareTeam.rs', 'system/CarePlan.rs', 'system/Appointment.rs', 'system/Encounter.rs',
  'system/PractitionerRole.rs', 'system/ServiceRequest.rs', 'system/Task.rs', 'system/Flag.rs', 'system/Communication.rs',
  'system/Goal.rs', 'system/Organization.rs',
].join(' ');

/** `Measure/[id]/$evaluate-measure`, GET and POST, as operations for the fhir-server's router. */
export function evaluateOperationRoute(): { method: 'GET' | 'POST'; path: string; handler(req: FhirRequest, context: { repository: FhirRepository; caller?: Caller }): Promise<FhirResponse> }[] {
  const handler = (req: FhirRequest, context: { repository: FhirRepository; caller?: Caller }): Promise<FhirResponse> => evaluateMeasureOperation(req, context);
  return [
    { method: 'GET', path: ':resourceType/:id/$evaluate-measure', handler },
    { method: 'POST', path: ':resourceType/:id/$evaluate-measure', handler },
  ];
}
