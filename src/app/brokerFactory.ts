import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { Broker } from '../broker/Broker.ts';
import { createKiwoomBroker, type KiwoomBrokerOptions } from '../broker/kiwoom/createKiwoomBroker.ts';
import { KIWOOM_HOSTS, kiwoomBaseUrl } from '../broker/kiwoom/kiwoomBaseUrl.ts';
import type { Config } from '../config/config.ts';
import type { FeeRates } from '../domain/types.ts';
import type { Logger } from '../logging/logger.ts';
import { readPaperAccountFile } from '../paper/PaperAccountFile.ts';
import { type PaperServer, startPaperServer } from '../paper/paperServer.ts';
import { startPersistentPaper } from '../paper/startPersistentPaper.ts';

/** The account file the paper exchange starts from when PAPER_ACCOUNT is not set. */
export const DEFAULT_PAPER_ACCOUNT = fileURLToPath(new URL('../../examples/paper-account.json', import.meta.url));

/**
 * Keys the client sends to the in-process paper exchange, which accepts any. Not secrets: they open nothing but
 * the simulated account on a loopback port.
 */
const PAPER_KEYS = { appKey: 'paper-app-key', secretKey: 'paper-secret-key' } as const;

/** A broker built from the configuration, with what it started. */
export interface BrokerHandle {
  readonly broker: Broker;
  /**
   * Id of the account the broker trades (Redis keys and queue names hang off it; never contains ':'):
   * - Kiwoom: stable, `kiwoom-{env}-{first 10 hex of sha256(appKey)}`, where the token (from the app key) selects
   *   the account, plus `-{first 10 hex of sha256(origin)}` when KIWOOM_BASE_URL points somewhere else than the
   *   env's Kiwoom host (see brokerAccountId). The raw key never appears in it.
   * - in-process paper exchange: new at every start, `paper-{KST yyyymmdd-HHmmss}-{8 random hex}` (see
   *   paperAccountId): that exchange lives only as long as this process.
   */
  readonly accountId: string;
  readonly kind: 'paper' | 'kiwoom';
  /**
   * True when the account lives only as long as this handle (the in-process paper exchange): nothing of it can be
   * resumed by a later run, and its Redis state may be discarded once the handle is closed. Absent means false.
   */
  readonly ephemeral?: boolean;
  /** The in-process paper exchange (BROKER=paper only), for tests and the demo. */
  readonly paper?: PaperServer;
  /**
   * BROKER=paper with `persistPaper` only: starts the paper account over from the account file (read again), the
   * new state saved before it resolves. The caller makes sure no plan or order is live (the bot's /paper reset).
   */
  readonly resetPaper?: () => Promise<void>;
  /** Closes what the factory started (the paper server); the Kiwoom client holds nothing open. */
  close(): Promise<void>;
}

/** Extra knobs of createBroker; none is needed in production. */
export interface CreateBrokerOptions {
  readonly logger?: Logger;
  /** Fee rates of the paper exchange (default DEFAULT_FEE_RATES; the CLI passes COMMISSION_PPM / SELL_TAX_PPM). */
  readonly fees?: FeeRates;
  /** Paper price step timer in ms (default 2,000, as `npm run paper`): prices move and resting orders fill while the engine works. */
  readonly paperAutoStepMs?: number;
  /** More options for the Kiwoom client (timeouts, rate limits). */
  readonly kiwoom?: Partial<Omit<KiwoomBrokerOptions, 'baseUrl' | 'appKey' | 'secretKey'>>;
  /**
   * BROKER=paper for the bot: the paper account lasts. Its id is stable (persistentPaperAccountId of the account
   * file path, not ephemeral) and the exchange's state is saved in this Redis and resumed at the next start
   * (src/paper/startPersistentPaper.ts); the handle gets `resetPaper`. Without it (the one-shot CLIs) paper runs
   * start fresh as described on createBroker.
   */
  readonly persistPaper?: { readonly redis: Redis };
}

/**
 * Builds the Broker from the `broker` config section (product.md "Brokers"):
 * - BROKER=paper: starts the paper exchange in this process on 127.0.0.1:PAPER_PORT from PAPER_ACCOUNT (or
 *   examples/paper-account.json) and points a Kiwoom client at it, so paper runs the same client code as live.
 *   The account is fresh at every start and so gets a new id (paperAccountId): its Redis state (ledger, active
 *   plan, queues) from an earlier process describes orders at an exchange that no longer exists, and must never be
 *   resumed against the new one. A new id rather than wiping the old one at start, because a new id needs no Redis
 *   here, deletes nothing (not even by mistake), and keeps two paper processes running at once apart; the caller
 *   may discard the state of an `ephemeral` account once it is done with it. To resume paper runs across restarts,
 *   run the exchange separately (`npm run paper`) and use BROKER=kiwoom with KIWOOM_BASE_URL pointing at it;
 * - BROKER=kiwoom: a Kiwoom client on kiwoomBaseUrl(KIWOOM_ENV, KIWOOM_BASE_URL) with the keys. loadConfig has
 *   already refused live mode without LIVE_TRADING=yes and a missing key.
 */
