import { LuaScript } from './LuaScript.ts';

/**
 * The Lua scripts the order ledger writes with (OrderLedger). Each runs atomically on the server, so a record's
 * version check, its order number claims and the live set change together or not at all.
 */
export const ledgerScripts = {
  // KEYS: record, plan's records, live set. ARGV: json, record id, send order, live (1/0).
  // Returns 1 created, 0 the record exists (nothing written).
  create: new LuaScript(
    `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'ver', 1)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
if ARGV[4] == '1' then redis.call('SADD', KEYS[3], ARGV[2]) end
return 1`,
    3,
  ),

  // KEYS: record, live set, the day's order number index.
  // ARGV: expected version, new json, record id, live (1/0), index ttl ms, order numbers to claim...
  // Returns 1 done, 0 version moved, -1 no record, {-2, orderNo, owner} a number owned by another record.
  compareAndSet: new LuaScript(
    `local v = redis.call('HGET', KEYS[1], 'ver')
if not v then return -1 end
if v ~= ARGV[1] then return 0 end
for i = 6, #ARGV do
  local owner = redis.call('HGET', KEYS[3], ARGV[i])
  if owner and owner ~= ARGV[3] then return {-2, ARGV[i], owner} end
end
for i = 6, #ARGV do redis.call('HSET', KEYS[3], ARGV[i], ARGV[3]) end
if #ARGV >= 6 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'ver', tonumber(v) + 1)
if ARGV[4] == '1' then redis.call('SADD', KEYS[2], ARGV[3]) else redis.call('SREM', KEYS[2], ARGV[3]) end
return 1`,
    3,
  ),
} as const;
