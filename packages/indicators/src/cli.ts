// The indicators against any FHIR R4 server, through standard searches:
//   pnpm indicators --server https://fhir.example/r4 --period 2026 --structure <Organization id> [--format json|csv]
//     [--measure parcours-entretiens,...] [--client-id <id> --key <private JWK file> [--token-endpoint <url>]] [--out file]
// Plain sentences and exit 2 on bad input; the output is written whole at the end (nothing partial).
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OperationOutcomeError } from '@medplum/core';
import { outcomeText } from '@parcours/outcomes';
import { CliError, connect } from './client.ts';
import { toCsv } from './csv.ts';
import { parsePeriod } from './period.ts';
import { progressBar } from './progress.ts';
import { reportBundle, runIndicators } from './run.ts';

const USAGE = 'Usage : pnpm indicators --server <base FHIR> --period 2026 --structure <id Organization> [--format json|csv] [--measure id,...] [--client-id id --key fichier.jwk [--token-endpoint url]] [--out fichier]';

function fail(message: string): never {
  process.stderr.write(`parcours-indicators : ${message}\n${USAGE}\n`);
  process.exit(2);
}

function sentence(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof OperationOutcomeError) return outcomeText(error.outcome);
  if (error instanceof Error && error.name === 'WatchRequestError') return error.message;
  return `erreur inattendue / unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        server: { type: 'string' }, period: { type: 'string' }, structure: { type: 'string' }, format: { type: 'string', default: 'json' },
        measure: { type: 'string' }, 'client-id': { type: 'string' }, key: { type: 'string' }, 'token-endpoint': { type: 'string' }, out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) return fail('calcule les indicateurs des financeurs (MeasureReport) par des recherches FHIR standard.');
  if (!values.server) return fail('--server manque : la base FHIR à interroger. / --server is missing.');
  if (!values.period) return fail('--period manque : une année (2026), un mois (2026-03) ou début/fin (2026-01-01/2026-06-30). / --period is missing.');
  if (!values.structure) return fail("--structure manque : l'id de l'Organization de la structure. / --structure is missing.");
  if (values.format !== 'json' && values.format !== 'csv') return fail(`--format doit être json ou csv (reçu « ${values.format} »).`);
  const env = process.env;
  const progress = progressBar();
  try {
    const period = parsePeriod(values.period);
    const client = await connect({
      server: values.server,
      ...((values['client-id'] ?? env.INDICATORS_CLIENT_ID) ? { clientId: values['client-id'] ?? env.INDICATORS_CLIENT_ID } : {}),
      ...((values.key ?? env.INDICATORS_KEY_FILE) ? { keyFile: values.key ?? env.INDICATORS_KEY_FILE } : {}),
      ...(values['token-endpoint'] ? { tokenEndpoint: values['token-endpoint'] } : {}),
    });
    const started = performance.now();
    const reports = await runIndicators(client, {
      period,
      structure: values.structure,
      ...(values.measure ? { measures: values.measure.split(',').map((m) => m.trim()).filter(Boolean) } : {}),
      onProgress: (label, done, total, fetched) => progress.update(label, done, total, fetched),
      onMeasure: (measure, ms) => progress.line(`[indicateurs] ${measure.id} en ${(ms / 1000).toFixed(2)} s`),
    });
    progress.end();
    const output = values.format === 'csv' ? toCsv(reports) : `${JSON.stringify(reportBundle(reports), null, 2)}\n`;
    if (values.out) {
      writeFileSync(`${values.out}.partial`, output);
      renameSync(`${values.out}.partial`, values.out);
    } else process.stdout.write(output);
    process.stderr.write(`[indicateurs] ${reports.length} indicateurs en ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  } catch (error) {
    progress.end();
    fail(sentence(error));
  }
}

await main();
