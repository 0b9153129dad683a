// Patient matching: INS first, then the hospital's identifiers (IPP with its assigning authority's system).
// Only a sure match is used; none, several, or an INS contradicting the match → parked, never guessed.
import type { Identifier, Patient } from '@medplum/fhirtypes';
import { IdentifierSystem } from '@parcours/profiles';
import type { FhirClient } from './fhir-client.ts';

export type MatchResult = { kind: 'matched'; patient: Patient; by: string } | { kind: 'parked'; reason: string };

function token(identifier: Identifier): string {
  return `${identifier.system}|${identifier.value}`;
}

/** Finds the one Patient the identifiers designate. */
export async function matchPatient(client: FhirClient, identifiers: Identifier[]): Promise<MatchResult> {
  const usable = identifiers.filter((i) => i.system && i.value);
  const ins = usable.filter((i) => i.system === IdentifierSystem.INS);
  const local = usable.filter((i) => i.system !== IdentifierSystem.INS);
  for (const identifier of ins) {
    const found = await client.search<Patient>('Patient', { identifier: token(identifier), _count: '3' });
    if (found.length === 1 && found[0]) return { kind: 'matched', patient: found[0], by: `INS ${identifier.value}` };
    if (found.length > 1) {
      return { kind: 'parked', reason: `INS ${identifier.value} : ${found.length} personnes / persons match (ambiguous)` };
    }
  }
  const byId = new Map<string, { patient: Patient; via: string }>();
  for (const identifier of local) {
    const found = await client.search<Patient>('Patient', { identifier: token(identifier), _count: '3' });
    for (const patient of found) if (patient.id) byId.set(patient.id, { patient, via: token(identifier) });
  }
  if (byId.size === 0) {
    const what = usable.map((i) => `${i.system === IdentifierSystem.INS ? 'INS' : i.system} ${i.value}`).join(', ');
    return { kind: 'parked', reason: `Personne inconnue / unknown person (${what})` };
  }
  if (byId.size > 1) {
    return { kind: 'parked', reason: `Identifiants locaux ambigus / ambiguous local identifiers: ${byId.size} personnes / persons (${[...byId.keys()].join(', ')})` };
  }
  const [only] = [...byId.values()];
  if (!only) return { kind: 'parked', reason: 'Personne inconnue / unknown person' };
  // The message's INS (absent from the store) must not contradict the INS of the person found by IPP.
  const storedIns = (only.patient.identifier ?? []).filter((i) => i.system === IdentifierSystem.INS).map((i) => i.value);
  if (ins.length > 0 && storedIns.length > 0 && !ins.some((i) => storedIns.includes(i.value))) {
    return { kind: 'parked', reason: `INS contradictoire / conflicting INS: ${ins.map((i) => i.value).join(',')} ≠ ${storedIns.join(',')} (${only.via})` };
  }
  return { kind: 'matched', patient: only.patient, by: only.via };
}
