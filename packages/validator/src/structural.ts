/**
 * Medplum's structural validation (`validateTypedValue` of @medplum/core 5.2.13, typeschema/validation.ts and
 * typeschema/crawler.ts), ported so that an element absent from a value costs a property test instead of a
 * typed-value lookup: Medplum's crawler visits every element of every schema and, for each absent one, builds
 * its path and looks its type up (a Patient's CodeableConcepts each walk every element of CodeableConcept), which
 * was a third of a validation. Present values are read from the names they are under (src/structural-values.ts)
 * or through Medplum's own functions (`getNestedProperty`, `matchDiscriminant`, `evalFhirPathTyped`…), and every
 * check, message and expression is Medplum's, in the same order: src/structural.test.ts compares the issues with
 * Medplum's on every official R4 example, so a Medplum upgrade that changes its checks fails there first.
 * See https://hl7.org/fhir/R4/validation.html#structure
 */
import type { Constraint, InternalSchemaElement, InternalTypeSchema, SliceDefinition, SlicingRules, TypedValue, TypedValueWithPath } from '@medplum/core';
import {
  HTTP_HL7_ORG,
  UCUM,
  createConstraintIssue,
  createOperationOutcomeIssue,
  createProcessingIssue,
  createStructureIssue,
  deepEquals,
  deepIncludes,
  evalFhirPathTyped,
  fhirTypeToJsType,
  getDataType,
  getNestedProperty,
  isEmpty,
  isPrimitiveType,
  isReference,
  isResource,
  isValidCalendarDate,
  matchDiscriminant,
  parseFhirPath,
  toTypedValue,
  validationRegexes,
} from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { innerType, isChoiceOfType, isPlainObject, planFor, typeIndex, typedProperty } from './structural-values.ts';

type Json = Record<string, unknown>;
type Atom = ReturnType<typeof parseFhirPath>;

/** The constraint keys Medplum does not evaluate (its `skippedConstraintKeys`). */
const SKIPPED_CONSTRAINTS = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);
const FHIR_INTEGER_MIN = -2_147_483_648;
const FHIR_INTEGER_MAX = 2_147_483_647;
const BASE64_MAX_BYTES = 1024 * 1024;

/** Parsed invariants by expression (Medplum keeps its own cache of 1,000; these are the same parses). */
const parsed = new Map<string, Atom>();

/**
 * Medplum's structural issues for `typed` against `schema` (default: its type's): the same list, in the same
 * order, as `validateTypedValue(typed)` returns or throws in an OperationOutcomeError.
 */
export function structuralIssues(typed: TypedValue, schema: InternalTypeSchema = getDataType(typed.type)): OperationOutcomeIssue[] {
  return new StructuralValidator(typed, schema).validate();
}

class StructuralValidator {
  private readonly issues: OperationOutcomeIssue[] = [];
  private readonly resourceStack: Resource[] = [];
  private readonly root: TypedValue;
  private readonly schema: InternalTypeSchema;
  private readonly rootIsResource: boolean;

  constructor(root: TypedValue, schema: InternalTypeSchema) {
    this.root = root;
    this.schema = schema;
    this.rootIsResource = isResource(root.value);
    if (this.rootIsResource) this.resourceStack.push(root.value as Resource);
  }

  validate(): OperationOutcomeIssue[] {
    checkObjectForNull(this.root.value as Json, this.schema.path, this.issues);
    const start = { ...this.root, path: this.schema.path };
    this.constraintsCheck(start, this.schema);
    this.crawlObject({ ...this.root, path: this.schema.path }, this.schema, this.schema.path);
    return this.issues;
  }

