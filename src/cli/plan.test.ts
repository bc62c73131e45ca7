import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PlanCliIo, runPlanCli } from './plan.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/plan-input.json');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plan-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: PlanCliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readFile: (p) => readFile(p, 'utf8'),
    env,
  };
  const code = await runPlanCli(argv, io);
  return { code, out, err };
}

async function fileWith(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function example(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(EXAMPLE, 'utf8')) as Record<string, unknown>;
}

describe('runPlanCli', () => {
  test('prints the plan of the example input as JSON and exits 0', async () => {
    const { code, out, err } = await run(['--input', EXAMPLE]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(Object.keys(plan).sort()).toEqual([
      'buys',
      'droppedLegs',
      'estimatedCosts',
      'estimatedFees',
      'excluded',
      'projected',
      'sells',
      'totalValue',
      'tracking',
    ]);
    for (const leg of [...plan.sells, ...plan.buys]) {
      expect(leg).toMatchObject({
        code: expect.any(String),
        name: expect.any(String),
        price: expect.any(Number),
        qty: expect.any(Number),
      });
      expect(leg.rounds.reduce((a: number, b: number) => a + b, 0)).toBe(leg.qty);
    }
    expect(plan.buys.map((l: { code: string }) => l.code)).toContain('373220');
    expect(plan.excluded).toEqual([expect.objectContaining({ code: '051910', reason: 'excluded' })]);
    expect(Object.keys(plan.projected.weights)).not.toContain('051910');
    expect(plan.projected.cash).toBeGreaterThanOrEqual(0);
  });

  test('keeps each leg’s rounds on one line', async () => {
    const { out } = await run(['--input', EXAMPLE]);
    expect(out).toMatch(/"rounds": \[\d+(, \d+)*\]/);
  });

  test('costs trades with the fee rates from the environment', async () => {
    const normal = JSON.parse((await run(['--input', EXAMPLE])).out);
    const free = JSON.parse((await run(['--input', EXAMPLE], { COMMISSION_PPM: '0', SELL_TAX_PPM: '0' })).out);
    expect(normal.estimatedCosts).toBeGreaterThan(0);
    expect(free.estimatedCosts).toBe(0);
  });

  test('takes a drift band and a minimum trade value in the settings and shows what they dropped', async () => {
    const e = await example();
    const plain = JSON.parse((await run(['--input', EXAMPLE])).out);
    (e.settings as Record<string, unknown>).driftBandPp = 5;
    (e.settings as Record<string, unknown>).minTradeValue = 1_000_000;
    const { code, out, err } = await run(['--input', await fileWith('band.json', e)]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    for (const leg of [...plan.sells, ...plan.buys]) expect(leg.qty * leg.price).toBeGreaterThanOrEqual(1_000_000);
    expect(plan.tracking.withoutBand).toBeCloseTo(plain.tracking.after, 9);
    expect(plan.droppedLegs.band + plan.droppedLegs.minimum).toBeGreaterThan(0);
    expect(plan.sells.length + plan.buys.length).toBeLessThan(plain.sells.length + plain.buys.length);
  });

  test('prints the usage with --help and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--input FILE');
  });

  const bad: [string, () => Promise<string[]>, RegExp][] = [
    ['no --input', async () => [], /--input FILE is required/],
    ['an unknown option', async () => ['--inptu', 'x.json'], /Unknown option '--inptu'/],
    ['a missing file', async () => ['--input', join(dir, 'nope.json')], /Cannot read the input file .*nope\.json/],
    ['malformed JSON', async () => ['--input', await fileWith('broken.json', '{ "account": ')], /not valid JSON/],
    [
      'an unknown field',
      async () => ['--input', await fileWith('unknown.json', { ...(await example()), extra: 1 })],
      /Unrecognized key: "extra"/,
    ],
    [
      'a bad stock code',
      async () => {
        const e = await example();
        const account = e.account as { positions: { code: string }[] };
        (account.positions[0] as { code: string }).code = 'A005930';
        return ['--input', await fileWith('code.json', e)];
      },
      /KRX stock code[\s\S]*account\.positions\[0\]\.code/,
    ],
    [
      'a negative quantity',
      async () => {
        const e = await example();
        const account = e.account as { positions: { qty: number }[] };
        (account.positions[1] as { qty: number }).qty = -3;
        return ['--input', await fileWith('qty.json', e)];
      },
      /must not be negative[\s\S]*account\.positions\[1\]\.qty/,
    ],
    [
      'a negative drift band',
      async () => {
        const e = await example();
        (e.settings as Record<string, unknown>).driftBandPp = -1;
        return ['--input', await fileWith('band-bad.json', e)];
      },
      /0 or more[\s\S]*settings\.driftBandPp/,
    ],
    [
      'weights over 100',
      async () => {
        const e = await example();
        (e.settings as Record<string, unknown>).weights = { '005930': 60, '000660': 45 };
        return ['--input', await fileWith('weights.json', e)];
      },
      /add up to 107%, more than 100%/,
    ],
    [
      'an added code without a quote (refused by the planner)',
      async () => {
        const e = await example();
        e.quotes = [];
        return ['--input', await fileWith('noquote.json', e)];
      },
      /Cannot plan .*added code 373220 has no price quote/,
    ],
  ];

  test.each(bad)('refuses %s with exit 2 and a one-paragraph reason on stderr', async (_, argv, reason) => {
    const { code, out, err } = await run(await argv());
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(reason);
    expect(err.trim()).not.toMatch(/\n\s*\n/);
  });

  test('refuses a bad fee rate in the environment with exit 2, naming the variable', async () => {
    const { code, err } = await run(['--input', EXAMPLE], { COMMISSION_PPM: 'lots' });
    expect(code).toBe(2);
    expect(err).toMatch(/COMMISSION_PPM/);
  });
});

describe('npm run plan as a process', () => {
  const exec = promisify(execFile);
  const cwd = join(import.meta.dirname, '../..');

  test('exits 0 with the plan for good input and 2 with a reason for bad input', async () => {
    const good = await exec('npx', ['tsx', 'src/cli/plan.ts', '--input', EXAMPLE], { cwd });
    expect(JSON.parse(good.stdout).sells.length).toBeGreaterThan(0);

    const badPath = await fileWith('process-bad.json', '{"account": {"deposit": -1, "positions": []}}');
    const bad = await exec('npx', ['tsx', 'src/cli/plan.ts', '--input', badPath], { cwd }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/account\.deposit/);
  });
});
