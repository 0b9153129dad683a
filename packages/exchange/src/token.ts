// Prints a SMART Backend Services access token (client_credentials with an ES384/RS384 signed assertion), for
// sending to the exchange with curl. Usage:
//   node packages/exchange/src/token.ts <private JWK file or keys file> <client id> <token endpoint> [scope] [key name]
// e.g. node packages/exchange/src/token.ts .data/sandbox/exchange-keys.json hopital-demo http://localhost:8080/auth/token system/Bundle.crus hospital
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { FhirClient } from './fhir-client.ts';

const [file, clientId, tokenEndpoint, scope = 'system/Bundle.c', keyName] = process.argv.slice(2);
if (!file || !clientId || !tokenEndpoint) {
  console.error('Usage: node packages/exchange/src/token.ts <key file> <client id> <token endpoint> [scope] [key name in the file]');
  process.exit(2);
}
const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, JWK> & JWK;
const privateJwk = keyName ? json[keyName] : json.kty ? json : undefined;
if (!privateJwk) {
  console.error(`No private JWK ${keyName ? `"${keyName}" ` : ''}in ${file}`);
  process.exit(2);
}
const client = new FhirClient({ fhirBaseUrl: 'http://unused', tokenEndpoint, clientId, privateJwk, scope });
console.log(await client.accessToken());
