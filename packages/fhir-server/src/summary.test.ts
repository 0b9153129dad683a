// `_elements` cut in SQL (a search without includes) answers exactly what elements() keeps from the whole resource.
import { parseSearchRequest } from '@medplum/core';
import type { Encounter, Patient, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { SqliteRepository, Store } from './repository.ts';
import { loadDefinitions } from './search-params.ts';
import { stringifyAnswer, storedText } from './stored-json.ts';
import { elements } from './summary.ts';

describe('_elements in SQL', () => {
  let repository: SqliteRepository;
  beforeAll(async () => {
    loadDefinitions();
    repository = new SqliteRepository(new Store(openDatabase(':memory:'), 'http://localhost/fhir'));
    await repository.createResource<Patient>({
      resourceType: 'Patient', active: true, deceasedBoolean: false, multipleBirthInteger: 2, birthDate: '1980-02-03',
      name: [{ family: 'Durand', given: ['Léa', 'Marie'] }], meta: { security: [{ system: 'urn:s', code: 'X' }] },
      extension: [{ url: 'urn:e', valueDecimal: 0.25 }], text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">L</div>' },
    });
    await repository.createResource<Encounter>({
      resourceType: 'Encounter', status: 'finished', class: { system: 'urn:c', code: 'AMB' }, subject: { reference: 'Patient/p' },
      period: { start: '2026-01-01T10:00:00Z' }, participant: [{ individual: { reference: 'Practitioner/x' } }], length: { value: 30.5, unit: 'min' },
    });
  });

  for (const [type, fields] of [['Patient', 'name,birthDate'], ['Patient', 'active,deceased,multipleBirthInteger,extension'], ['Patient', 'nothing'], ['Encounter', 'subject,period'], ['Encounter', 'participant,length,type']] as const) {
    it(`${type}?_elements=${fields}`, async () => {
      const found = (await repository.search(parseSearchRequest(`${type}?_elements=${fields}`))).entry?.[0]?.resource as Resource;
      const whole = await repository.readResource(type, found.id ?? '');
      expect(found).toEqual(elements(whole, fields.split(',')));
    });

    it(`${type}?_elements=${fields} answered as stored text: the same bytes as the parsed subset`, async () => {
      const request = parseSearchRequest(`${type}?_elements=${fields}`);
      const parsed = await repository.search(request);
      const stored = await repository.search(request, { stored: { owners: true } } as object);
      const resource = stored.entry?.[0]?.resource;
      // The Patient's 0.25 is written by SQLite as JavaScript writes it; no text here needs parsing.
      expect(storedText(resource)).toBeDefined();
      expect(stringifyAnswer(stored)).toBe(JSON.stringify(parsed));
    });
  }
});
