import { LuaScript } from './LuaScript.ts';

/**
 * The Lua scripts the plan store writes with (PlanStore). Each runs atomically on the server: an approval checks
 * hash, status, expiry and the account's active slot in the step that takes the slot; a phase moves (and stores its
 * re-sized legs) in one step; legs are replaced only in the step that sees the phase has not started.
 */
export const planScripts = {
  // KEYS: plan, active plan. ARGV: id, hash, now (ms). Returns 'ok' or why not ('reason' or 'reason:detail').
  approve: new LuaScript(
    `local st = redis.call('HMGET', KEYS[1], 'status', 'hash', 'expiresAt')
if not st[1] then return 'missing' end
if st[2] ~= ARGV[2] then return 'hash-mismatch' end
if st[1] ~= 'pending' then return 'not-pending:' .. st[1] end
if st[3] and st[3] ~= '' and tonumber(st[3]) < tonumber(ARGV[3]) then return 'expired' end
local act = redis.call('GET', KEYS[2])
if act and act ~= ARGV[1] then return 'other-active:' .. act end
redis.call('HSET', KEYS[1], 'status', 'active', 'approvedAt', ARGV[3])
redis.call('SET', KEYS[2], ARGV[1])
return 'ok'`,
    2,
  ),

  // KEYS: plan, active plan. ARGV: id, new status, allowed current statuses (comma separated, empty = any).
  // A move to done or cancelled frees the active slot if this plan holds it. Returns 'ok' or 'missing' / 'from:{status}'.
  setStatus: new LuaScript(
    `local cur = redis.call('HGET', KEYS[1], 'status')
if not cur then return 'missing' end
if ARGV[3] ~= '' and not string.find(',' .. ARGV[3] .. ',', ',' .. cur .. ',', 1, true) then return 'from:' .. cur end
redis.call('HSET', KEYS[1], 'status', ARGV[2])
if ARGV[2] == 'done' or ARGV[2] == 'cancelled' then
  if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
end
return 'ok'`,
    2,
  ),

  // KEYS: phases, plan. ARGV: side, from, to, now (ms), legs JSON ('' for none). A move to `running` also stamps
  // `{side}:runningSince` (see phaseRunningSince); legs given are stored as the side's legs in the same step.
  casPhase: new LuaScript(
    `local cur = redis.call('HGET', KEYS[1], ARGV[1]) or 'pending'
if cur ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[3] == 'running' then redis.call('HSET', KEYS[1], ARGV[1] .. ':runningSince', ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[2], 'legs:' .. ARGV[1], ARGV[5]) end
return 1`,
    2,
  ),

  // KEYS: plan, the older copy of the side's legs. ARGV: side, legs JSON (built from that copy). Moves the older copy
  // into the plan once: returns 1 when it did, 0 when the copy was already gone (another reader moved it).
  adoptOlderLegs: new LuaScript(
    `if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'legs:' .. ARGV[1], ARGV[2])
redis.call('DEL', KEYS[2])
return 1`,
    2,
  ),

  // KEYS: phases, plan. ARGV: side, legs JSON. Returns the phase state that refused the change, or 'ok'.
  replaceLegs: new LuaScript(
    `local cur = redis.call('HGET', KEYS[1], ARGV[1]) or 'pending'
if cur ~= 'pending' and cur ~= 'waiting' then return cur end
redis.call('HSET', KEYS[2], 'legs:' .. ARGV[1], ARGV[2])
return 'ok'`,
    2,
  ),
} as const;
