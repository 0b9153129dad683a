// Runs the exchange as its own process (HTTP under /exchange, optional MLLP). Configuration from the environment:
//   FHIR_BASE_URL, TOKEN_ENDPOINT, EXCHANGE_CLIENT_ID (default parcours-exchange), EXCHANGE_PRIVATE_JWK (JSON) or
//   EXCHANGE_KEY_FILE (a file holding that JSON), EXCHANGE_DATA_DIR (default .data/exchange), PORT (default 8090),
//   HOST (default 127.0.0.1), MLLP_PORT, MLLP_HOST, MLLP_ALLOW (comma-separated addresses), EXCHANGE_ASSIGNERS (JSON),
//   AUTH_ISSUER, AUTH_JWKS_URL.
// Prints one line `READY {"url":…,"mllp":…}` once it accepts messages.
import { readFileSync } from 'node:fs';
import { createHttpApp, listen } from '@parcours/http';
import type { JWK } from 'jose';
import { createExchange } from './exchange.ts';
import { EXCHANGE_BODY_LIMIT } from './http-routes.ts';

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    console.error(`EXCHANGE_CONFIG_MISSING: set ${name} (see packages/exchange/README.md)`);
    process.exit(2);
  }
  return value;
}

const jwkText = process.env.EXCHANGE_PRIVATE_JWK ?? (process.env.EXCHANGE_KEY_FILE ? readFileSync(process.env.EXCHANGE_KEY_FILE, 'utf8') : undefined);
const exchange = await createExchange({
  dataDir: env('EXCHANGE_DATA_DIR', '.data/exchange'),
  fhirBaseUrl: env('FHIR_BASE_URL'),
  tokenEndpoint: env('TOKEN_ENDPOINT'),
  clientId: env('EXCHANGE_CLIENT_ID', 'parcours-exchange'),
  privateJwk: JSON.parse(jwkText ?? env('EXCHANGE_PRIVATE_JWK')) as JWK,
  ...(process.env.MLLP_PORT
    ? { mllp: { port: Number(process.env.MLLP_PORT), host: process.env.MLLP_HOST ?? '127.0.0.1', ...(process.env.MLLP_ALLOW ? { allow: process.env.MLLP_ALLOW.split(',') } : {}) } }
    : {}),
  ...(process.env.EXCHANGE_ASSIGNERS ? { assigners: JSON.parse(process.env.EXCHANGE_ASSIGNERS) as Record<string, string> } : {}),
  ...(process.env.AUTH_ISSUER || process.env.AUTH_JWKS_URL
    ? { auth: { ...(process.env.AUTH_ISSUER ? { issuer: process.env.AUTH_ISSUER } : {}), ...(process.env.AUTH_JWKS_URL ? { jwksUrl: process.env.AUTH_JWKS_URL } : {}) } }
    : {}),
  ...(process.env.EXCHANGE_RETRY_BASE_MS ? { retry: { baseMs: Number(process.env.EXCHANGE_RETRY_BASE_MS), maxMs: 2_000 } } : {}),
  log: (line) => console.error(line),
});
const app = await createHttpApp({ name: 'exchange', bodyLimit: EXCHANGE_BODY_LIMIT });
await app.register(exchange.routes);
const server = await listen(app, { port: Number(process.env.PORT ?? 8090), host: process.env.HOST ?? '127.0.0.1' });
console.log(`READY ${JSON.stringify({ url: server.origin, mllp: exchange.mllpAddress })}`);
const stop = (): void => {
  void server
    .close()
    .then(() => exchange.close())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
