// `pnpm sandbox` / `npm start`: starts the sandbox on PORT (default 8080) with its data in .data/sandbox.
// `--people N` (or PARCOURS_COHORT_PEOPLE=N) loads a larger cohort; a different size reloads the data folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureAppBuilt } from './app-build.ts';
import { startSandbox } from './sandbox.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const appDir = join(root, 'packages', 'app', 'dist');
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (got "${process.env.PORT}"). Example: PORT=8081 npm start`);
  process.exit(2);
}
// `pnpm ... start -- --people N` may pass the `--` through: drop it so that the flag is still read.
const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { people: { type: 'string' } }, strict: false });
if (typeof values.people === 'string') {
  if (!/^\d+$/.test(values.people)) {
    console.error(`--people must be a whole number (got "${values.people}"). Example: npm start -- --people 1000`);
    process.exit(2);
  }
  process.env.PARCOURS_COHORT_PEOPLE = values.people;
}
const buildStarted = performance.now();
const build = ensureAppBuilt(root);
console.log(`[sandbox] app ${build === 'built' ? `built in ${((performance.now() - buildStarted) / 1000).toFixed(1)}s` : 'build up to date'}`);
const mllpPort = Number(process.env.MLLP_PORT ?? 2575);
if (!Number.isInteger(mllpPort) || mllpPort < 0 || mllpPort > 65535) {
  console.error(`MLLP_PORT must be a port number (got "${process.env.MLLP_PORT}"). Example: MLLP_PORT=2576 npm start`);
  process.exit(2);
}
const started = performance.now();
const sandbox = await startSandbox({ mllpPort, port, host: process.env.HOST ?? '127.0.0.1', dataDir: process.env.PARCOURS_DATA ?? join(root, '.data', 'sandbox'), appDir }).catch(
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      console.error(`A port the sandbox needs is already in use (web ${port}, HL7 v2 MLLP ${mllpPort}). Stop the other program or choose others, e.g. PORT=8081 MLLP_PORT=2576 npm start`);
    } else {
      console.error(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(1);
  },
);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const { seeded } = sandbox;
const loaded = seeded.skipped
  ? 'data already loaded'
  : `${seeded.loaded} resources loaded: cohort generated in ${(seeded.generateMs / 1000).toFixed(2)}s, written in ${(seeded.loadMs / 1000).toFixed(2)}s`;
console.log(`[sandbox] ready in ${seconds}s (${loaded})`);
if (!existsSync(join(appDir, 'index.html'))) console.log('[sandbox] the app is not built: run `pnpm --filter @parcours/app build`');
console.log(`  EHR simulator  ${sandbox.url}/`);
console.log(`  FHIR base      ${sandbox.fhirBaseUrl} (the shared plan server)`);
console.log(`  GP's EHR       ${sandbox.ehr.fhirBaseUrl} (its own authorization server at /dpi/auth; launch from the simulator's second form)`);
console.log(`  App launch     ${sandbox.url}/app/launch.html`);
console.log(`  Care-break watch  client parcours-watch: a full pass now, then every hour; changes every 15 s (packages/watch)`);
console.log(`  Indicators     ${sandbox.fhirBaseUrl}/Measure/<id>/$evaluate-measure; CLI: pnpm indicators --server ${sandbox.fhirBaseUrl} --client-id parcours-indicators --key .data/sandbox/exchange-keys.json --period 2026 --structure <Organization id>`);
console.log(`  Exchange       ${sandbox.url}/exchange (HTTP)${sandbox.exchange.mllpAddress ? `, mllp://127.0.0.1:${sandbox.exchange.mllpAddress.port} (HL7 v2 MLLP, loopback)` : ''}`);
const stop = (): void => {
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
