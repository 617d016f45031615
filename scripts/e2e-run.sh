#!/usr/bin/env bash
# The web UI's end-to-end tests (web/e2e, node's test runner driving Debian's Chromium through playwright-core)
# against a fresh `./slots run`, which builds the UI when its sources changed. Screenshots of every screen, desktop
# and phone, go to web/e2e-artifacts (git-ignored). Last line: "e2e: N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SLOTS_PORT="${SLOTS_E2E_PORT:-5097}"
WORK="$(mktemp -d)"
LOG="$WORK/run.log"
# shellcheck disable=SC2064 # WORK is fixed now, on purpose
trap "rm -rf '$WORK'" EXIT

fail() { echo "e2e FAILED: $*" >&2; tail -n 40 "$LOG" >&2; exit 1; }

# shellcheck source=scripts/live-run.sh
. "$ROOT/scripts/live-run.sh"

# The host app (samples/host-app, host.test.mjs) on an origin of its own: the components built as their library and
# packed (npm pack), installed into it (npm ci for its own packages, then the packed file, which no lock can pin: it
# is new each build), the app built against this API's origin and served by vite preview. The API allows its origin.
HOST_PORT="${SLOTS_E2E_HOST_PORT:-$((SLOTS_PORT + 10))}"
(cd "$ROOT/web" && npm run --silent build:lib) >&2 || { echo "e2e FAILED: the components' library did not build" >&2; exit 1; }
PACKAGE="$(cd "$ROOT/web/lib" && npm pack --silent --pack-destination "$WORK")"
(cd "$ROOT/samples/host-app" && npm ci --no-audit --no-fund --silent \
  && npm install --no-save --no-audit --no-fund --silent "$WORK/$PACKAGE" \
  && VITE_SLOTS_API="http://127.0.0.1:$SLOTS_PORT" npm run --silent build) >&2 || { echo "e2e FAILED: the host app did not build" >&2; exit 1; }
export Slots__Cors__AllowedOrigins__0="http://127.0.0.1:$HOST_PORT"
! curl -fs "http://127.0.0.1:$HOST_PORT/" > /dev/null 2>&1 || { echo "e2e FAILED: port $HOST_PORT (SLOTS_E2E_HOST_PORT) is taken" >&2; exit 1; }
live_run_in "$WORK"
# Vite itself, not npx (whose child would outlive a kill and keep the port).
(cd "$ROOT/samples/host-app" && exec node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$HOST_PORT" --strictPort) \
  > "$WORK/host.log" 2>&1 &
HOST_PID=$!
# shellcheck disable=SC2064 # WORK and HOST_PID are fixed now, on purpose
trap "kill $HOST_PID 2>/dev/null || true; stop_live_run; rm -rf '$WORK'" EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$HOST_PORT/" > /dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$HOST_PORT/" > /dev/null || fail "the host app was not served on port $HOST_PORT: $(cat "$WORK/host.log")"

status=0
(cd "$ROOT/web" && SLOTS_E2E_URL="http://127.0.0.1:$SLOTS_PORT" SLOTS_E2E_MAIL_URL="http://127.0.0.1:$((SLOTS_PORT + 1))" \
  SLOTS_E2E_HOST_URL="http://127.0.0.1:$HOST_PORT" node --test --test-concurrency=1 --test-reporter=tap e2e/) \
  > "$WORK/tap.txt" 2>&1 || status=$?
cat "$WORK/tap.txt" >&2
pass="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$WORK/tap.txt")"
failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$WORK/tap.txt")"
[ -n "$pass" ] && [ -n "$failed" ] || fail "the end-to-end run reported no counts (exit $status)"
echo "e2e: $pass passed, $failed failed"
exit "$status"
