import { OperationOutcomeError, badRequest, notFound } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { OutcomeError, bilingual, fail, httpStatus, issue, normalizeError, outcome, unexpectedOutcome } from './index.ts';

describe('outcomes', () => {
  it('builds issues with one signature (severity, code, expression, text)', () => {
    expect(issue('error', 'required', 'Patient.name', 'Name missing')).toEqual({ severity: 'error', code: 'required', details: { text: 'Name missing' }, expression: ['Patient.name'] });
    expect(issue('error', 'exception', undefined, 'x')).not.toHaveProperty('expression');
    expect(bilingual('Non', 'No')).toBe('Non / No');
  });

  it('maps outcomes to HTTP status through their id, Medplum ones included', () => {
    expect(httpStatus(outcome('unavailable', issue('error', 'transient', undefined, 'x')))).toBe(503);
    expect(httpStatus(outcome('method-not-allowed'))).toBe(405);
    expect(httpStatus(notFound)).toBe(404);
    expect(httpStatus(badRequest('x'))).toBe(400);
    expect(httpStatus({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] })).toBe(500);
  });

  it('normalises OutcomeError, Medplum errors and anything else', () => {
    const ours = new OutcomeError(outcome('conflict', issue('error', 'conflict', undefined, 'c')), { headers: { 'Retry-After': '1' } });
    expect(normalizeError(ours)).toBe(ours);
    expect(ours).toBeInstanceOf(OperationOutcomeError);
    const medplum = normalizeError(new OperationOutcomeError(notFound));
    expect(medplum.status).toBe(404);
    expect(medplum.unexpected).toBe(false);
    const bug = normalizeError(new TypeError('Cannot read properties of undefined'));
    expect(bug.unexpected).toBe(true);
    expect(bug.status).toBe(500);
    expect(JSON.stringify(bug.outcome)).not.toContain('Cannot read');
    expect(bug.cause).toBeInstanceOf(TypeError);
    expect(normalizeError('a string').unexpected).toBe(true);
    expect(() => fail('forbidden', 'forbidden', 'Authorization', 'no')).toThrow(OutcomeError);
  });

  it('names the correlation id in an unexpected outcome', () => {
    const result = unexpectedOutcome('req-42');
    expect(httpStatus(result)).toBe(500);
    expect(result.issue?.[0]?.details?.text).toContain('req-42');
    expect(result.issue?.[0]?.diagnostics).toBe('correlation-id: req-42');
  });
});
