-- wrk: GET /api/specialists/{email}/available-slots for a random one of BENCH_SPECIALISTS seeded specialists, anonymously.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
local specialists = tonumber(os.getenv("BENCH_SPECIALISTS"))

function request()
  return wrk.format("GET", "/api/specialists/bench-" .. math.random(specialists) .. "@example.com/available-slots")
end
