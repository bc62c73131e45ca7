import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type LedgerCliDeps, runLedgerCli } from '../../src/cli/ledger.ts';
import { runRebalanceCli } from '../../src/cli/rebalance.ts';
import type { LedgerRecord } from '../../src/domain/LedgerRecord.ts';
import type { Plan, Side } from '../../src/domain/types.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { SCALED_ENV } from '../kit/scaledEnv.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';

const CODE = '005930';
const OTHER = '000660';
const HIGH = 78_300; // well above the market: a sell resting there does not fill
const account = {
  deposit: 1_000_000,
  positions: [
    { code: CODE, name: '삼성전자', qty: 100, price: 71_200 },
    { code: OTHER, name: 'SK하이닉스', qty: 10, price: 198_500 },
  ],
  quotes: [],
};
const plan: Plan = {
  sells: [
    { code: CODE, name: '삼성전자', price: 71_200, qty: 5, rounds: [5], heldQty: 100, targetValue: 0, targetPct: 0 },
  ],
  buys: [],
  excluded: [],
  projected: { weights: {}, cash: 0 },
  totalValue: 9_105_000,
  estimatedCosts: 0,
};
const KIWOOM_ENV = {
  ...SCALED_ENV,
  BROKER: 'kiwoom',
  KIWOOM_APP_KEY: 'test-app-key',
  KIWOOM_SECRET_KEY: 'test-secret-key',
  LOG_LEVEL: 'silent',
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

interface Run {
  code: number;
  out: string;
  err: string;
}

function deps(b: Bench): LedgerCliDeps {
  return {
    createBroker: async () => ({ broker: b.broker, accountId: b.accountId, kind: 'kiwoom', close: async () => {} }),
    redis: b.redis,
    prefix: b.prefix,
    settleMs: 500,
  };
}

async function ledgerCli(argv: string[], b: Bench, env: Record<string, string> = KIWOOM_ENV): Promise<Run> {
  let out = '';
  let err = '';
  const io = {
    stdout: (t: string) => {
      out += t;
    },
    stderr: (t: string) => {
      err += t;
    },
    env,
  };
  const code = await runLedgerCli(argv, io, deps(b));
  return { code, out, err };
}

interface Setup {
  planId: string;
  id: string;
  ledger: OrderLedger;
  /** The orders that fit the record (same code, side, quantity), oldest first. */
  fitting: string[];
  /** Order numbers that do not fit: another code, the other side, another quantity. */
  wrong: { code: string; side: string; qty: string };
  /** A fitting order owned by another record. */
  claimed: string;
}

/**
 * An approved one-leg sell plan whose only record is `unknown` after a lost answer (sent a moment ago at HIGH),
 * with `fitting` orders at the exchange that could be it, decoys that cannot, and a fitting order another record
 * owns. Fills are held so every order rests open.
 */
async function setUp(b: Bench, fitting: number): Promise<Setup> {
  b.paper.exchange.holdFills(true);
  const plans = new PlanStore(b.redis, b.accountId);
  const stored = await plans.save(plan, { orderType: 'limit' });
  const approved = await plans.approve(stored.id, stored.hash);
  expect(approved.ok).toBe(true);
  const ledger = new OrderLedger(b.redis, b.accountId);
  const leg = { planId: stored.id, side: 'sell' as const, code: CODE, name: '삼성전자' };
  const { record } = await ledger.create({ ...leg, round: 1, isLastRound: true, plannedQty: 5, order: 100_000 });
  const id = record.id ?? '';
  const sentAt = Date.now() - 1_000;
  await ledger.update(id, (cur) => ({
    ...cur,
    state: 'unknown',
    qty: 5,
    price: HIGH,
    sentAt,
    unknownAt: sentAt,
    error: 'order request timed out',
  }));
  const place = async (side: Side, code: string, qty: number, price: number) =>
    (await b.broker.placeOrder({ side, code, qty, type: 'limit', price })).orderNo;
  const fits: string[] = [];
  for (let i = 0; i < fitting; i++) fits.push(await place('sell', CODE, 5, HIGH));
  const wrong = {
    code: await place('sell', OTHER, 5, 250_000),
    side: await place('buy', CODE, 5, 60_000),
    qty: await place('sell', CODE, 3, HIGH),
  };
  const claimed = await place('sell', CODE, 5, HIGH);
  // The claimed order belongs to a record of another plan.
  const other = await ledger.create({
    ...leg,
    planId: 'other-plan',
    round: 1,
    isLastRound: true,
    plannedQty: 5,
    order: 1,
  });
  await ledger.update(other.record.id ?? '', (cur) => ({
    ...cur,
    state: 'open',
    qty: 5,
    price: HIGH,
    orderNo: claimed,
    orderNos: [claimed],
    sentAt,
  }));
  return { planId: stored.id, id, ledger, fitting: fits, wrong, claimed };
}

describe('npm run ledger (runLedgerCli)', () => {
  test('list shows an ambiguous record with its two candidate orders, and --all every live record', async () => {
    bench = await startBench(account);
    const s = await setUp(bench, 2);
    const r = await ledgerCli(['list'], bench);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 record(s) waiting for a person');
    expect(r.out).toMatch(
      new RegExp(
        `${s.id} {2}unknown {2}plan ${s.planId} {2}sell ${CODE} 삼성전자 {2}round 1 {2}5 sh at 78300 {2}sent \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d`,
      ),
    );
    expect(r.out).toContain('reason: order request timed out');
    const candidates = r.out.split('\n').filter((l) => l.includes('candidate: order'));
    expect(candidates).toHaveLength(2);
    for (const [i, no] of s.fitting.entries()) expect(candidates[i]).toContain(`order ${no} (open, 5 sh at 78300`);
    for (const no of [s.claimed, s.wrong.code, s.wrong.side, s.wrong.qty]) expect(r.out).not.toContain(`order ${no}`);

    const all = await ledgerCli(['list', '--all'], bench);
    expect(all.code).toBe(0);
    expect(all.out).toContain('2 live record(s)');
    expect(all.out).toContain(`other-plan-sell-${CODE}-r1  open`);
  });

  test('resolve --order-no refuses another code, side or quantity and a claimed number, then adopts the right order', async () => {
    bench = await startBench(account);
    const b = bench;
    const s = await setUp(b, 2);
    const before = await s.ledger.get(s.id);
    const refusals: Array<[string, string]> = [
      [s.wrong.code, `code ${OTHER}`],
      [s.wrong.side, 'side buy'],
      [s.wrong.qty, 'quantity 3'],
      [s.claimed, `owned by record other-plan-sell-${CODE}-r1`],
      ['0999999', 'does not list order 0999999'],
    ];
    for (const [orderNo, why] of refusals) {
      const r = await ledgerCli(['resolve', s.id, '--order-no', orderNo], b);
      expect(r.code, orderNo).toBe(2);
      expect(r.err).toContain(why);
      expect(r.err).toContain('Nothing was changed');
      expect(await s.ledger.get(s.id)).toEqual(before);
    }
    expect((await b.events()).filter((e) => e.event.type === 'resolved')).toEqual([]);

    const chosen = s.fitting[1] ?? '';
    const r = await ledgerCli(['resolve', s.id, '--order-no', chosen], b);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`adopted order ${chosen}; now open, 0/5 filled`);
    const after = (await s.ledger.get(s.id)) as LedgerRecord;
    expect(after).toMatchObject({ state: 'open', orderNo: chosen, orderNos: [chosen] });
    expect(after.error).toBeUndefined();
    expect(after.note).toBeUndefined();
    expect((await s.ledger.findByOrderNo(chosen))?.id).toBe(s.id);
    const resolved = (await b.events()).filter((e) => e.event.type === 'resolved').map((e) => e.event);
    expect(resolved).toEqual([
      {
        type: 'resolved',
        planId: s.planId,
        recordId: s.id,
        side: 'sell',
        code: CODE,
        round: 1,
        resolution: 'adopted',
        orderNo: chosen,
      },
    ]);
    // Settled: a second resolve is refused and changes nothing.
    const again = await ledgerCli(['resolve', s.id, '--order-no', s.fitting[0] ?? ''], b);
    expect(again.code).toBe(2);
    expect(again.err).toContain('is open, not unknown');
    expect(await s.ledger.get(s.id)).toEqual(after);
  });

  test('resolve --not-placed is refused while the broker lists a candidate, naming it', async () => {
    bench = await startBench(account);
    const s = await setUp(bench, 1);
    const before = await s.ledger.get(s.id);
    const r = await ledgerCli(['resolve', s.id, '--not-placed', '--yes'], bench);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the broker lists order ${s.fitting[0]} (open, 5 sh at 78300`);
    expect(r.err).toContain('adopt one with --order-no instead');
    expect(await s.ledger.get(s.id)).toEqual(before);
  });

  test('resolve --not-placed asks for --yes, then queues the record and a resumed engine sends it exactly once', async () => {
    bench = await startBench(account);
    const b = bench;
    const s = await setUp(b, 0);
    const before = await s.ledger.get(s.id);
    const ask = await ledgerCli(['resolve', s.id, '--not-placed'], b);
    expect(ask.code).toBe(2);
    expect(ask.out).toContain(`Would mark ${s.id} (sell ${CODE} round 1, 5 sh) goes back to queued`);
    expect(ask.out).toContain('--yes');
    expect(await s.ledger.get(s.id)).toEqual(before);

    const yes = await ledgerCli(['resolve', s.id, '--not-placed', '--yes'], b);
    expect(yes.err).toBe('');
    expect(yes.code).toBe(0);
    const queued = (await s.ledger.get(s.id)) as LedgerRecord;
    expect(queued).toMatchObject({ state: 'queued', qty: 0, orderNos: [] });
    expect(queued.sentAt).toBeUndefined();
    expect((await b.events()).map((e) => e.event).filter((e) => e.type === 'resolved')).toMatchObject([
      { resolution: 'not-placed', recordId: s.id },
    ]);

    const ordersBefore = b.paper.exchange.orders().length;
    b.paper.exchange.holdFills(false);
    const engine = b.engine();
    await engine.start();
    const sent = await waitFor('the record sent again', async () => {
      const rec = await s.ledger.get(s.id);
      return rec?.orderNo !== undefined ? rec : undefined;
    });
    expect(sent.qty).toBe(5);
    // A few more polls and order intervals: nothing else is sent.
    await new Promise((r) => setTimeout(r, 1_500));
    const newOrders = b.paper.exchange
      .orders()
      .slice(ordersBefore)
      .filter((o) => o.kind === 'new');
    expect(newOrders.map((o) => [o.code, o.side, o.qty])).toEqual([[CODE, 'sell', 5]]);
  });

  test.each([
    [[], 'A command is required'],
    [['frobnicate'], 'Unknown command frobnicate'],
    [['resolve'], 'resolve needs a RECORD_ID'],
    [['resolve', 'ID'], 'resolve needs --order-no NNNNNNN or --not-placed'],
    [['resolve', 'ID', '--order-no', '12345'], 'Not an order number (7 digits): "12345"'],
    [['resolve', 'ID', '--order-no', '0000001', '--not-placed'], 'not both'],
    [['resolve', 'ID', '--order-no', '0000001', '--yes'], '--yes goes with --not-placed only'],
    [['resolve', 'no-such-record', '--not-placed', '--yes'], 'No ledger record no-such-record'],
    [['list', '--yes'], 'list takes only --all'],
    [['list', '--frob'], "Unknown option '--frob'"],
  ])('bad input %j exits 2 with the reason and the usage, changing nothing', async (argv, message) => {
    bench = await startBench(account);
    const b = bench;
    const s = await setUp(b, 2);
    const before = await s.ledger.get(s.id);
    const events = (await b.events()).length;
    const r = await ledgerCli(
      argv.map((a) => (a === 'ID' ? s.id : a)),
      b,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('Usage: npm run ledger');
    expect(r.out).toBe('');
    expect(await s.ledger.get(s.id)).toEqual(before);
    expect(await b.events()).toHaveLength(events);
  });

  test('refuses BROKER=paper, whose account does not outlive a run', async () => {
    bench = await startBench(account);
    const r = await ledgerCli(['list'], bench, { ...KIWOOM_ENV, BROKER: 'paper' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('npm run ledger is for BROKER=kiwoom accounts');
  });
});

describe('npm run rebalance waiting on a person', () => {
  test('names the record and the ledger commands, and finishes once the record is settled', async () => {
    bench = await startBench(account);
    const b = bench;
    const s = await setUp(b, 2);
    // A person has cancelled the stray sell of the plan's code (the wrong quantity): a broker order for a plan code
    // that no record owns or can adopt would halt the plan (haltOnUnownedOrders).
    b.paper.exchange.cancelOrder({ origOrderNo: s.wrong.qty, code: CODE, qty: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'ledger-cli-'));
    try {
      const settingsFile = join(dir, 'settings.json');
      await writeFile(
        settingsFile,
        JSON.stringify({
          weights: { [CODE]: 100 },
          excluded: [],
          added: [],
          cashPct: 0,
          sellSplit: 1,
          buySplit: 1,
          sellEnabled: true,
          buyEnabled: true,
        }),
      );
      let out = '';
      let err = '';
      let settled: Promise<Run> | undefined;
      const code = await runRebalanceCli(
        ['--settings', settingsFile],
        {
          stdout: (t) => {
            out += t;
            if (settled === undefined && t.includes('Waiting for a person')) {
              // The person keeps the first fitting order and cancels the other (else it would be unowned).
              b.paper.exchange.cancelOrder({ origOrderNo: s.fitting[1] ?? '', code: CODE, qty: 0 });
              b.paper.exchange.holdFills(false);
              settled = ledgerCli(['resolve', s.id, '--order-no', s.fitting[0] ?? ''], b);
            }
          },
          stderr: (t) => {
            err += t;
          },
          readFile: (p) => readFile(p, 'utf8'),
          env: { ...KIWOOM_ENV },
        },
        {
          createBroker: async () => ({
            broker: b.broker,
            accountId: b.accountId,
            kind: 'kiwoom',
            close: async () => {},
          }),
          redis: b.redis,
          engine: { prefix: b.prefix, settleMs: 500 },
          tailEveryMs: 50,
        },
      );
      expect(err).toBe('');
      expect(settled).toBeDefined();
      expect((await settled)?.code).toBe(0);
      expect(code).toBe(0);
      expect(out).toContain(`Resuming unfinished plan ${s.planId}`);
      expect(out).toContain('Waiting for a person: 1 record(s) cannot be settled automatically');
      expect(out).toContain(`npm run ledger -- resolve ${s.id} --order-no NNNNNNN`);
      expect(out).toContain(`npm run ledger -- resolve ${s.id} --not-placed`);
      expect(out).toContain(`settled by hand: adopted order ${s.fitting[0]}`);
      expect(out).toMatch(/Plan p[\w-]+ done\./);
      // Printed once while nothing changed.
      expect(out.split('Waiting for a person').length - 1).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
