-- wrk script for bench/read-models.sh: one GraphQL query (the file BODY_FILE, a JSON request body) over POST /graphql,
-- tokens round robin over TOKENS_FILE lines "TOKEN <token>". A 200 without "errors" that contains MUST_CONTAIN counts as ok.
-- done() prints  RESULT requests=.. ok_rps=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. non2xx=.. errors=..
local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    local t = line:match("^TOKEN%s+(%S+)")
    if t then table.insert(tokens, "Bearer " .. t) end
  end
  assert(#tokens > 0, "no TOKEN lines")
  local f = assert(io.open(args[2], "r")); body = f:read("*a"); f:close()
  must = args[3]
  n = 0; ok = 0; bad = 0
end

function request()
  n = n + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = tokens[(n % #tokens) + 1] }
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, headers, body)
  if status == 200 and not body:find('"errors"', 1, true) and body:find(must, 1, true) then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local ok_total, bad_total = 0, 0
  for _, t in ipairs(threads) do ok_total = ok_total + t:get("ok"); bad_total = bad_total + t:get("bad") end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d ok_rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, ok_total / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, bad_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
