import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * The faces' layer rule is the lint's: with the repository's biome.json, an import from src/cli or bot into
 * src/store or jobs (and from src/cli into bot) fails `biome lint`, and an import of src/app, src/text or
 * src/domain does not. Probe files are linted in a scratch copy of the configuration, never in the tree.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const biome = join(root, 'node_modules', '.bin', 'biome');
const run = promisify(execFile);

/** Probe files (path inside the scratch tree -> the import it makes) and whether the rule must refuse it. */
const PROBES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['src/cli/storeRelative.ts', '../store/redis.ts', true],
  ['src/cli/storeFromRoot.ts', '../../src/store/redis.ts', true],
  ['src/cli/jobs.ts', '../../jobs/Engine.ts', true],
  ['src/cli/bot.ts', '../../bot/preview/escapeHtml.ts', true],
  ['bot/features/store.ts', '../../src/store/OrderLedger.ts', true],
  ['bot/features/jobs.ts', '../../jobs/manualResolve.ts', true],
  ['src/cli/app.ts', '../app/awaitingPerson.ts', false],
  ['src/cli/text.ts', '../text/displayWidth.ts', false],
  ['src/cli/domain.ts', '../domain/LedgerRecord.ts', false],
  ['bot/features/app.ts', '../../src/app/ledgerEntries.ts', false],
  ['bot/features/text.ts', '../../src/text/planTabContent.ts', false],
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'faces-lint-'));
  await copyFile(join(root, 'biome.json'), join(scratch, 'biome.json'));
  for (const [path, from] of PROBES) {
    await mkdir(dirname(join(scratch, path)), { recursive: true });
    await writeFile(join(scratch, path), `import { probe } from '${from}';\n\nexport const used = probe;\n`);
  }
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

interface Diagnostic {
  readonly category?: string;
  readonly location?: { readonly path?: string };
}

/** The files `biome lint` flags with noRestrictedImports (biome exits 1 on errors; the report is on stdout). */
async function restrictedImportFiles(): Promise<Set<string>> {
  let stdout: string;
  try {
    ({ stdout } = await run(biome, ['lint', '--reporter=json', '--log-level=none', 'src', 'bot'], { cwd: scratch }));
  } catch (err) {
    stdout = (err as { stdout?: string }).stdout ?? '';
  }
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { diagnostics: Diagnostic[] };
  return new Set(
    report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.location?.path ?? ''),
  );
}

describe('biome noRestrictedImports for the faces', () => {
  test('fails the lint for src/cli or bot importing src/store or jobs (and src/cli importing bot), not for src/app, src/text or src/domain', async () => {
    const flagged = await restrictedImportFiles();
    for (const [path, from, refused] of PROBES) expect(flagged.has(path), `${path} importing ${from}`).toBe(refused);
  });
});
