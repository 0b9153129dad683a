// Over HTTP, with real SMART Backend Services tokens: $evaluate-measure on the embedded server reproduces the seed's
// figures, the CLI (plain FHIR searches) gives the same numbers as the operation, and bad input gets an
// OperationOutcome (API) or a plain sentence with exit 2 (CLI), writing nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Bundle, MeasureReport, OperationOutcome } from '@medplum/fhirtypes';
import { generateCohort } from '@parcours/cohort';
import { examples } from '@parcours/profiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from './backend.test-helper.ts';
import { INDICATORS_CLIENT_ID, startBackend } from './backend.test-helper.ts';
import { MEASURES } from './measures.ts';
import { figures } from './second-way.test-helper.ts';
import { SEED_ORG, SEED_PARTNERS, seedData } from './seed-data.test-helper.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, 'cli.ts');
let backend: Backend;
let keyFile: string;
const dir = mkdtempSync(join(tmpdir(), 'parcours-indicators-cli-'));

beforeAll(async () => {
  backend = await startBackend();
  await backend.put([...examples.filter((r) => r.resourceType !== 'Bundle'), ...generateCohort({ people: 20 }), ...seedData()]);
  keyFile = join(dir, 'key.json');
  writeFileSync(keyFile, JSON.stringify(backend.jwk));
});
afterAll(async () => backend?.close());

