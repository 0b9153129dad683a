// The official R4 examples (npm hl7.fhir.r4.examples@4.0.1) validated against base R4: 0 errors expected,
// except for the examples below, each genuinely invalid R4 or tripping a Medplum limit, with the reason.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from './index.ts';

const dir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));

const ALLOWED: Record<string, string> = {
  'Binary-example.json': 'data is not valid base64 (line breaks inside)',
  'Media-example.json': 'content.data is not valid base64',
  'DiagnosticReport-gingival-mass.json': 'presentedForm.data is not valid base64',
  'CodeSystem-dicom-dcim.json': 'narrative over 1 MB: a Medplum limit, not an R4 rule',
  'ValueSet-c80-doc-typecodes.json': 'narrative over 1 MB: a Medplum limit, not an R4 rule',
  'CodeSystem-v2-0550.json': 'a concept code is blank, which the code datatype forbids',
  'DeviceMetric-example.json': 'parent references a DeviceDefinition; R4 allows only Device',
  'DeviceUseStatement-example.json': 'reasonReference points to a Procedure, not among the allowed targets',
  'MedicationRequest-medrx0301.json': 'dispenseRequest.performer references a Practitioner; R4 allows only Organization',
  'Observation-clinical-gender.json': 'performer references an Encounter, not an allowed target',
  'ImplementationGuide-fhir.json': 'a partial guide: required name, status, page titles... missing',
  'ig-r4.json': 'the same partial ImplementationGuide as ImplementationGuide-fhir.json',
  'Bundle-hla-1.json': 'a glstring extension with a sub-extension "uri", which hla-genotyping-results-glstring does not define (it defines url and text)',
  'DiagnosticReport-example-pgx.json': 'presentedForm.hash is not the SHA-1 of its data',
  'SearchParameter-questionnaireresponse-extensions-QuestionnaireResponse-item-subject.json': 'its id has 66 characters; ids have at most 64',
  'Questionnaire-qs1.json': 'nested items without the required linkId',
  'StructureDefinition-Definition.json': 'logical pattern without baseDefinition (sdf-4)',
  'StructureDefinition-Event.json': 'logical pattern without baseDefinition (sdf-4)',
  'StructureDefinition-FiveWs.json': 'logical pattern without baseDefinition (sdf-4)',
  'StructureDefinition-Request.json': 'logical pattern without baseDefinition (sdf-4)',
  'CapabilityStatement-knowledge-repository.json': 'declares the version search parameters as string; the R4 SearchParameters are token',
  'CapabilityStatement-measure-processor.json': 'declares Measure-version as string; the R4 SearchParameter is token',
  'CapabilityStatement-terminology-server.json': 'declares ValueSet-reference as token (R4: uri) and ConceptMap-source/target as uri (R4: reference)',
};
for (const kind of ['codesystem-extensions-CodeSystem', 'valueset-extensions-ValueSet']) {
  for (const p of ['author', 'effective', 'end', 'keyword', 'workflow']) {
    ALLOWED[`SearchParameter-${kind}-${p}.json`] = 'SearchParameter without the required base';
  }
}

// The v3 code systems and value sets link to `#CODE` in their narratives while their anchors are named
// `v3-<System>-CODE`: genuinely broken internal links, and the only error they may have.
const BROKEN_V3_LINKS = /^(?:CodeSystem|ValueSet)-v3-(?:RouteOfAdministration|RoleCode|ActCode|ActRelationshipType|EntityNamePartQualifier|CalendarCycle|ActReason|orderableDrugForm|ContextControl|hl7Realm|ObservationInterpretation|NullFlavor|EntityCode)\.json$/;

// The definition bundles over 1 MB (Bundle-resources.json is 35 MB) hold the specification itself and take
// two thirds of the run; their resources are also present as individual example files, which are validated.
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json' && statSync(join(dir, f)).size <= 1_000_000);

describe('official R4 examples against base R4', () => {
  it('has the examples installed', () => {
    expect(files.length).toBeGreaterThan(5000);
  });

  it('gives 0 errors on every valid example, and errors on each allow-listed one', { timeout: 400_000 }, () => {
    const unexpected: string[] = [];
    const noLongerFailing: string[] = [];
    for (const f of files) {
      const o = validate(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      const errors = o.issue.filter((i) => i.severity === 'error');
      if (BROKEN_V3_LINKS.test(f) && errors.every((e) => e.details?.text?.startsWith('The narrative links to #'))) {
        if (errors.length === 0) noLongerFailing.push(f);
      } else if (f in ALLOWED) {
        if (errors.length === 0) noLongerFailing.push(f);
      } else {
        for (const e of errors) unexpected.push(`${f} ${e.expression?.[0]}: ${e.details?.text}`);
      }
    }
    expect(unexpected.slice(0, 20)).toEqual([]);
    expect(noLongerFailing).toEqual([]);
  });
});