/** What both paper set-ups (one-shot and lasting) start their exchange with. */
function paperServerOptions(config: Config<'broker'>, options: CreateBrokerOptions) {
  return {
    port: config.PAPER_PORT,
    seed: config.PAPER_SEED,
    autoStepMs: options.paperAutoStepMs ?? 2_000,
    ...(options.fees !== undefined ? { fees: options.fees } : {}),
    ...(options.logger !== undefined ? { logger: options.logger.child({ component: 'paper' }) } : {}),
  };
}

export async function createBroker(config: Config<'broker'>, options: CreateBrokerOptions = {}): Promise<BrokerHandle> {
  const logger = options.logger;
  if (config.BROKER === 'paper' && options.persistPaper !== undefined) {
    const { accountId, paper, resetPaper } = await startPersistentPaper({
      redis: options.persistPaper.redis,
      accountPath: config.PAPER_ACCOUNT ?? DEFAULT_PAPER_ACCOUNT,
      ...paperServerOptions(config, options),
    });
    const broker = createKiwoomBroker({ ...options.kiwoom, baseUrl: paper.url, ...PAPER_KEYS, logger });
    return { broker, accountId, kind: 'paper', paper, resetPaper, close: () => paper.close() };
  }
  if (config.BROKER === 'paper') {
    const account = await readPaperAccountFile(config.PAPER_ACCOUNT ?? DEFAULT_PAPER_ACCOUNT);
    const paper = await startPaperServer({
      account,
      ...paperServerOptions(config, options),
    });
    const broker = createKiwoomBroker({ ...options.kiwoom, baseUrl: paper.url, ...PAPER_KEYS, logger });
    return {
      broker,
      accountId: paperAccountId(Date.now()),
      kind: 'paper',
      ephemeral: true,
      paper,
      close: () => paper.close(),
    };
  }
  const { KIWOOM_APP_KEY: appKey, KIWOOM_SECRET_KEY: secretKey } = config;
  if (appKey === undefined || secretKey === undefined) {
    throw new TypeError('KIWOOM_APP_KEY and KIWOOM_SECRET_KEY are required when BROKER=kiwoom');
  }
  const broker = createKiwoomBroker({
    ...options.kiwoom,
    baseUrl: kiwoomBaseUrl(config.KIWOOM_ENV, config.KIWOOM_BASE_URL),
    appKey,
    secretKey,
    logger,
  });
  return { broker, accountId: brokerAccountId(config), kind: 'kiwoom', close: async () => {} };
}

/**
 * The Kiwoom account id createBroker reports, without building anything (see BrokerHandle.accountId):
 * `kiwoom-{env}-{sha256(appKey)[0:10]}`, and when KIWOOM_BASE_URL points elsewhere than the env's Kiwoom host (a
 * paper exchange run with `npm run paper`, a proxy), `-{sha256(origin)[0:10]}` on top, so the same app key used
 * against another server never shares Redis state (ledger, plans, order numbers) with the real account. The origin
 * (scheme, host, port) is what selects the server; a path or trailing slash does not make another account.
 * Throws TypeError for BROKER=paper, whose id is new at every start (only createBroker knows it), for a missing
 * app key, and for a base URL kiwoomBaseUrl refuses.
 */
export function brokerAccountId(config: Config<'broker'>): string {
  if (config.BROKER === 'paper') {
    throw new TypeError('the in-process paper account gets a new id at every start: use the one createBroker returns');
  }
  const appKey = config.KIWOOM_APP_KEY;
  if (appKey === undefined) throw new TypeError('KIWOOM_APP_KEY is required when BROKER=kiwoom');
  const id = `kiwoom-${config.KIWOOM_ENV}-${sha256Hex(appKey).slice(0, 10)}`;
  const origin = new URL(kiwoomBaseUrl(config.KIWOOM_ENV, config.KIWOOM_BASE_URL)).origin;
  if (origin === new URL(KIWOOM_HOSTS[config.KIWOOM_ENV]).origin) return id;
  return `${id}-${sha256Hex(origin).slice(0, 10)}`;
}

/**
 * A new id for an in-process paper account started at `startedAtMs`: `paper-{yyyymmdd-HHmmss in KST}-{8 random
 * hex}`. The time makes it readable in Redis and logs; the random part keeps two starts in the same second apart.
 */
export function paperAccountId(startedAtMs: number, random: string = randomBytes(4).toString('hex')): string {
  if (!/^[0-9a-f]{8}$/.test(random)) throw new RangeError('random must be 8 lowercase hex digits');
  if (!Number.isSafeInteger(startedAtMs) || startedAtMs < 0) throw new RangeError(`not a time: ${startedAtMs}`);
  const kst = new Date(startedAtMs + 9 * 3_600_000).toISOString(); // KST = UTC+9, no daylight saving
  const stamp = `${kst.slice(0, 10).replaceAll('-', '')}-${kst.slice(11, 19).replaceAll(':', '')}`;
  return `paper-${stamp}-${random}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
