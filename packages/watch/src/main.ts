// Runs the care-break watch against any FHIR R4 server with SMART Backend Services:
//   FHIR_BASE_URL=https://fhir.example/r4 TOKEN_ENDPOINT=https://auth.example/token CLIENT_ID=parcours-watch \
//   PRIVATE_JWK_FILE=watch-key.json [WATCH_RULES=rules.json] [WATCH_POLL_SECONDS=15] [WATCH_FULL_MINUTES=60] \
//   node packages/watch/src/main.ts
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { RulesOverrides } from './config.ts';
import { createWatch } from './watch.ts';

function fail(message: string): never {
  console.error(`parcours-watch: ${message}`);
  process.exit(2);
}

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    return fail(`cannot read ${what} from ${file} (${error instanceof Error ? error.message : String(error)}). Give a JSON file.`);
  }
}

const env = process.env;
for (const name of ['FHIR_BASE_URL', 'TOKEN_ENDPOINT', 'CLIENT_ID', 'PRIVATE_JWK_FILE']) {
  if (!env[name]) fail(`${name} is not set. See the usage at the top of packages/watch/src/main.ts or packages/watch/README.md.`);
}
const minutes = (name: string, fallback: number, unit: number): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a positive number (got "${env[name]}")`);
  return value * unit;
};
const keyFile = readJson<JWK & Record<string, JWK>>(env.PRIVATE_JWK_FILE as string, 'the private JWK');
// A keys file of the sandbox holds several keys by name: take the watch's.
const privateJwk = keyFile.kty ? keyFile : keyFile.watch;
if (!privateJwk?.kty) fail(`no private JWK in ${env.PRIVATE_JWK_FILE} (neither a JWK nor a "watch" entry)`);
let watch;
try {
  watch = createWatch({
    fhirBaseUrl: env.FHIR_BASE_URL as string,
    tokenEndpoint: env.TOKEN_ENDPOINT as string,
    clientId: env.CLIENT_ID as string,
    privateJwk,
    ...(env.WATCH_RULES ? { rules: readJson<RulesOverrides>(env.WATCH_RULES, 'the rules') } : {}),
    pollMs: minutes('WATCH_POLL_SECONDS', 15, 1000),
    fullEveryMs: minutes('WATCH_FULL_MINUTES', 60, 60_000),
    log: (line) => console.log(line),
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
watch.start();
console.log(`[watch] watching ${env.FHIR_BASE_URL} as ${env.CLIENT_ID}`);
const stop = (): void => {
  watch.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The timers are unref'd so tests can exit; the service itself stays up until a signal.
setInterval(() => undefined, 1 << 30);
