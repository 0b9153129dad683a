import { describe, expect, it } from 'vitest';
import { storedOwner, storedResource, storedText, stringifyAnswer } from './stored-json.ts';

const observation = { resourceType: 'Observation', id: 'o1', status: 'final', subject: { reference: 'Patient/p1' }, note: [{ text: 'é "quoted" \u0000 \n' }], valueQuantity: { value: 1.5 } };
const text = JSON.stringify(observation);

describe('stored answers', () => {
  it('answers type and id without parsing, and serialises a Bundle byte for byte as JSON.stringify would', () => {
    const resource = storedResource<typeof observation>(text, 'Observation', 'o1', 'p1');
    expect(resource.resourceType).toBe('Observation');
    expect('id' in resource).toBe(true);
    expect(storedText(resource)).toBe(text);
    expect(storedOwner(resource)).toEqual({ owner: 'p1' });
    const bundle = { resourceType: 'Bundle', type: 'searchset', total: 1, entry: [{ fullUrl: 'x/Observation/o1', search: { mode: 'match' }, resource }], link: [{ relation: 'self', url: 'x' }] };
    const expected = JSON.stringify({ ...bundle, entry: [{ ...bundle.entry[0], resource: observation }] });
    expect(stringifyAnswer(bundle)).toBe(expected);
  });

  it('becomes the parsed resource once anything looks inside, and a change is what gets serialised', () => {
    const resource = storedResource<typeof observation>(text, 'Observation', 'o1');
    expect(resource.subject.reference).toBe('Patient/p1');
    expect(storedText(resource)).toBeUndefined();
    expect(storedOwner(resource)).toBeUndefined();
    resource.status = 'amended';
    expect(Object.keys(resource)).toEqual(Object.keys(observation));
    expect(Reflect.ownKeys(resource)).toEqual(Object.keys(observation)); // the stand-in's record is no key of it
    expect(stringifyAnswer({ resourceType: 'Bundle', entry: [{ resource }] })).toBe(JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { ...observation, status: 'amended' } }] }));
  });

  it('serialises the searchsets of a batch-response with their stored texts, byte for byte', () => {
    const searchset = (resource: object): object => ({ resourceType: 'Bundle', type: 'searchset', entry: [{ fullUrl: 'x/Observation/o1', resource }] });
    const answer = (resource: object): object => ({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200' }, resource: searchset(resource) }, { response: { status: '404' } }] });
    const stand = storedResource(text, 'Observation', 'o1');
    expect(stringifyAnswer(answer(stand))).toBe(JSON.stringify(answer(observation)));
    expect(storedText(stand)).toBe(text); // sent without being parsed
  });

  it('leaves other answers to JSON.stringify, a string that looks like a placeholder included', () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: '\u0000stored-0' }] };
    expect(stringifyAnswer(outcome)).toBe(JSON.stringify(outcome));
    const bundle = { resourceType: 'Bundle', entry: [{ resource: storedResource(text, 'Observation', 'o1') }, { resource: { resourceType: 'Patient', id: '\u0000stored-0' } }] };
    expect(JSON.parse(stringifyAnswer(bundle))).toEqual({ resourceType: 'Bundle', entry: [{ resource: observation }, { resource: { resourceType: 'Patient', id: '\u0000stored-0' } }] });
  });
});
