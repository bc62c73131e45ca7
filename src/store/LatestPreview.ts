import type { Redis } from 'ioredis';
import { z } from 'zod';
import { accountKeys } from './keys.ts';

const latestSchema = z.object({ planId: z.string(), settingsRev: z.number().int().min(0) });

/** The newest preview of an account and the settings revision it was made from. */
export type LatestPreviewValue = z.output<typeof latestSchema>;

/**
 * The account's newest preview (`rb:{acct}:latest-preview`): only it can be approved, and only while the settings
 * are still at the revision it was made from. A newer preview supersedes an older one.
 */
export class LatestPreview {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    accountId: string,
  ) {
    this.key = `${accountKeys(accountId).prefix}latest-preview`;
  }

  async get(): Promise<LatestPreviewValue | undefined> {
    const raw = await this.redis.get(this.key);
    if (raw === null) return undefined;
    const parsed = latestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async set(value: LatestPreviewValue): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(latestSchema.parse(value)));
  }
}
