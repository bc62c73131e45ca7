import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_PAPER_ACCOUNT } from '../../src/app/brokerFactory.ts';
import { discardAccountState } from '../../src/app/discardAccountState.ts';
import { createRedis } from '../../src/store/redis.ts';
import { type BotApiStandIn, startBotApiStandIn } from '../kit/botApi/BotApiStandIn.ts';
import { REDIS_URL } from '../kit/openTestRedis.ts';
import { OWNER, TEST_TOKEN } from './botHarness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * `npm start` is `tsx bot/main.ts`; the tsx CLI runs the program in a child node process, so a SIGKILL sent to the
 * CLI would leave the bot itself running (an orphan that kept polling and trading). The bot is started as that
 * child is: node with tsx's loader, so a kill reaches the process that holds the orders.
 */
const NODE_ARGS = ['--import', 'tsx', 'bot/main.ts'];

interface Child {
  readonly proc: ChildProcess;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the bot as `npm start` does (tsx bot/main.ts) with only `env` (plus PATH). */
function npmStart(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, NODE_ARGS, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  const child: Child = {
    proc,
    stderr: '',
    exited: new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  proc.stderr?.on('data', (d: Buffer) => {
    child.stderr += d.toString();
  });
  proc.stdout?.on('data', () => {});
  return child;
}

let api: BotApiStandIn | undefined;
const children: Child[] = [];
const accounts: string[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await c.exited;
    const id = /"accountId":"(paper-[^"]+)"/.exec(c.stderr)?.[1];
    if (id !== undefined) accounts.push(id);
  }
  const redis = createRedis(REDIS_URL);
  for (const id of accounts.splice(0)) await discardAccountState(redis, id, 'rb');
  await redis.quit();
  await api?.close();
  api = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A copy of the example account file per test: the persistent paper account id derives from its path. */
async function accountFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bot-start-'));
  const file = join(dir, 'paper-account.json');
  await copyFile(DEFAULT_PAPER_ACCOUNT, file);
  dirs.push(dir);
  return file;
}

async function env(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    PAPER_ACCOUNT: await accountFile(),
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_CHAT_IDS: String(OWNER.chatId),
    TELEGRAM_API_ROOT: api?.url ?? 'http://127.0.0.1:9',
    REDIS_URL,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

describe('npm start (bot/main.ts as a child process)', () => {
  test('missing configuration stops it with exit 2, naming each variable and where to get it, never a value', async () => {
    const c = npmStart({ TELEGRAM_ALLOWED_CHAT_IDS: 'me', KIWOOM_SECRET_KEY: 'very-secret-value' });
    children.push(c);
    const { code } = await c.exited;
    expect(code).toBe(2);
    expect(c.stderr).toContain('TELEGRAM_BOT_TOKEN');
    expect(c.stderr).toContain('BotFather');
    expect(c.stderr).toContain('TELEGRAM_ALLOWED_CHAT_IDS');
    expect(c.stderr).toContain('/whoami');
    expect(c.stderr).not.toContain('very-secret-value');
  }, 60_000);

  test('with only the token and the allowed ids it answers, and SIGTERM stops polling and exits 0', async () => {
    api = await startBotApiStandIn({ token: TEST_TOKEN, maxPollMs: 500 });
    const a = api;
    const c = npmStart(await env());
    children.push(c);
    await a.waitForPolling(60_000);
    a.sendText(OWNER, '/help');
    await a.waitForMessage(OWNER.chatId, (m) => m.plain.includes('/preview'), 30_000);
    c.proc.kill('SIGTERM');
    const { code } = await c.exited;
    expect(code).toBe(0);
    expect(a.pendingUpdates()).toHaveLength(0);
  }, 90_000);

  test('409 Conflict (another instance polling the same token) stops it with a message saying so', async () => {
    api = await startBotApiStandIn({ token: TEST_TOKEN, maxPollMs: 500 });
    const a = api;
    const c = npmStart(await env());
    children.push(c);
    await a.waitForPolling(60_000);
    a.failNext('getUpdates', { kind: 'conflict' });
    const { code } = await c.exited;
    expect(code).toBe(1);
    expect(c.stderr).toContain('409 Conflict');
    expect(c.stderr).toContain('another instance');
  }, 90_000);
});
