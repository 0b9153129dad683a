// CapabilityStatement built from what this server really supports. See https://hl7.org/fhir/R4/capabilitystatement.html
import type { CapabilityStatement, CapabilityStatementRestResource, CapabilityStatementRestSecurity } from '@medplum/fhirtypes';
import { allResourceTypes, indexedParams } from './search-params.ts';

const INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'] as const;

const COMMON_SEARCH: CapabilityStatementRestResource['searchParam'] = [
  { name: '_id', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
  { name: '_lastUpdated', type: 'date', definition: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated' },
];

export function buildCapabilityStatement(baseUrl: string, security?: CapabilityStatementRestSecurity): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = allResourceTypes().map((type): CapabilityStatementRestResource => ({
    type: type as CapabilityStatementRestResource['type'],
    interaction: INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalUpdate: true,
    conditionalDelete: 'single',
    conditionalRead: 'not-supported',
    referencePolicy: ['literal', 'local'],
    searchInclude: ['*'],
    searchRevInclude: ['*'],
    searchParam: [
      ...(COMMON_SEARCH ?? []),
      ...indexedParams(type).map((p) => ({
        name: p.code,
        type: p.kind,
        ...(p.definition.url ? { definition: p.definition.url } : undefined),
      })),
    ],
    operation: [{ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' },
      ...(type === 'ValueSet' ? [{ name: 'expand', definition: 'http://hl7.org/fhir/OperationDefinition/ValueSet-expand' }] : [])],
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Parcours FHIR server (@parcours/fhir-server)', version: '0.1.0' },
    implementation: { description: 'Parcours embedded FHIR R4 server', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        ...(security ? { security } : undefined),
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'history-system' }],
        operation: [{ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' }],
      },
    ],
  };
}
