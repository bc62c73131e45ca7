import type { ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.ts';
import type { FaultInjector } from './FaultInjector.ts';
import type { PaperExchange } from './PaperExchange.ts';
import type { TokenStore } from './TokenStore.ts';

/** What request handling uses of a running paper server (startPaperServer builds it once). */
export interface ServerParts {
  readonly exchange: PaperExchange;
  readonly faults: FaultInjector;
  readonly tokens: TokenStore;
  /** Most rows per page of a list. */
  readonly pageSize: number;
  /** The account number ka00001 reports. */
  readonly accountNo: string;
  /** False while the exchange keeps KRX hours and the session is closed. */
  readonly marketOpen: () => boolean;
  readonly logger: Logger | undefined;
  /** Runs `fn` after `ms` on a timer the server clears when it closes. */
  readonly later: (ms: number, fn: () => void) => void;
  /** Responses held open by a fault; the server destroys their sockets when it closes. */
  readonly held: Set<ServerResponse>;
  /** Saves the state after a change (errors logged, never thrown). */
  readonly afterChange: () => Promise<void>;
}
