import type { Redis } from 'ioredis';
import { BotMemory } from '../store/BotMemory.ts';

/** The bot's memory of one account (update ids handled, refusals sent); see src/store/BotMemory.ts. */
export function openBotMemory(redis: Redis, accountId: string): BotMemory {
  return new BotMemory(redis, accountId);
}
