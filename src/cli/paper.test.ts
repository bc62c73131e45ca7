import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { getToken, post } from '../../test/kit/kiwoomHttp.ts';
import { parsePaperArgs } from './paper.ts';
import { UsageError } from './UsageError.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = 'examples/paper-account.json';

describe('npm run paper arguments', () => {
  test('parses the flags and fills the defaults', () => {
    expect(parsePaperArgs(['--port', '8765', '--account', EXAMPLE])).toEqual({
      port: 8765,
      account: EXAMPLE,
      seed: 1,
      autoStepMs: 2_000,
      liquidity: 500,
      session: 'always',
    });
    expect(parsePaperArgs(['--port', '0', '--account', 'a.json', '--session', 'krx'])).toMatchObject({
      session: 'krx',
    });
    expect(
      parsePaperArgs(['--port', '0', '--account', 'a.json', '--seed', '7', '--auto-step-ms', '0', '--liquidity', '20']),
    ).toMatchObject({ seed: 7, autoStepMs: 0, liquidity: 20 });
  });

  test.each([
    [['--account', EXAMPLE], '--port'],
    [['--port', '8765'], '--account'],
    [['--port', 'abc', '--account', EXAMPLE], '--port'],
    [['--port', '70000', '--account', EXAMPLE], '--port'],
    [['--port', '-1', '--account', EXAMPLE], '--port'],
    [['--port', '1', '--account', EXAMPLE, '--seed', '1.5'], '--seed'],
    [['--port', '1', '--account', EXAMPLE, '--liquidity', '0'], '--liquidity'],
    [['--port', '1', '--account', EXAMPLE, '--bogus'], 'bogus'],
    [['--port', '1', '--account', EXAMPLE, '--session', 'nyse'], '--session'],
    [['--port', '1', '--account', EXAMPLE, 'extra'], 'extra'],
  ])('rejects %j naming %s', (argv, mention) => {
    expect(() => parsePaperArgs(argv)).toThrow(UsageError);
    expect(() => parsePaperArgs(argv)).toThrow(mention);
  });
});

function runCli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/paper.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('npm run paper', () => {
  test('serves the Kiwoom protocol on the printed loopback URL and stops on SIGTERM', async () => {
    const child = runCli(['--port', '0', '--account', EXAMPLE, '--auto-step-ms', '0']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const token = await getToken(url);
      const res = await post(url, '/api/dostk/stkinfo', 'ka10001', { stk_cd: '005930' }, { token });
      expect(res.body).toMatchObject({ return_code: 0, stk_nm: '삼성전자', base_pric: '71200' });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  test.each([
    [['--port', 'x', '--account', EXAMPLE], '--port'],
    [['--port', '0', '--account', 'no/such/file.json'], 'no such file'],
  ])('exits 2 with a message for %j', async (args, mention) => {
    const child = runCli(args);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain(mention);
  });
});
