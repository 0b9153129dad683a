// Words for coded values, names and references, shared by the plan model and the discharge inbox.
import type { CodeableConcept, HumanName, Reference, Resource } from '@medplum/fhirtypes';
import { refKey } from './load-plan.ts';

export function conceptText(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? '';
}

export function humanName(names: HumanName[] | undefined): string {
  const n = names?.find((x) => x.use === 'official') ?? names?.[0];
  if (!n) return '';
  return n.text ?? [...(n.prefix ?? []), ...(n.given ?? []), n.family ?? ''].join(' ').trim();
}

/** A readable label for a reference: the referenced resource's name, else the reference's display. */
export function refLabel(ref: Reference | undefined, refs: Map<string, Resource>): string {
  if (!ref) return '';
  const k = refKey(ref);
  const r = k ? refs.get(k) : undefined;
  if (r && 'name' in r) {
    const name = (r as { name?: unknown }).name;
    if (typeof name === 'string') return name;
    if (Array.isArray(name)) return humanName(name as HumanName[]);
  }
  if (r?.resourceType === 'PractitionerRole') return refLabel(r.practitioner, refs) || ref.display || unnamed('PractitionerRole');
  // Never a raw `Practitioner/…` reference on screen: a word for who it is when the server gave no name.
  return ref.display ?? (k ? unnamed(k.split('/')[0] ?? '') : '');
}

/** Words for a reference the server did not resolve (French first, English after the slash: no language here). */
function unnamed(type: string): string {
  if (type === 'Organization') return 'structure non précisée / unnamed organisation';
  if (type === 'CareTeam') return 'l’équipe / the team';
  if (type === 'Device') return 'la veille des ruptures de soins / the care-break watch';
  if (type === 'Patient' || type === 'RelatedPerson') return 'la personne / the person';
  return 'professionnel·le non précisé·e / unnamed professional';
}
