import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { readPaperAccountFile } from './PaperAccountFile.ts';
import { PaperExchange } from './PaperExchange.ts';
import { parsePaperSnapshot } from './PaperExchangeSnapshot.ts';
import { PaperStateStore } from './PaperStateStore.ts';
import { type PaperServer, type PaperServerOptions, startPaperServer } from './paperServer.ts';

/** What startPersistentPaper needs (from the broker config and createBroker's options). */
export interface PersistentPaperOptions
  extends Pick<PaperServerOptions, 'port' | 'seed' | 'fees' | 'autoStepMs' | 'logger'> {
  readonly redis: Redis;
  /** Path of the account file (PAPER_ACCOUNT or the default). */
  readonly accountPath: string;
}

/** A paper exchange whose state lives in Redis under a stable account id. */
export interface PersistentPaper {
  readonly accountId: string;
  readonly paper: PaperServer;
  /** Starts over from the account file (read again now); the new state is saved before this resolves. */
  resetPaper(): Promise<void>;
}

/**
 * The stable id of the persistent paper account of an account file: `paper-{first 10 hex of sha256(absolute
 * path)}`. The same file gives the same account at every start (its ledger, plans and exchange resume); another
 * file is another account.
 */
export function persistentPaperAccountId(accountPath: string): string {
  return `paper-${createHash('sha256').update(resolve(accountPath)).digest('hex').slice(0, 10)}`;
}

/**
 * Starts the in-process paper exchange for the bot so that it lasts: the state saved in Redis is loaded (a new
 * KST day starts from yesterday's closing state), or, the first time, the account file is read. Every request
 * is answered only after the state it left was saved, and every price step is saved, so a restart or a crash
 * resumes cash, holdings, open orders, order numbers and the price paths where they were.
 */
export async function startPersistentPaper(options: PersistentPaperOptions): Promise<PersistentPaper> {
  const accountId = persistentPaperAccountId(options.accountPath);
  const store = new PaperStateStore(options.redis, accountId);
  const stored = await store.load();
  const account =
    stored === undefined ? await readPaperAccountFile(options.accountPath) : parsePaperSnapshot(stored).account;
  let exchange: PaperExchange | undefined;
  const paper = await startPaperServer({
    account,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.fees !== undefined ? { fees: options.fees } : {}),
    ...(options.autoStepMs !== undefined ? { autoStepMs: options.autoStepMs } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(stored !== undefined ? { snapshot: stored } : {}),
    afterChange: async () => {
      if (exchange) await store.save(exchange);
    },
  });
  exchange = paper.exchange;
  try {
    await store.save(exchange);
  } catch (err) {
    await paper.close();
    throw err;
  }
  options.logger?.info({ accountId, resumed: stored !== undefined }, 'persistent paper exchange started');
  return {
    accountId,
    paper,
    resetPaper: async () => {
      const file = await readPaperAccountFile(options.accountPath);
      const fresh = new PaperExchange({
        account: file,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        fees: paper.exchange.fees,
        liquidityPerStep: paper.exchange.liquidityPerStep,
      });
      paper.exchange.load(fresh.snapshot());
      await store.save(paper.exchange);
      options.logger?.info({ accountId }, 'paper account reset from the account file');
    },
  };
}
