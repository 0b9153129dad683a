// Writes a cohort as NDJSON (one resource per line) on stdout; counts on stderr.
//   node packages/cohort/src/cli.ts [--people 120] [--seed 20261123] [--start 2023-11-23] [--no-heavy] > cohort.ndjson
import { parseArgs } from 'node:util';
import { cohortSummary, DEFAULT_PEOPLE, DEFAULT_SEED, DEFAULT_START, generateCohort } from './index.ts';

function usage(message: string): never {
  console.error(`parcours-cohort: ${message}\nUsage: node packages/cohort/src/cli.ts [--people N] [--seed N] [--start YYYY-MM-DD] [--no-heavy] > cohort.ndjson`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      people: { type: 'string', default: String(DEFAULT_PEOPLE) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      start: { type: 'string', default: DEFAULT_START },
      'no-heavy': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (values.help) usage('generates the synthetic cohort as NDJSON');
const people = Number(values.people);
const seed = Number(values.seed);
if (!Number.isInteger(people) || people < 0) usage(`--people must be a whole number (got "${values.people}")`);
if (!Number.isInteger(seed)) usage(`--seed must be a whole number (got "${values.seed}")`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start)) usage(`--start must be a date YYYY-MM-DD (got "${values.start}")`);

const started = performance.now();
const resources = generateCohort({ people, seed, start: values.start, heavy: !values['no-heavy'] });
const lines: string[] = [];
for (const resource of resources) lines.push(JSON.stringify(resource));
process.stdout.write(`${lines.join('\n')}\n`);
const summary = cohortSummary(resources);
console.error(`[cohort] ${resources.length} resources, ${summary.people} people, seed ${seed}, in ${((performance.now() - started) / 1000).toFixed(2)} s`);