  private crawlObject(obj: TypedValueWithPath, schema: InternalTypeSchema, path: string): void {
    const value = obj.value as unknown;
    const objIsResource = isResource(value);
    if (objIsResource) this.resourceStack.push(value as Resource);
    // In a plain object, Medplum finds nothing under names it does not hold; in a falsy value, nothing at all.
    // Other shapes (a string where an object belongs) go through Medplum's lookup for every element.
    const plan = isPlainObject(value) ? planFor(schema, obj.type) : undefined;
    if (plan) {
      const keys = plan.choice ? Object.keys(value as Json) : [];
      for (const { key, names, required } of plan.steps) {
        const index = names ? typeIndex(value as Json, names, keys) : -1;
        if (names && index < 0) {
          if (required) this.missing(obj, key);
          continue;
        }
        this.crawlProperty(names ? [typedProperty(obj, key, names, index)] : getNestedProperty(obj, key, { withPath: true }), key, schema, `${path}.${key}`);
      }
    } else {
      for (const key of Object.keys(schema.elements)) {
        if (!value && !key.includes('.')) {
          if ((schema.elements[key]?.min ?? 0) > 0) this.missing(obj, key);
          continue;
        }
        this.crawlProperty(getNestedProperty(obj, key, { withPath: true }), key, schema, `${path}.${key}`);
      }
    }
    this.checkAdditionalProperties(obj, schema.elements, obj.path);
    if (objIsResource) this.resourceStack.pop();
  }

  /** Medplum's visitProperty on an absent value of a required element. */
  private missing(obj: TypedValueWithPath, key: string): void {
    this.issues.push(createStructureIssue(obj.path ? `${obj.path}.${key}` : key, 'Missing required property'));
  }

  /** The crawler's crawlProperty, given the values Medplum's getNestedProperty finds. */
  private crawlProperty(propertyValues: (TypedValueWithPath | TypedValueWithPath[])[], key: string, schema: InternalTypeSchema, path: string): void {
    this.visitProperty(key, path, propertyValues, schema);
    for (const propertyValue of propertyValues) {
      for (const value of Array.isArray(propertyValue) ? propertyValue : [propertyValue]) {
        if (isPrimitiveType(value.type)) continue;
        this.crawlObject(value, innerType(schema, value.type) ?? getDataType(value.type), path);
      }
    }
  }

  private visitProperty(key: string, path: string, propertyValues: (TypedValueWithPath | TypedValueWithPath[])[], schema: InternalTypeSchema): void {
    const element = schema.elements[key];
    if (!element) throw new Error(`Missing element validation schema for ${key}`);
    for (const value of propertyValues) {
      if (!this.checkPresence(value, element, path)) return;
      let values: TypedValueWithPath[];
      if (element.isArray) {
        if (!Array.isArray(value)) {
          this.issues.push(createStructureIssue(path, 'Expected array of values for property'));
          return;
        }
        values = value;
      } else {
        if (Array.isArray(value)) {
          this.issues.push(createStructureIssue(path, 'Expected single value for property'));
          return;
        }
        values = [value];
      }
      if (values.length < element.min || values.length > element.max) {
        this.issues.push(createStructureIssue(element.path, `Invalid number of values: expected ${element.min}..${Number.isFinite(element.max) ? element.max : '*'}, but found ${values.length}`));
      }
      if (!matchesSpecifiedValue(value, element)) this.issues.push(createStructureIssue(path, 'Value did not match expected pattern'));
      const sliceCounts: Record<string, number> | undefined = element.slicing ? Object.fromEntries(element.slicing.slices.map((s) => [s.name, 0])) : undefined;
      for (const v of values) {
        this.constraintsCheck(v, element);
        this.referenceTypeCheck(v, element);
        this.checkPropertyValue(v);
        const sliceName = checkSliceElement(v, element.slicing);
        if (sliceName && sliceCounts) sliceCounts[sliceName] = (sliceCounts[sliceName] ?? 0) + 1;
      }
      this.validateSlices(element.slicing?.slices, sliceCounts, path);
    }
  }

  private checkPresence(value: TypedValueWithPath | TypedValueWithPath[], field: InternalSchemaElement, path: string): boolean {
    if (!Array.isArray(value) && value.value === undefined) {
      if (field.min > 0) this.issues.push(createStructureIssue(value.path, 'Missing required property'));
      return false;
    }
    if (isEmpty(value)) {
      this.issues.push(createStructureIssue(path, 'Invalid empty value'));
      return false;
    }
    return true;
  }

