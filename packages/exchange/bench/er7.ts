// Benchmark: ER7 throughput (messages/s) in one run, on the PAM France ADT^A03 sample (9 segments, ~1 KB):
//   parse + read = parse, then read every field the conversion reads (PID-3 repetitions and sub-components, PID-5,
//   PV1-19/36/44/45, RXE…): a plain hand-written split (eager, no escapes, no checks) against @medplum/core's
//   Hl7Message (the parser of @medplum/hl7) with our checks and unescaping (src/hl7/er7.ts);
//   convert = the whole ADT^A03 → FHIR Bundle conversion of this tree, and of BENCH_BASELINE's (another checkout) if set.
//   node packages/exchange/bench/er7.ts
//   BENCH_BASELINE=/work/main/packages/exchange node packages/exchange/bench/er7.ts
import { join, resolve } from 'node:path';
import { convertAdtA03 } from '../src/hl7/adt.ts';
import { fieldOf, parseEr7, repetitions, subComponents, value } from '../src/hl7/er7.ts';
import { sampleA03 } from '../src/hl7/samples.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const messages = Array.from({ length: 1000 }, (_, i) => sampleA03({ controlId: `B-${i}`, stay: `SEJ-${i}` }));
const READ = [['PID', 5, 1], ['PID', 7, 1], ['PID', 8, 1], ['PV1', 19, 1], ['PV1', 36, 1], ['PV1', 44, 1], ['PV1', 45, 1], ['RXE', 2, 2], ['OBX', 5, 1]] as const;

/** The hand-written way: split everything up front (segments → fields → repetitions → components → sub-components). */
function handWritten(text: string): number {
  const segments = text.split(/\r\n|\r|\n/).map((line) => line.split('|').map((f) => f.split('~').map((r) => r.split('^').map((c) => c.split('&')))));
  const byName = new Map(segments.map((s) => [s[0]?.[0]?.[0]?.[0] ?? '', s]));
  let n = 0;
  for (const rep of byName.get('PID')?.[3] ?? []) n += (rep[3]?.[1] ?? '').length + (rep[0]?.[0] ?? '').length;
  for (const [seg, field, component] of READ) n += (byName.get(seg)?.[field]?.[0]?.[component - 1]?.[0] ?? '').length;
  return n;
}

function withLibrary(text: string): number {
  const message = parseEr7(text);
  let n = 0;
  const ids = fieldOf(message.getSegment('PID'), 3);
  for (let r = 0; r < repetitions(ids); r++) n += (subComponents(ids, 4, r)[1] ?? '').length + value(message.getSegment('PID'), 3, 1, r).length;
  for (const [seg, field, component] of READ) n += value(message.getSegment(seg), field, component).length;
  return n;
}

function rate(run: (text: string) => unknown): number {
  for (let i = 0; i < 2000; i++) run(messages[i % messages.length] as string); // warm-up
  let count = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 200; i++) run(messages[(count + i) % messages.length] as string);
    count += 200;
  }
  return count / ((performance.now() - t0) / 1000);
}

const rows: [string, number][] = [
  ['parse + read, hand-written split', rate(handWritten)],
  ['parse + read, @medplum/core Hl7Message + er7.ts', rate(withLibrary)],
  ['convert ADT^A03 → Bundle, this tree', rate((t) => convertAdtA03(t))],
];
if (process.env.BENCH_BASELINE) {
  const root = resolve(process.env.BENCH_BASELINE);
  const baseline = (await import(join(root, 'src/hl7/adt.ts'))) as { convertAdtA03: typeof convertAdtA03 };
  rows.push([`convert ADT^A03 → Bundle, ${root}`, rate((t) => baseline.convertAdtA03(t))]);
}
console.log(`ER7 bench: PAM France ADT^A03 sample (${messages[0]?.length} characters), ${seconds} s per row, one core`);
console.log('| | messages/s |');
console.log('|---|---:|');
for (const [name, value_] of rows) console.log(`| ${name} | ${Math.round(value_).toLocaleString('en')} |`);
