// How a Parcours Measure says what to count (profiles/input/fsh/extensions/ParcoursExtensionMeasure*.fsh): each
// group reads the resources of one standard search (x-fhir-query with {{%variables}}), optionally joined to a
// second search within a number of days; each population and stratifier is a FHIRPath expression on them.
// Compiled once per Measure: the FHIRPath expressions are parsed here, not per resource.
// https://hl7.org/fhir/R4/measure.html · https://hl7.org/fhir/R4/fhirpath.html · https://build.fhir.org/ig/HL7/sdc/expressions.html#x-fhir-query-enhancements
import { parseFhirPath } from '@medplum/core';
import type { Extension, Measure, MeasureGroup } from '@medplum/fhirtypes';
import { PARCOURS_CANONICAL } from '@parcours/profiles';
import { fail } from '@parcours/outcomes';

const SD = `${PARCOURS_CANONICAL}/StructureDefinition`;
export const MeasureExtension = {
  Source: `${SD}/parcours-measure-source`,
  Related: `${SD}/parcours-measure-related`,
  Distinct: `${SD}/parcours-measure-distinct`,
  Sum: `${SD}/parcours-measure-sum`,
  Resolve: `${SD}/parcours-measure-resolve`,
} as const;

export type Atom = ReturnType<typeof parseFhirPath>;

export interface CompiledPopulation {
  code: string;
  description?: string;
  criteria: Atom;
  /** The criteria as written (groups of one Measure that read the same search share its results by this text). */
  expression: string;
  /** Count distinct values of this expression over the matching resources (instead of the resources). */
  distinct?: Atom;
  /** Sum this integer expression over the matching resources (instead of counting them). */
  sum?: Atom;
}

export interface CompiledStratifier {
  text: string;
  criteria: Atom;
  /** `profession`: the value is a practitioner reference, reported as that practitioner's role code. */
  resolve?: string;
}

export interface CompiledRelated {
  source: string;
  /** Join: the related resource's key equals the basis resource's key. */
  key: Atom;
  on: Atom;
  /** Time window (optional): the related date is after the anchor, at most `withinDays` days later. */
  window?: { anchor: Atom; date: Atom; withinDays: number };
}

export interface CompiledGroup {
  id: string;
  text: string;
  source: string;
  related?: CompiledRelated;
  populations: CompiledPopulation[];
  stratifiers: CompiledStratifier[];
}

export interface CompiledMeasure {
  measure: Measure;
  groups: CompiledGroup[];
}

function ext(extensions: Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((e) => e.url === url);
}

function parse(expression: string | undefined, where: string): Atom {
  if (!expression) return fail('invalid', 'invalid', where, `Mesure incomplète : aucune expression en ${where} / incomplete Measure: no expression at ${where}`);
  try {
    return parseFhirPath(expression);
  } catch (error) {
    return fail('invalid', 'invalid', where, `Expression FHIRPath illisible en ${where} / unreadable FHIRPath at ${where}: ${(error as Error).message}`);
  }
}

function related(group: MeasureGroup, where: string): CompiledRelated | undefined {
  const found = ext(group.extension, MeasureExtension.Related);
  if (!found) return undefined;
  const part = (name: string): Extension | undefined => ext(found.extension, name);
  const source = part('source')?.valueExpression?.expression;
  if (!source) return fail('invalid', 'invalid', `${where}.extension`, `Mesure incomplète : jointure sans recherche en ${where}`);
  return {
    source,
    key: parse(part('key')?.valueString, `${where}.related.key`),
    on: parse(part('on')?.valueString, `${where}.related.on`),
    ...(part('withinDays')
      ? { window: { anchor: parse(part('anchor')?.valueString, `${where}.related.anchor`), date: parse(part('date')?.valueString, `${where}.related.date`), withinDays: part('withinDays')?.valueInteger ?? 0 } }
      : {}),
  };
}

/** Parses a Measure's groups; an incomplete or unreadable one is refused with an OperationOutcome. */
export function compileMeasure(measure: Measure): CompiledMeasure {
  const groups = (measure.group ?? []).map((group, g): CompiledGroup => {
    const where = `Measure.group[${g}]`;
    const source = ext(group.extension, MeasureExtension.Source)?.valueExpression?.expression;
    if (!source) return fail('invalid', 'invalid', `${where}.extension`, `Mesure incomplète : le groupe ${g} ne dit pas quoi rechercher / group ${g} has no source search`);
    const joined = related(group, where);
    return {
      id: group.id ?? `groupe-${g + 1}`,
      text: group.code?.text ?? group.description ?? `Groupe ${g + 1}`,
      source,
      ...(joined ? { related: joined } : {}),
      populations: (group.population ?? []).map((p, i) => {
        const at = `${where}.population[${i}]`;
        const distinct = ext(p.extension, MeasureExtension.Distinct)?.valueString;
        const sum = ext(p.extension, MeasureExtension.Sum)?.valueString;
        return {
          code: p.code?.coding?.[0]?.code ?? 'initial-population',
          ...(p.description ? { description: p.description } : {}),
          criteria: parse(p.criteria.expression, `${at}.criteria`),
          expression: p.criteria.expression ?? '',
          ...(distinct ? { distinct: parse(distinct, `${at}.distinct`) } : {}),
          ...(sum ? { sum: parse(sum, `${at}.sum`) } : {}),
        };
      }),
      stratifiers: (group.stratifier ?? []).map((s, i) => {
        const resolve = ext(s.extension, MeasureExtension.Resolve)?.valueCode;
        return {
          text: s.code?.text ?? s.description ?? `Ventilation ${i + 1}`,
          criteria: parse(s.criteria?.expression, `${where}.stratifier[${i}].criteria`),
          ...(resolve ? { resolve } : {}),
        };
      }),
    };
  });
  return { measure, groups };
}
