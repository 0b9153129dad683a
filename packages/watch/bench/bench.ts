// Benchmark: the watch over the `--people 1000` cohort on a real FHIR server with real tokens. Prints the first full
// pass (raises every Flag), a steady full pass (nothing to write), and an incremental pass after one change.
//   node packages/watch/bench/bench.ts [people, default 1000]
import type { Encounter, Resource } from '@medplum/fhirtypes';
import { generateCohort, programmeOrganizations } from '@parcours/cohort';
import { startWatchBackend } from '../src/testing.ts';

const people = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(people) || people < 1) {
  console.error('Usage: node packages/watch/bench/bench.ts [number of people, e.g. 1000]');
  process.exit(2);
}
const NOW = new Date('2026-12-01T11:00:00Z');
const t0 = performance.now();
const cohort: Resource[] = generateCohort({ people });
const t1 = performance.now();
const backend = await startWatchBackend();
for (let i = 0; i < cohort.length; i += 5000) await backend.put(cohort.slice(i, i + 5000));
const t2 = performance.now();
console.log(`[bench] cohort of ${people} people: ${cohort.length} resources generated in ${((t1 - t0) / 1000).toFixed(1)} s, loaded in ${((t2 - t1) / 1000).toFixed(1)} s`);
const watch = backend.watch({ now: () => NOW, rules: { organizations: programmeOrganizations() } });
const line = (label: string, r: Awaited<ReturnType<typeof watch.fullPass>>): void => {
  console.log(`[bench] ${label}: ${(r.ms / 1000).toFixed(2)} s, ${r.people} people, ${r.active} active flags (${r.raised} raised, ${r.cleared} cleared), ${r.writes} writes, ${r.requests} requests`);
};
line('first full pass (target ≤ 10 s)', await watch.fullPass());
line('steady full pass (target ≤ 10 s)', await watch.fullPass());
// One change: a contact held today with a person in a no-contact break.
const flagged = (await backend.fhir.repository.search({ resourceType: 'Flag', count: 1000 })).entry?.map((e) => e.resource).find((f) => f?.resourceType === 'Flag' && f.status === 'active' && f.code?.coding?.[0]?.code === 'sans-contact');
const patient = flagged?.resourceType === 'Flag' ? flagged.subject?.reference : undefined;
if (!patient) throw new Error('no person in a no-contact break in this cohort');
const contact: Encounter = { resourceType: 'Encounter', id: 'bench-contact', status: 'finished', class: { code: 'VR' }, subject: { reference: patient }, period: { start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T10:20:00+01:00' } };
await backend.put([contact]);
line('incremental pass after one change (target ≤ 1 s)', await watch.incrementalPass());
line('incremental pass, nothing changed', await watch.incrementalPass());
await backend.close();
