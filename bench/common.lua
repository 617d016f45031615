-- Shared by the wrk scripts: a number per thread (tid, for per-thread random seeds and ids) and one
-- machine-readable line per run: requests, seconds, p50/p95/p99 in microseconds, errors (sockets,
-- timeouts and every answer that is not 2xx).
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  math.randomseed(os.time() * 100 + tid)
  n = 0
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
