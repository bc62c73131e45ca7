import { ConfigError } from '../src/config/ConfigError.ts';
import { startBot } from './startBot.ts';

/**
 * `npm start`: the Telegram bot with the configured broker (paper by default). Exit codes: 0 stopped by SIGTERM or
 * SIGINT (polling stopped, the order in flight finished), 2 bad configuration (each variable named, never a
 * value), 1 anything else (including 409 Conflict: another instance polls the same token).
 */
async function main(): Promise<number | undefined> {
  let running: Awaited<ReturnType<typeof startBot>>;
  try {
    running = await startBot({
      env: process.env,
      onFatal: (message) => {
        process.stderr.write(`${message}\n`);
        process.exit(1);
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`The bot could not start: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal}: stopping (the order in flight finishes first)\n`);
    running.stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return undefined;
}

void main().then((code) => {
  if (code !== undefined) process.exit(code);
});
