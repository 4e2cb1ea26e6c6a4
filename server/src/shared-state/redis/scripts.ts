// The Lua scripts that make a check and its update one step across every replica.
// Numbers cross into Lua as strings; spend figures come back as strings ("%.17g") to keep
// their digits (Redis truncates Lua numbers to integers in replies).

/**
 * KEYS circuit, probe; ARGV now, halfOpenAfterMs, probeTtlMs.
 * -> { mayPass 0|1, openedAt or -1, failures }. Half-open lets exactly one caller through:
 * the one whose SET NX took the probe key (it lapses after probeTtlMs if its replica dies).
 */
export const ACQUIRE = `
local openedAt = redis.call('HGET', KEYS[1], 'openedAt')
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if not openedAt then return {1, -1, failures} end
openedAt = tonumber(openedAt)
if tonumber(ARGV[1]) < openedAt + tonumber(ARGV[2]) then return {0, openedAt, failures} end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then return {1, openedAt, failures} end
return {0, openedAt, failures}`;

/**
 * KEYS circuit, probe; ARGV now, breakerFailures, verdict 0|1, ttlMs.
 * A failure frees the probe; with a verdict (a retryable failure of the model, not of one
 * key, not a cancel) it counts, and opens (or re-opens) the circuit as BreakerRegistry does.
 * -> { openedAt or -1, failures }.
 */
export const FAILURE = `
redis.call('DEL', KEYS[2])
local openedAt = redis.call('HGET', KEYS[1], 'openedAt')
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if ARGV[3] == '1' then
  failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
  if openedAt or failures >= tonumber(ARGV[2]) then
    openedAt = ARGV[1]
    redis.call('HSET', KEYS[1], 'openedAt', openedAt)
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return {tonumber(openedAt or '-1'), failures}`;

/** KEYS circuit, probe; ARGV now, breakerFailures, ttlMs, onlyIfClosed 0|1. Opens the circuit now (stalls, or a replica pushing what it saw alone). */
export const OPEN = `
if ARGV[4] == '1' and redis.call('HEXISTS', KEYS[1], 'openedAt') == 1 then return 0 end
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
redis.call('HSET', KEYS[1], 'openedAt', ARGV[1], 'failures', math.max(failures, tonumber(ARGV[2])))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * KEYS a key's cooldown or rejection; ARGV epoch ms (until when it rests, when it was rejected),
 * ttlMs. Keeps the later of two: the longer cooldown, the latest rejection.
 */
export const COOL = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

/** Lua helper: the sum of a scope's live reservations (drops the lapsed ones first). */
const RESERVED = `
local function reserved(key, now)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local sum = 0
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    sum = sum + tonumber(string.match(member, ':([^:]+)$'))
  end
  return sum
end`;

/**
 * KEYS day, month, inFlight; ARGV now. -> { day|false, month|false, reserved } as strings;
 * a missing counter (new day, Redis restarted or flushed) is seeded from the ledger by the caller.
 */
export const SPEND = `${RESERVED}
local day = redis.call('GET', KEYS[1])
local month = redis.call('GET', KEYS[2])
return {day or false, month or false, string.format('%.17g', reserved(KEYS[3], ARGV[1]))}`;

/**
 * KEYS per scope: day, month, inFlight (3 each); ARGV now, lapsesAt, member, amount, then per
 * scope dailyLimit, monthlyLimit ('' for none, and for a soft scope: counted, never refused).
 * -> {0} reserved on every scope | {1, i} scope i needs seeding | {2, i, day, month, inFlight} scope i has
 * no room (its spend plus the reservations in flight reached a limit; nothing was reserved; day and
 * month include inFlight, what the reservations hold).
 */
export const RESERVE = `${RESERVED}
local n = #KEYS / 3
for i = 1, n do
  if redis.call('EXISTS', KEYS[3*i-2]) == 0 or redis.call('EXISTS', KEYS[3*i-1]) == 0 then return {1, i} end
end
if tonumber(ARGV[4]) > 0 then
  for i = 1, n do
    local inFlight = reserved(KEYS[3*i], ARGV[1])
    local day = tonumber(redis.call('GET', KEYS[3*i-2])) + inFlight
    local month = tonumber(redis.call('GET', KEYS[3*i-1])) + inFlight
    local dailyLimit, monthlyLimit = ARGV[3+2*i], ARGV[4+2*i]
    if (dailyLimit ~= '' and day >= tonumber(dailyLimit) - 1e-9) or (monthlyLimit ~= '' and month >= tonumber(monthlyLimit) - 1e-9) then
      return {2, i, string.format('%.17g', day), string.format('%.17g', month), string.format('%.17g', inFlight)}
    end
  end
end
for i = 1, n do
  redis.call('ZADD', KEYS[3*i], ARGV[2], ARGV[3])
  redis.call('PEXPIREAT', KEYS[3*i], ARGV[2])
end
return {0}`;

/**
 * KEYS settled marker, then per scope: day, month, inFlight; ARGV member, costUsd, dayTtlSeconds,
 * monthTtlSeconds, markerTtlSeconds. Drops the reservation and counts the cost once: a settle
 * that timed out on the replica may still run on Redis, and the replica settles it again when
 * Redis returns; the marker (SET NX) makes the second one count nothing. Only counters that
 * exist are added to: a missing one is seeded from the ledger, which holds this request already.
 */
export const SETTLE = `
local first = redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[5])
for i = 0, (#KEYS - 1) / 3 - 1 do
  local day, month, inFlight = KEYS[2 + 3*i], KEYS[3 + 3*i], KEYS[4 + 3*i]
  redis.call('ZREM', inFlight, ARGV[1])
  if first and tonumber(ARGV[2]) ~= 0 then
    if redis.call('EXISTS', day) == 1 then redis.call('INCRBYFLOAT', day, ARGV[2]) end
    if redis.call('EXISTS', month) == 1 then redis.call('INCRBYFLOAT', month, ARGV[2]) end
  end
end
return first and 1 or 0`;

/** KEYS rate; ARGV perMinute. -> 1 counted, 0 over the limit. */
export const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], 120000) end
if count > tonumber(ARGV[1]) then return 0 end
return 1`;

/**
 * KEYS replicas; ARGV replicaId, now, goneAfterMs. This replica is seen now; replicas not
 * seen for goneAfterMs are forgotten. -> how many replicas are alive.
 */
export const HEARTBEAT = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('ZCARD', KEYS[1])`;