  private checkPropertyValue(value: TypedValueWithPath): void {
    if (isPrimitiveType(value.type)) this.validatePrimitiveType(value);
    else if (isEmpty(value.value)) this.issues.push(createStructureIssue(value.path, 'Invalid empty non-primitive value'));
  }

  private validateSlices(slices: SliceDefinition[] | undefined, counts: Record<string, number> | undefined, path: string): void {
    if (!slices || !counts) return;
    for (const slice of slices) {
      const n = counts[slice.name] ?? 0;
      if (n < slice.min || n > slice.max) {
        this.issues.push(createStructureIssue(path, `Incorrect number of values provided for slice '${slice.name}': expected ${slice.min}..${Number.isFinite(slice.max) ? slice.max : '*'}, but found ${n}`));
      }
    }
  }

  private checkAdditionalProperties(parent: TypedValueWithPath, properties: Record<string, InternalSchemaElement>, path: string): void {
    const object = parent.value as Json | undefined;
    if (!object) return;
    const choiceOfTypeElements: Record<string, string> = {};
    const keys = Object.keys(object);
    for (const key of keys) {
      if (key === 'resourceType') continue;
      const choiceName = isChoiceOfType(parent, key, properties, keys);
      if (choiceName) {
        let relatedElementName: string;
        let requiredRelatedElementName: string;
        if (choiceName.startsWith('_')) {
          relatedElementName = choiceName.slice(1);
          requiredRelatedElementName = key.slice(1);
        } else {
          relatedElementName = '_' + choiceName;
          requiredRelatedElementName = '_' + key;
        }
        if (relatedElementName in choiceOfTypeElements && choiceOfTypeElements[relatedElementName] !== requiredRelatedElementName) {
          this.issues.push(
            createOperationOutcomeIssue('warning', 'structure', `Type of primitive extension does not match the type of property "${choiceName.startsWith('_') ? choiceName.slice(1) : choiceName}"`, choiceName),
          );
        }
        if (choiceOfTypeElements[choiceName]) {
          this.issues.push(createOperationOutcomeIssue('warning', 'structure', `Conflicting choice of type properties: "${key}", "${choiceOfTypeElements[choiceName]}"`, key));
        }
        choiceOfTypeElements[choiceName] = key;
        continue;
      }
      if (!(key in properties) && !(key.startsWith('_') && key.slice(1) in properties) && object[key] !== undefined) {
        this.issues.push(createStructureIssue(`${path}.${key}`, `Invalid additional property "${key}"`));
      }
    }
  }

  private constraintsCheck(value: TypedValueWithPath, field: InternalTypeSchema | InternalSchemaElement): void {
    for (const constraint of field.constraints ?? []) {
      if (constraint.severity === 'error' && !SKIPPED_CONSTRAINTS.has(constraint.key) && !this.isExpressionTrue(constraint, value)) {
        this.issues.push(createConstraintIssue(value.path, constraint));
        return;
      }
    }
  }

  private referenceTypeCheck(value: TypedValueWithPath, field: InternalSchemaElement): void {
    if (value.type !== 'Reference') return;
    const reference = value.value;
    if (!isReference(reference) || reference.reference.startsWith('#')) return;
    const referenceResourceType = reference.reference.includes('?') ? reference.reference.split('?')[0] : reference.reference.split('/')[0];
    if (!referenceResourceType) return;
    if (reference.reference === 'system' && field.path === 'AuditEvent.agent.who') return;
    const targetProfiles = field.type.find((t) => t.code === 'Reference')?.targetProfile;
    if (!targetProfiles) return;
    const hl7BaseUrl = HTTP_HL7_ORG + '/fhir/StructureDefinition/';
    const medplumBaseUrl = 'https://medplum.com/fhir/StructureDefinition/';
    for (const targetProfile of targetProfiles) {
      if (targetProfile === hl7BaseUrl + 'Resource' || targetProfile === hl7BaseUrl + referenceResourceType || targetProfile === medplumBaseUrl + referenceResourceType) return;
      if (!targetProfile.startsWith(hl7BaseUrl) && !targetProfile.startsWith(medplumBaseUrl)) return;
    }
    this.issues.push(createOperationOutcomeIssue('warning', 'structure', `Invalid reference: got "${referenceResourceType}", expected "${targetProfiles.join('", "')}"`, value.path));
  }

