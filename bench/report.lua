-- One machine-readable line per wrk run: requests, seconds, p50/p95/p99 in microseconds, errors
-- (sockets, timeouts and every answer that is not 2xx).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
