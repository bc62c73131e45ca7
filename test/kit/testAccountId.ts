import { randomUUID } from 'node:crypto';

/** A fresh account id nobody else uses (also the BullMQ prefix suffix of that test). */
export function testAccountId(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}
