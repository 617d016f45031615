# Sourced by the scripts that drive a live `./slots run` (smoke-run.sh, postman-run.sh); they set ROOT, SLOTS_PORT
# and a fail function first.

# start_live_run LOG: ./slots run in the background, in a session of its own, its output in LOG; RUN_PID is its pid.
start_live_run() {
  setsid "$ROOT/slots" run > "$1" 2>&1 < /dev/null &
  RUN_PID=$!
}

# Waits until the API answers ready (up to 2 minutes), failing if ./slots run exits first.
wait_live_run() {
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$SLOTS_PORT/health/ready" > /dev/null 2>&1 && return 0
    kill -0 "$RUN_PID" 2>/dev/null || fail "./slots run exited during start-up"
    sleep 0.5
  done
  fail "./slots run was not ready within 2 minutes"
}

# SIGTERM to ./slots run, then up to 30 s for it to stop.
stop_live_run() {
  kill -TERM "$RUN_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.5; done
}

# The README's way to sign in: ./slots token prints the token as its last line.
token() { "$ROOT/slots" token "$@" 2>/dev/null | tail -n 1; }

# live_run_in WORK: ./slots run in the background, its output in WORK/run.log, ready before this returns; when the
# script exits, it is stopped and WORK removed.
live_run_in() {
  start_live_run "$1/run.log"
  # shellcheck disable=SC2064 # WORK is fixed now, on purpose
  trap "stop_live_run; rm -rf '$1'" EXIT
  wait_live_run
}