  private isExpressionTrue(constraint: Constraint, value: TypedValueWithPath): boolean {
    const variables: Record<string, TypedValue> = { '%context': value, '%ucum': toTypedValue(UCUM) };
    const resource = this.resourceStack.at(-1);
    if (resource) variables['%resource'] = toTypedValue(resource);
    if (this.rootIsResource) variables['%rootResource'] = this.root;
    try {
      const expression = constraint.expression as string | Atom;
      let atom: Atom;
      if (typeof expression === 'string') {
        atom = parsed.get(expression) ?? parseFhirPath(expression);
        parsed.set(expression, atom);
      } else atom = expression;
      const result = evalFhirPathTyped(atom, [value], variables);
      return result.length === 1 && result[0]?.value === true;
    } catch (e) {
      this.issues.push(createProcessingIssue(value.path, 'Error evaluating invariant expression', e as Error, { fhirpath: constraint.expression }));
      return false;
    }
  }

  private validatePrimitiveType(typedValue: TypedValueWithPath): void {
    const [primitiveValue, extensionElement] = unpackPrimitiveElement(typedValue);
    const path = typedValue.path;
    if (primitiveValue) {
      const { type, value } = primitiveValue;
      if (!(type in fhirTypeToJsType)) {
        this.issues.push(createStructureIssue(path, `Invalid JSON type: ${type} is not a valid FHIR type`));
        return;
      }
      const expectedType = fhirTypeToJsType[type as keyof typeof fhirTypeToJsType];
      if (typeof value !== expectedType) {
        if (value !== null) this.issues.push(createStructureIssue(path, `Invalid JSON type: expected ${expectedType}, but got ${typeof value}`));
        return;
      }
      if (type === 'base64Binary') this.validateBase64Binary(value as string, path);
      else if (expectedType === 'string') this.validateString(value as string, type, path);
      else if (expectedType === 'number') this.validateNumber(value as number, type, path);
    }
    if (extensionElement) {
      const element = getDataType('Element');
      this.crawlObject({ ...extensionElement, path }, element, path);
    }
  }

  private validateBase64Binary(str: string, path: string): void {
    if (!isValidBase64Binary(str)) {
      this.issues.push(createStructureIssue(path, 'Invalid base64Binary format'));
      return;
    }
    const padding = str.endsWith('==') ? 2 : str.endsWith('=') ? 1 : 0;
    const approxBytes = Math.max(0, Math.floor((str.length * 3) / 4) - padding);
    if (approxBytes > BASE64_MAX_BYTES) this.issues.push(createStructureIssue(path, `base64Binary exceeds ${BASE64_MAX_BYTES} bytes`));
  }

  private validateString(str: string, type: string, path: string): void {
    if (!str.trim()) {
      this.issues.push(createStructureIssue(path, 'String must contain non-whitespace content'));
      return;
    }
    if (str.length > 1024 * 1024) {
      this.issues.push(createStructureIssue(path, 'String cannot be larger than 1 MB'));
      return;
    }
    const regex = validationRegexes[type];
    if (regex && !regex.exec(str)) this.issues.push(createStructureIssue(path, 'Invalid ' + type + ' format'));
    else if ((type === 'date' || type === 'dateTime' || type === 'instant') && !isValidCalendarDate(str)) this.issues.push(createStructureIssue(path, 'Invalid ' + type + ' value'));
  }

  private validateNumber(n: number, type: string, path: string): void {
    const integer = type === 'integer' || type === 'positiveInt' || type === 'unsignedInt';
    if (Number.isNaN(n) || !Number.isFinite(n)) this.issues.push(createStructureIssue(path, 'Invalid numeric value'));
    else if (integer && !Number.isInteger(n)) this.issues.push(createStructureIssue(path, 'Expected number to be an integer'));
    else if (type === 'integer' && (n < FHIR_INTEGER_MIN || n > FHIR_INTEGER_MAX)) this.issues.push(createStructureIssue(path, `Expected number to be in the range ${FHIR_INTEGER_MIN}..${FHIR_INTEGER_MAX}`));
    else if (type === 'positiveInt' && (n < 1 || n > FHIR_INTEGER_MAX)) this.issues.push(createStructureIssue(path, `Expected number to be in the range 1..${FHIR_INTEGER_MAX}`));
    else if (type === 'unsignedInt' && (n < 0 || n > FHIR_INTEGER_MAX)) this.issues.push(createStructureIssue(path, `Expected number to be in the range 0..${FHIR_INTEGER_MAX}`));
  }
}

