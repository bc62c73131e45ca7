import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Broker } from './broker/Broker.ts';
import { createKiwoomBroker, type KiwoomBrokerOptions, kiwoomBaseUrl } from './broker/kiwoom/index.ts';
import type { Config } from './config.ts';
import type { FeeRates } from './domain/types.ts';
import type { Logger } from './logger.ts';
import { readPaperAccountFile } from './paper/PaperAccountFile.ts';
import { type PaperServer, startPaperServer } from './paper/paperServer.ts';

/** The account file the paper exchange starts from when PAPER_ACCOUNT is not set. */
export const DEFAULT_PAPER_ACCOUNT = fileURLToPath(new URL('../examples/paper-account.json', import.meta.url));

/**
 * Keys the client sends to the in-process paper exchange, which accepts any. Not secrets: they open nothing but
 * the simulated account on a loopback port.
 */
const PAPER_KEYS = { appKey: 'paper-app-key', secretKey: 'paper-secret-key' } as const;

/** A broker built from the configuration, with what it started. */
export interface BrokerHandle {
  readonly broker: Broker;
  /**
   * Stable id of the account the broker trades (Redis keys and queue names hang off it): `paper` for the paper
   * exchange; `kiwoom-{env}-{first 10 hex of sha256(appKey)}` for Kiwoom, where the token (from the app key) selects
   * the account. The raw key never appears in it.
   */
  readonly accountId: string;
  readonly kind: 'paper' | 'kiwoom';
  /** The in-process paper exchange (BROKER=paper only), for tests and the demo. */
  readonly paper?: PaperServer;
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
}

/**
 * Builds the Broker from the `broker` config section (product.md "Brokers"):
 * - BROKER=paper: starts the paper exchange in this process on 127.0.0.1:PAPER_PORT from PAPER_ACCOUNT (or
 *   examples/paper-account.json) and points a Kiwoom client at it, so paper runs the same client code as live;
 * - BROKER=kiwoom: a Kiwoom client on kiwoomBaseUrl(KIWOOM_ENV, KIWOOM_BASE_URL) with the keys. loadConfig has
 *   already refused live mode without LIVE_TRADING=yes and a missing key.
 */
export async function createBroker(config: Config<'broker'>, options: CreateBrokerOptions = {}): Promise<BrokerHandle> {
  const logger = options.logger;
  if (config.BROKER === 'paper') {
    const account = await readPaperAccountFile(config.PAPER_ACCOUNT ?? DEFAULT_PAPER_ACCOUNT);
    const paper = await startPaperServer({
      account,
      port: config.PAPER_PORT,
      seed: config.PAPER_SEED,
      autoStepMs: options.paperAutoStepMs ?? 2_000,
      ...(options.fees !== undefined ? { fees: options.fees } : {}),
      ...(logger !== undefined ? { logger: logger.child({ component: 'paper' }) } : {}),
    });
    const broker = createKiwoomBroker({ ...options.kiwoom, baseUrl: paper.url, ...PAPER_KEYS, logger });
    return { broker, accountId: brokerAccountId(config), kind: 'paper', paper, close: () => paper.close() };
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

/** The account id createBroker reports, without building anything (see BrokerHandle.accountId). */
export function brokerAccountId(config: Config<'broker'>): string {
  if (config.BROKER === 'paper') return 'paper';
  const appKey = config.KIWOOM_APP_KEY;
  if (appKey === undefined) throw new TypeError('KIWOOM_APP_KEY is required when BROKER=kiwoom');
  const digest = createHash('sha256').update(appKey).digest('hex').slice(0, 10);
  return `kiwoom-${config.KIWOOM_ENV}-${digest}`;
}
