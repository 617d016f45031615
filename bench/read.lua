-- wrk: GET /available/{email} for a random one of BENCH_SPECIALISTS seeded specialists, anonymously.
local specialists = tonumber(os.getenv("BENCH_SPECIALISTS"))
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  math.randomseed(os.time() * 100 + tid)
end

function request()
  return wrk.format("GET", "/api/consulting-slots/available/bench-" .. math.random(specialists) .. "@example.com")
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
