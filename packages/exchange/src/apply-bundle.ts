// Reading a stored discharge Bundle for applying: its entries, the sender's Patient, the stay (Encounter) and the
// summary (Composition), with every local reference rewritten to a fresh urn:uuid, or to the matched Patient.
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Composition, Encounter, Patient } from '@medplum/fhirtypes';
import { ApplyError } from './fhir-client.ts';

export interface Discharge {
  bundle: Bundle;
  entries: BundleEntry[];
  patientEntry: BundleEntry;
  sourcePatient: Patient;
}

export interface Stay extends Discharge {
  /** Transaction fullUrl of every entry but the Patient. */
  urnOf: Map<BundleEntry, string>;
  encounter: Encounter;
  encounterUrn: string;
  composition: Composition;
  compositionUrn: string;
  dischargeAt: string;
  dischargeDay: string;
}

type AnyRecord = Record<string, unknown>;

/** A private copy of the Bundle's entries; a Bundle without a Patient can never apply. */
export function readDischarge(stored: Bundle): Discharge {
  const bundle = structuredClone(stored);
  const entries = (bundle.entry ?? []).filter((e) => e.resource);
  const patientEntry = entries.find((e) => e.resource?.resourceType === 'Patient');
  if (!patientEntry) throw new ApplyError('Pas de Patient dans le lot / no Patient in the bundle', false);
  return { bundle, entries, patientEntry, sourcePatient: patientEntry.resource as Patient };
}

/** Rewrites every `reference` found in the map (deep). */
function rewriteReferences(value: unknown, map: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, map);
  } else if (value && typeof value === 'object') {
    const obj = value as AnyRecord;
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'reference' && typeof v === 'string') {
        const target = map.get(v);
        if (target) obj[k] = target;
      } else if (typeof v === 'object') {
        rewriteReferences(v, map);
      }
    }
  }
}

/** Keys under which an entry can be referenced inside its bundle: fullUrl, and Type/id for RESTful full URLs. */
function entryKeys(entry: BundleEntry): string[] {
  const keys: string[] = [];
  if (entry.fullUrl) {
    keys.push(entry.fullUrl);
    const m = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(entry.fullUrl);
    if (m?.[1] && /^https?:/.test(entry.fullUrl)) keys.push(m[1]);
  }
  if (entry.resource?.id) keys.push(`${entry.resource.resourceType}/${entry.resource.id}`);
  return keys;
}

/** Step "build the stay": local references → urn:uuid (new) or the matched Patient; the Encounter and Composition. */
export function buildStay(discharge: Discharge, patientRef: string, now: Date): Stay {
  const map = new Map<string, string>();
  const urnOf = new Map<BundleEntry, string>();
  for (const entry of discharge.entries) {
    const target = entry === discharge.patientEntry ? patientRef : `urn:uuid:${randomUUID()}`;
    if (entry !== discharge.patientEntry) urnOf.set(entry, target);
    for (const key of entryKeys(entry)) map.set(key, target);
  }
  for (const entry of discharge.entries) rewriteReferences(entry.resource, map);
  const encounterEntry = discharge.entries.find((e) => e.resource?.resourceType === 'Encounter');
  const compositionEntry = discharge.entries.find((e) => e.resource?.resourceType === 'Composition');
  if (!encounterEntry || !compositionEntry) {
    throw new ApplyError('Lot sans Encounter ou Composition / bundle without Encounter or Composition', false);
  }
  const encounter = encounterEntry.resource as Encounter;
  const composition = compositionEntry.resource as Composition;
  const dischargeAt = encounter.period?.end ?? composition.date ?? discharge.bundle.timestamp ?? now.toISOString();
  return {
    ...discharge,
    urnOf,
    encounter,
    encounterUrn: urnOf.get(encounterEntry) as string,
    composition,
    compositionUrn: urnOf.get(compositionEntry) as string,
    dischargeAt,
    dischargeDay: dischargeAt.slice(0, 10),
  };
}
