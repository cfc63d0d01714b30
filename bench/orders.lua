-- wrk script for bench/order-entry.sh: order entry (POST /api/v1/orders) spread over several instruments.
--   wrk -t1 -c16 -d20s --latency -s bench/orders.lua http://127.0.0.1:PORT -- ACCOUNTS_FILE RUN_TAG
-- ACCOUNTS_FILE is written by bench/setup.py: "symbol S MID_CENTS" (one per instrument), "BUY <accountId> <token>"
-- (funded buyers), "SELL <accountId> <token>" (accounts holding stock of every instrument); other lines are ignored.
-- The order mix is the one of ../shared/perf/orders.lua, per instrument: each cycle of 4 orders goes to the next
-- instrument (round robin) and strictly alternates BUY and SELL (quantity 5):
--   0: BUY  GTC at mid - L ticks (maker, L = 1..3)     1: SELL GTC at mid + L ticks (maker)
--   2: BUY  IOC at mid + 3 ticks (taker: crosses the resting asks)
--   3: SELL IOC at mid - 3 ticks (taker: crosses the resting bids)
-- so about half the orders trade and every book stays bounded. clientOrderId = RUN_TAG-t<thread>-<counter>.
-- done() prints machine-readable lines for bench/report.py and bench/settle.py:
--   RESULT   requests, rps, ok_rps (2xx only), P50/P90/P99/max, non2xx, traded, socket errors, timeouts, codes
--   SECONDS  start/end epoch second and the 2xx / all responses completed in each epoch second (windows)
--   TRADEMAX the highest trade number seen per symbol in responses (trade ids are SYMBOL-<n>, n consecutive)

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

function init(args)
  local path = args[1] or os.getenv("BENCH_ACCOUNTS")
  local tag = args[2] or tostring(os.time())
  buyers, sellers, symbols, mids = {}, {}, {}, {}
  local f = assert(io.open(path, "r"), "cannot open accounts file " .. tostring(path))
  for line in f:lines() do
    local k, a, b = line:match("^(%S+)%s+(%S+)%s*(%S*)")
    if k == "symbol" then table.insert(symbols, a); table.insert(mids, tonumber(b))
    elseif k == "BUY" then table.insert(buyers, { a, "Bearer " .. b })
    elseif k == "SELL" then table.insert(sellers, { a, "Bearer " .. b })
    end
  end
  f:close()
  assert(#buyers > 0 and #sellers > 0 and #symbols > 0, "accounts file needs symbol, BUY and SELL lines")
  prefix = tag .. "-t" .. tid .. "-"
  counter = 0
  responses, non2xx, traded = 0, 0, 0
  codes, ok_sec, all_sec, tmax = {}, {}, {}, {}
  t_start = os.time()
end

local function price(cents)
  return string.format("%d.%02d", math.floor(cents / 100), cents % 100)
end

function request()
  local n = counter
  counter = counter + 1
  local k = n % 4
  local cycle = math.floor(n / 4)
  local i = cycle % #symbols + 1
  local lvl = 1 + math.floor(cycle / #symbols) % 3
  local mid = mids[i]
  local side, tif, p, acct
  if k == 0 then side, tif, p = "BUY", "GTC", mid - lvl
  elseif k == 1 then side, tif, p = "SELL", "GTC", mid + lvl
  elseif k == 2 then side, tif, p = "BUY", "IOC", mid + 3
  else side, tif, p = "SELL", "IOC", mid - 3 end
  if side == "BUY" then
    acct = buyers[(cycle * 2 + k + tid) % #buyers + 1]
  else
    acct = sellers[(cycle * 2 + k + tid) % #sellers + 1]
  end
  local body = string.format(
    '{"clientOrderId":"%s%d","accountId":"%s","symbol":"%s","side":"%s","type":"LIMIT","price":"%s","quantity":"5","timeInForce":"%s"}',
    prefix, n, acct[1], symbols[i], side, price(p), tif)
  return wrk.format("POST", "/api/v1/orders",
    { ["Content-Type"] = "application/json", ["Accept"] = "application/json", ["Authorization"] = acct[2] }, body)
end

function response(status, headers, body)
  local s = os.time()
  responses = responses + 1
  all_sec[s] = (all_sec[s] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    codes[status] = (codes[status] or 0) + 1
    return
  end
  ok_sec[s] = (ok_sec[s] or 0) + 1
  if body and body:find('"tradeId"', 1, true) then
    traded = traded + 1
    for sym, num in body:gmatch('"tradeId"%s*:%s*"([^"]-)%-(%d+)"') do
      num = tonumber(num)
      if num > (tmax[sym] or 0) then tmax[sym] = num end
    end
  end
end

function done(summary, latency, requests)
  local resp, bad, tr = 0, 0, 0
  local allcodes, oks, alls, tm = {}, {}, {}, {}
  local t0, t1 = nil, os.time()
  for _, t in ipairs(threads) do
    resp = resp + (t:get("responses") or 0)
    bad = bad + (t:get("non2xx") or 0)
    tr = tr + (t:get("traded") or 0)
    local ts = t:get("t_start")
    if ts and (t0 == nil or ts < t0) then t0 = ts end
    for c, v in pairs(t:get("codes") or {}) do allcodes[c] = (allcodes[c] or 0) + v end
    for s, v in pairs(t:get("ok_sec") or {}) do oks[s] = (oks[s] or 0) + v end
    for s, v in pairs(t:get("all_sec") or {}) do alls[s] = (alls[s] or 0) + v end
    for s, v in pairs(t:get("tmax") or {}) do if v > (tm[s] or 0) then tm[s] = v end end
  end
  t0 = t0 or t1
  local cs = {}
  for c, v in pairs(allcodes) do table.insert(cs, c .. ":" .. v) end
  table.sort(cs)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f ok_rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "non2xx=%d traded=%d responses=%d socket_errors=%d timeouts=%d codes=%s\n",
    summary.requests, secs, summary.requests / secs, (summary.requests - bad) / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, tr, resp, e.connect + e.read + e.write, e.timeout, (#cs > 0) and table.concat(cs, ",") or "-"))
  local ok_list, all_list = {}, {}
  for s = t0, t1 do
    table.insert(ok_list, tostring(oks[s] or 0))
    table.insert(all_list, tostring(alls[s] or 0))
  end
  io.write(string.format("SECONDS start=%d end=%d ok=%s all=%s\n", t0, t1,
    table.concat(ok_list, ","), table.concat(all_list, ",")))
  local ts = {}
  for s, v in pairs(tm) do table.insert(ts, s .. ":" .. v) end
  table.sort(ts)
  io.write("TRADEMAX " .. ((#ts > 0) and table.concat(ts, ",") or "-") .. "\n")
end
