#!/usr/bin/env bash
# The web UI's end-to-end tests (web/e2e, node's test runner driving Debian's Chromium through playwright-core)
# against a fresh `./slots run`, which builds the UI when its sources changed. Screenshots of every screen, desktop
# and phone, go to web/e2e-artifacts (git-ignored). Last line: "e2e: N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SLOTS_PORT="${SLOTS_E2E_PORT:-5097}"
WORK="$(mktemp -d)"
LOG="$WORK/run.log"

fail() { echo "e2e FAILED: $*" >&2; tail -n 40 "$LOG" >&2; exit 1; }

# shellcheck source=scripts/live-run.sh
. "$ROOT/scripts/live-run.sh"
live_run_in "$WORK"

status=0
(cd "$ROOT/web" && SLOTS_E2E_URL="http://127.0.0.1:$SLOTS_PORT" SLOTS_E2E_MAIL_URL="http://127.0.0.1:$((SLOTS_PORT + 1))" node --test --test-concurrency=1 --test-reporter=tap e2e/) \
  > "$WORK/tap.txt" 2>&1 || status=$?
cat "$WORK/tap.txt" >&2
pass="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$WORK/tap.txt")"
failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$WORK/tap.txt")"
[ -n "$pass" ] && [ -n "$failed" ] || fail "the end-to-end run reported no counts (exit $status)"
echo "e2e: $pass passed, $failed failed"
exit "$status"
