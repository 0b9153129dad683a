// The plan server's side of the token exchange: the trusted EHR, and where the practitioner (by RPPS) and the
// person (by INS) are looked up in the plan's store. Lists are returned whole (up to 3): one match is used, zero or
// several are refused by @parcours/smart with a sentence.
import type { FhirRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import type { SmartServerOptions, TrustedIssuer } from '@parcours/smart';

type Find = (identifier: { system: string; value: string }) => Promise<string[]>;

function finder(repository: () => FhirRepository, resourceType: 'Practitioner' | 'Patient', reference: boolean): Find {
  return async ({ system, value }) => {
    const bundle = await repository().search<Resource>({ resourceType, count: 3, filters: [{ code: 'identifier', operator: 'eq' as never, value: `${system}|${value}` }] });
    return (bundle.entry ?? []).flatMap((e) => (e.resource?.id ? [reference ? `${resourceType}/${e.resource.id}` : e.resource.id] : []));
  };
}

/** The plan server's token-exchange options for one trusted EHR. */
export function planTokenExchange(issuer: TrustedIssuer, repository: () => FhirRepository): NonNullable<SmartServerOptions['tokenExchange']> {
  return { issuers: [issuer], findPractitioners: finder(repository, 'Practitioner', true), findPatients: finder(repository, 'Patient', false) };
}