async function operation(id: string, query: string): Promise<{ status: number; body: MeasureReport | OperationOutcome }> {
  const res = await fetch(`${backend.fhirUrl}/Measure/${id}/$evaluate-measure?${query}`, { headers: { Authorization: `Bearer ${await backend.token()}` } });
  return { status: res.status, body: (await res.json()) as MeasureReport | OperationOutcome };
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const auth = ['--server', backend.fhirUrl, '--client-id', INDICATORS_CLIENT_ID, '--key', keyFile, '--token-endpoint', backend.tokenEndpoint];
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...auth, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const year = 'periodStart=2026-01-01&periodEnd=2026-12-31';

describe('$evaluate-measure reproduces the seed', () => {
  it('38 phone planned / 21 held, 104 in person planned / 64 held', async () => {
    const { status, body } = await operation('parcours-entretiens', `${year}&subject=Organization/${SEED_ORG}`);
    expect(status).toBe(200);
    const got = figures(body as MeasureReport);
    expect(got.get('parcours-entretiens/entretiens/denominator@Mode prévu / planned mode=VR')).toBe(38);
    expect(got.get('parcours-entretiens/entretiens/numerator@Mode prévu / planned mode=VR')).toBe(21);
    expect(got.get('parcours-entretiens/entretiens/denominator@Mode prévu / planned mode=AMB')).toBe(104);
    expect(got.get('parcours-entretiens/entretiens/numerator@Mode prévu / planned mode=AMB')).toBe(64);
    expect(got.get('parcours-entretiens/entretiens/denominator')).toBe(142);
    expect(got.get('parcours-entretiens/entretiens/denominator@Profession / profession=psychologue')).toBe(142);
  });

  it('27 synthesis meetings and the partners solicited', async () => {
    const meetings = figures((await operation('parcours-reunions-synthese', `${year}&structure=${SEED_ORG}`)).body as MeasureReport);
    expect(meetings.get('parcours-reunions-synthese/reunions/initial-population')).toBe(27);
    const partners = figures((await operation('parcours-orientations', `${year}&subject=Organization/${SEED_ORG}`)).body as MeasureReport);
    for (const [type, count] of Object.entries(SEED_PARTNERS)) {
      expect(partners.get(`parcours-orientations/orientations/initial-population@Type de partenaire / partner type=${type}`) ?? 0, type).toBe(count);
    }
    expect(partners.get('parcours-orientations/orientations/initial-population')).toBe(42);
    expect(partners.get('parcours-orientations/orientations/initial-population@Issue / outcome=vue')).toBe(21);
  });

  it('refuses bad input with an OperationOutcome', async () => {
    const unknown = await operation('parcours-inconnu', `${year}&subject=Organization/${SEED_ORG}`);
    expect(unknown.status).toBe(404);
    expect((unknown.body as OperationOutcome).issue[0]?.details?.text).toMatch(/Indicateur inconnu/);
    const backwards = await operation('parcours-entretiens', `periodStart=2026-12-31&periodEnd=2026-01-01&subject=Organization/${SEED_ORG}`);
    expect(backwards.status).toBe(400);
    expect((backwards.body as OperationOutcome).issue[0]?.expression).toEqual(['periodEnd']);
    expect((await operation('parcours-entretiens', year)).status).toBe(400);
    expect((await operation('parcours-entretiens', `${year}&subject=Patient/cohort-heavy`)).status).toBe(400);
    expect((await operation('parcours-entretiens', `${year}&subject=Organization/absente`)).status).toBe(404);
    expect((await operation('parcours-entretiens', `${year}&subject=Organization/${SEED_ORG}&reportType=subject-list`)).status).toBe(400);
  });
});

describe('the CLI over plain FHIR searches', () => {
  for (const structure of [SEED_ORG, 'OrganizationMicrostructureOfficeExample']) {
    it(`gives the operation's numbers (${structure})`, async () => {
      const out = join(dir, `${structure}.json`);
      const result = await cli(['--period', '2026', '--structure', structure, '--out', out]);
      expect(result.stderr).toMatch(/indicateurs en/);
      expect(result.code).toBe(0);
      const bundle = JSON.parse(readFileSync(out, 'utf8')) as Bundle<MeasureReport>;
      expect(bundle.entry).toHaveLength(MEASURES.length);
      for (const entry of bundle.entry ?? []) {
        const report = entry.resource as MeasureReport;
        const id = report.measure.split('/').pop() ?? '';
        const served = (await operation(id, `${year}&subject=Organization/${structure}`)).body as MeasureReport;
        expect([...figures(report)].sort(), id).toEqual([...figures(served)].sort());
      }
    });
  }

  it('writes CSV', async () => {
    const result = await cli(['--period', '2026', '--structure', SEED_ORG, '--format', 'csv', '--measure', 'parcours-entretiens']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('structure,periode_debut,periode_fin,indicateur,groupe,libelle,ventilation,valeur,population,nombre');
    expect(result.stdout).toContain(`Organization/${SEED_ORG},2026-01-01,2026-12-31,parcours-entretiens,entretiens,Entretiens posés / effectifs,Mode prévu / planned mode,VR,numerator,21`);
  });

  it('answers bad input with a sentence and exit 2, writing nothing', async () => {
    const out = join(dir, 'never.json');
    const cases: [string[], RegExp][] = [
      [['--period', '2026-13', '--structure', SEED_ORG], /periodEnd|periodStart/],
      [['--period', '2026-12-31/2026-01-01', '--structure', SEED_ORG], /finit .* avant de commencer/],
      [['--period', '2026', '--structure', 'absente'], /Structure inconnue/],
      [['--period', '2026', '--structure', SEED_ORG, '--measure', 'parcours-inconnu'], /Indicateur inconnu « parcours-inconnu »/],
      [['--period', '2026', '--structure', SEED_ORG, '--format', 'xml'], /--format doit être json ou csv/],
    ];
    for (const [args, message] of cases) {
      const result = await cli([...args, '--out', out]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(existsSync(out)).toBe(false);
    const unreachable = await run(process.execPath, [CLI, '--server', 'http://127.0.0.1:9', '--period', '2026', '--structure', SEED_ORG]).catch((e: { code: number; stderr: string }) => e);
    expect((unreachable as { code: number }).code).toBe(2);
    expect((unreachable as { stderr: string }).stderr).toMatch(/injoignable/);
  });
});
