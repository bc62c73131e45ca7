import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './sourceGraph.ts';

/**
 * The lint keeps the layers pointing one way: biome's `noRestrictedImports` (biome.json) fails `npm run lint` on an
 * import against the direction. Each case writes one probe file into a scratch copy of the project's lint set-up
 * (biome.json only) and lints it with the project's own biome, so the real tree is never touched.
 */

const run = promisify(execFile);
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');
let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'layering-lint-'));
  await copyFile(join(ROOT, 'biome.json'), join(scratch, 'biome.json'));
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Lints one probe file; returns biome's exit code and what it printed. */
async function lint(path: string, source: string): Promise<{ code: number; output: string }> {
  await mkdir(join(scratch, dirname(path)), { recursive: true });
  await writeFile(join(scratch, path), source);
  try {
    const { stdout, stderr } = await run(BIOME, ['lint', '--max-diagnostics=5', path], { cwd: scratch });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('the lint refuses imports against the layering', () => {
  test.each([
    [
      'src/domain/probeStore.ts',
      "import { OrderLedger } from '../store/OrderLedger.ts';\nexport const x = OrderLedger;\n",
    ],
    ['src/domain/probeBroker.ts', "import type { Broker } from '../broker/Broker.ts';\nexport type X = Broker;\n"],
    ['src/domain/probeIo.ts', "import { Redis } from 'ioredis';\nexport const x = Redis;\n"],
    ['bot/probe.ts', "import { OrderLedger } from '../src/store/OrderLedger.ts';\nexport const x = OrderLedger;\n"],
    ['bot/features/probe.ts', "import { Engine } from '../../jobs/Engine.ts';\nexport const x = Engine;\n"],
    ['src/cli/probeStore.ts', "import { PlanStore } from '../store/PlanStore.ts';\nexport const x = PlanStore;\n"],
    ['src/cli/probeJobs.ts', "import { Engine } from '../../jobs/Engine.ts';\nexport const x = Engine;\n"],
    [
      'src/cli/probeStoreFromRoot.ts',
      "import { createRedis } from '../../src/store/redis.ts';\nexport const x = createRedis;\n",
    ],
    [
      'src/cli/probeBot.ts',
      "import { escapeHtml } from '../../bot/preview/escapeHtml.ts';\nexport const x = escapeHtml;\n",
    ],
    [
      'bot/features/probeJobs.ts',
      "import { needsPerson } from '../../jobs/manualResolve.ts';\nexport const x = needsPerson;\n",
    ],
  ])('%s', async (path, source) => {
    const result = await lint(path, source);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('noRestrictedImports');
  });

  test.each([
    ['src/domain/probeInside.ts', "import { isOnTick } from './ticks.ts';\nexport const x = isOnTick;\n"],
    ['bot/probeApp.ts', "import { openAccount } from '../src/app/openAccount.ts';\nexport const x = openAccount;\n"],
    ['src/cli/probeApp.ts', "import { openAccount } from '../app/openAccount.ts';\nexport const x = openAccount;\n"],
    [
      'src/cli/probeText.ts',
      "import { displayWidth } from '../text/displayWidth.ts';\nexport const x = displayWidth;\n",
    ],
    [
      'src/cli/probeDomain.ts',
      "import type { LedgerRecord } from '../domain/LedgerRecord.ts';\nexport type X = LedgerRecord;\n",
    ],
    [
      'bot/features/probeText.ts',
      "import { displayWidth } from '../../src/text/displayWidth.ts';\nexport const x = displayWidth;\n",
    ],
    [
      'jobs/probeStore.ts',
      "import { OrderLedger } from '../src/store/OrderLedger.ts';\nexport const x = OrderLedger;\n",
    ],
  ])('lets %s import along the direction', async (path, source) => {
    const result = await lint(path, source);
    expect(result.output).not.toContain('noRestrictedImports');
    expect(result.code).toBe(0);
  });
});
