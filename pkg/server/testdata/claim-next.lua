-- POST /api/v1/queues/next for each request, for the engineers whose
-- tokens the file named after `--` holds, one a line, in turn. done prints
-- one line for BenchmarkClaimNextWrk: how many calls claimed a ticket (200),
-- found nothing (204) or failed, and their latency in microseconds.

local body = '{"queues":[{"region":"apac-jp","division":"core"},{"region":"apac-jp","division":"sql"},' ..
  '{"region":"apac-jp","division":"yarn"},{"region":"apac-jp","division":"spark"}]}'
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  turn = id
  claimed, empty, failed = 0, 0, 0
end

function request()
  turn = turn + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[turn % #tokens + 1],
  }
  return wrk.format("POST", "/api/v1/queues/next", headers, body)
end

function response(status)
  if status == 200 then
    claimed = claimed + 1
  elseif status == 204 then
    empty = empty + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency)
  local c, e, f = 0, 0, 0
  for _, t in ipairs(threads) do
    c, e, f = c + t:get("claimed"), e + t:get("empty"), f + t:get("failed")
  end
  io.write(string.format("claimed=%d empty=%d failed=%d errors=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d\n",
    c, e, f, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99), latency.max))
end
