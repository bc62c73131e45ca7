import type { BrokerCandidate } from './BrokerCandidate.ts';

/** Why a settlement was refused (nothing changed); the CLI and the bot word it. */
export type ResolveRefusal =
  | { readonly code: 'no-record'; readonly id: string; readonly accountId: string }
  | { readonly code: 'not-unknown'; readonly id: string; readonly state: string }
  | { readonly code: 'earlier-day'; readonly id: string; readonly day: string }
  | { readonly code: 'owned-by-other'; readonly orderNo: string; readonly ownerId: string }
  | { readonly code: 'unclaimed-only'; readonly unclaimedOrderNo: string }
  | { readonly code: 'not-listed'; readonly orderNo: string }
  | {
      readonly code: 'mismatch';
      readonly id: string;
      readonly orderNo: string;
      readonly fields: ReadonlyArray<{ field: 'code' | 'side' | 'quantity'; broker: string; record: string }>;
    }
  | { readonly code: 'not-a-request'; readonly orderNo: string }
  | { readonly code: 'claimed-meanwhile'; readonly orderNo: string }
  | { readonly code: 'changed-meanwhile'; readonly id: string; readonly outcome?: string }
  | { readonly code: 'holds-order'; readonly id: string; readonly held?: string }
  | { readonly code: 'too-early'; readonly id: string; readonly retryInS: number }
  | { readonly code: 'has-candidates'; readonly id: string; readonly candidates: readonly BrokerCandidate[] };
