// Benchmark (prints figures; no assertions): launch → plan rendered with one server (the EHR launch on the plan
// server itself) and with two (the launch from the GP's own EHR at /dpi, then the token exchange at the plan
// server), side by side, interleaved in one run, same browser, same sandbox, same person (Karim Haddad, whose EHR
// file in the GP's EHR has its own id). Also counts the token endpoint calls and the FHIR requests of each launch.
// Usage: node packages/app/bench/two-servers.ts [--runs 7]
import type { Patient } from '@medplum/fhirtypes';
import { freshDist, launchChromium, loadAverage, runsArg, timeLimit } from './harness.ts';
import { measureLaunch, median, p95 } from './launch.ts';
import type { LaunchMeasure } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';

const PERSON = 'PatientMicrostructureExample';
const dist = freshDist();

const runs = runsArg(7, 5);
const bench = await startSandboxBench(dist);
const { sandbox } = bench;
const planPerson = await sandbox.fhir.repository.readResource<Patient>('Patient', PERSON);
const ins = planPerson.identifier?.find((i) => i.system === 'urn:oid:1.2.250.1.213.1.4.8')?.value ?? '';
const files = await sandbox.ehr.fhir.repository.search<Patient>({ resourceType: 'Patient', filters: [{ code: 'identifier', operator: 'eq' as never, value: `urn:oid:1.2.250.1.213.1.4.8|${ins}` }] });
const ehrId = files.entry?.[0]?.resource?.id ?? '';
const oneServer = (): string => bench.launchUrlFor(PERSON);
const twoServers = (): string => {
  const launch = sandbox.ehr.smart.createLaunch({ user: 'dpi-rossi', patient: ehrId, needPatientBanner: true });
  return `${sandbox.url}/app/launch.html?iss=${encodeURIComponent(sandbox.ehr.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`;
};
const cancel = timeLimit(10);
const browser = await launchChromium();
try {
  for (let i = 0; i < 2; i++) {
    await measureLaunch(browser, oneServer(), '#timeline');
    await measureLaunch(browser, twoServers(), '#timeline');
  }
  const one: LaunchMeasure[] = [];
  const two: LaunchMeasure[] = [];
  for (let i = 0; i < runs; i++) {
    one.push(await measureLaunch(browser, oneServer(), '#timeline'));
    two.push(await measureLaunch(browser, twoServers(), '#timeline'));
  }
  const f = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms, p95 ${p95(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  const ms = (list: LaunchMeasure[]): number[] => list.map((m) => m.ms);
  console.log(`person: ${PERSON} on the plan server, ${ehrId} in the GP's EHR; ${runs} interleaved runs after 2 warm-ups; ${await loadAverage()}`);
  console.log(`one server  (EHR launch on the plan server)      launch → plan rendered: ${f(ms(one))}`);
  console.log(`two servers (GP's EHR + token exchange at plan)  launch → plan rendered: ${f(ms(two))}`);
  console.log(`difference of medians: ${(median(ms(two)) - median(ms(one))).toFixed(0)} ms (${(median(ms(two)) / median(ms(one))).toFixed(2)}x)`);
  console.log(`token endpoint calls per launch: one server ${[...new Set(one.map((m) => m.tokenRequests))].join('/')}, two servers ${[...new Set(two.map((m) => m.tokenRequests))].join('/')}`);
  console.log(`FHIR requests of the redirect page: one server ${[...new Set(one.map((m) => m.fhirRequestsAfterToken))].join('/')}, two servers ${[...new Set(two.map((m) => m.fhirRequestsAfterToken))].join('/')} (plan + EHR)`);
  for (const r of two.at(-1)?.requests ?? []) console.log(`  ${r.length > 160 ? `${r.slice(0, 160)}…` : r}`);
} finally {
  cancel();
  await browser.close();
  await bench.close();
}
