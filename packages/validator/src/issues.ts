/** Rebasing and ordering OperationOutcome issues; issues are built by @parcours/outcomes' `issue()`, the one builder. */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export { issue } from '@parcours/outcomes';
export type { IssueCode, Severity } from '@parcours/outcomes';

/** Moves issues found on a resource validated on its own (`Patient.name`) under its place in a container. */
export function rebase(issues: OperationOutcomeIssue[], fromRoot: string, toRoot: string): OperationOutcomeIssue[] {
  if (fromRoot === toRoot) return issues;
  return issues.map((i) => ({
    ...i,
    expression: i.expression?.map((e) => (e === fromRoot || e.startsWith(fromRoot + '.') || e.startsWith(fromRoot + '[') ? toRoot + e.slice(fromRoot.length) : e)),
  }));
}

const RANK: Record<string, number> = { fatal: 0, error: 1, warning: 2, information: 3 };

/** Drops exact duplicates (the same finding reached twice, e.g. base and profile) and orders by severity. */
export function dedupe(issues: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const seen = new Set<string>();
  const out: OperationOutcomeIssue[] = [];
  for (const i of issues) {
    const key = `${i.severity}|${i.code}|${i.expression?.join(',')}|${i.details?.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out.sort((a, b) => (RANK[a.severity] ?? 9) - (RANK[b.severity] ?? 9));
}

export function outcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  if (issues.length === 0) {
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', details: { text: 'Validation successful: no issues found' } }],
    };
  }
  return { resourceType: 'OperationOutcome', issue: issues };
}