/** True when `obj` holds, at any depth, a null value or a null or undefined array item: what checkObjectForNull judges. */
function holdsNullish(obj: Json): boolean {
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    const value = obj[key];
    if (value === null) return true;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        if (item === null || item === undefined) return true;
        if (typeof item === 'object' && holdsNullish(item as Json)) return true;
      }
    } else if (typeof value === 'object' && holdsNullish(value as Json)) return true;
  }
  return false;
}

/** Medplum's null checks, whose paths are only built for a resource that holds a null (holdsNullish). */
function checkObjectForNull(obj: Json, path: string, issues: OperationOutcomeIssue[]): void {
  if (holdsNullish(obj)) reportNulls(obj, path, issues);
}

function reportNulls(obj: Json, path: string, issues: OperationOutcomeIssue[]): void {
  for (const [key, value] of Object.entries(obj)) {
    const propertyPath = `${path}.${key}`;
    if (value === null) issues.push(createStructureIssue(propertyPath, 'Invalid null value'));
    else if (Array.isArray(value)) {
      const partnerKey = key.startsWith('_') ? key.slice(1) : `_${key}`;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) issues.push(createStructureIssue(`${propertyPath}[${i}]`, 'Invalid undefined value'));
        else if (item === null && !(obj[partnerKey] as unknown[] | undefined)?.[i]) issues.push(createStructureIssue(`${propertyPath}[${i}]`, 'Invalid null value'));
        else if (item) reportNulls(item as Json, `${propertyPath}[${i}]`, issues);
      }
    } else if (typeof value === 'object') reportNulls(value as Json, propertyPath, issues);
  }
}

function matchesSpecifiedValue(value: TypedValue | TypedValue[], element: InternalSchemaElement): boolean {
  const typeAndValue = Array.isArray(value) ? value.map((v) => ({ type: v.type, value: v.value })) : { type: value.type, value: value.value };
  if (element.pattern && !deepIncludes(typeAndValue, element.pattern)) return false;
  if (element.fixed && !deepEquals(typeAndValue, element.fixed)) return false;
  return true;
}

function checkSliceElement(value: TypedValue, slicing: SlicingRules | undefined): string | undefined {
  for (const slice of slicing?.slices ?? []) {
    const matches = slicing?.discriminator?.every((d) => {
      const found = getNestedProperty(value, d.path);
      return (Array.isArray(found) ? found : [found]).some((v) => matchDiscriminant(v, d, slice));
    });
    if (matches) return slice.name;
  }
  return undefined;
}

function unpackPrimitiveElement(v: TypedValue): [TypedValue | undefined, TypedValue | undefined] {
  if (typeof v.value !== 'object' || !v.value) return [v, undefined];
  const primitiveValue = (v.value as object).valueOf();
  if (primitiveValue === v.value) return [undefined, { type: 'Element', value: v.value }];
  const primitiveKeys = new Set(Object.keys(primitiveValue));
  const extensionEntries = Object.entries(v.value as Json).filter(([k]) => !primitiveKeys.has(k));
  const extensionElement = extensionEntries.length > 0 ? Object.fromEntries(extensionEntries) : undefined;
  return [
    { type: v.type, value: primitiveValue },
    { type: 'Element', value: extensionElement },
  ];
}

function isValidBase64Binary(str: string): boolean {
  if (str.length === 0) return false;
  const padding = str.endsWith('==') ? 2 : str.endsWith('=') ? 1 : 0;
  const dataLen = str.length - padding;
  if ((padding + dataLen) % 4 !== 0) return false;
  return /^[A-Za-z\d+/]+$/.test(padding > 0 ? str.slice(0, -padding) : str);
}
