import { readFileSync } from 'node:fs';
import { start } from './server.ts';
const s = await start({ dataDir: '/tmp/fc/d1', port: 18085 });
const p1 = readFileSync('/tmp/fc/p1', 'utf8').trim();
const paths = [p1, '/Observation?subject=Patient/cohort-heavy&_sort=-date&_count=500', '/PractitionerRole?practitioner=Practitioner/PractitionerMicrostructureGpExample&_include=PractitionerRole:organization'];
for (let i = 0; i < 5; i++) for (const p of paths) await (await fetch(s.url + p)).arrayBuffer();
const t: number[][] = [[], [], []];
for (let i = 0; i < 40; i++) {
  for (const [k, p] of paths.entries()) { const t0 = performance.now(); await (await fetch(s.url + p)).arrayBuffer(); t[k]!.push(performance.now() - t0); }
}
console.log(t.map((x) => x.sort((a, b) => a - b)[20]!.toFixed(1)).join(' '));
process.exit(0);
