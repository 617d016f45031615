-- wrk: POST /{slotId}/book as an admin, a new customer every request, on a random slot of the file
-- BENCH_SLOTS (one id per line; a file with one line is the hot slot).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
local ids = {}
for line in io.lines(os.getenv("BENCH_SLOTS")) do ids[#ids + 1] = line end
local run = os.getenv("BENCH_RUN")
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }

function request()
  n = n + 1
  local customer = run .. "-" .. tid .. "-" .. n
  local body = '{"customerId":"' .. customer .. '","customerEmail":"c@bench.example","customerName":"Bench"}'
  return wrk.format("POST", "/api/consulting-slots/" .. ids[math.random(#ids)] .. "/book", headers, body)
end
