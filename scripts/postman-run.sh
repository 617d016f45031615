#!/usr/bin/env bash
# Runs the Postman collection (docs/postman) with newman against a fresh `./slots run`, signed in with tokens from
# `./slots token` (a specialist, two customers and an admin service, new for each run). The tokens go to newman in a private
# environment file, never on a command line. Last line: "postman: N assertions, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SLOTS_PORT="${SLOTS_POSTMAN_PORT:-5098}"
NEWMAN="${SLOTS_CONTRACT_TOOLS:-$ROOT/tools/contract/node_modules/.bin}/newman"
WORK="$(mktemp -d)"
chmod 700 "$WORK"
LOG="$WORK/run.log"

fail() { echo "postman FAILED: $*" >&2; tail -n 40 "$LOG" >&2; exit 1; }
[ -x "$NEWMAN" ] || fail "$NEWMAN is missing (./slots test installs it: npm ci in tools/contract)"

# shellcheck source=scripts/live-run.sh
. "$ROOT/scripts/live-run.sh"
live_run_in "$WORK"

RUN="$(date +%s%N)"
export PM_BASE="http://127.0.0.1:$SLOTS_PORT" PM_DAY="$(date -u -d '+7 days' +%F)"
export PM_SPECIALIST="postman-$RUN@example.com" PM_CUSTOMER="bea-$RUN"
export PM_SPECIALIST_TOKEN="$(token --role specialist --sub "ann-$RUN" --email "$PM_SPECIALIST" --name Ann)"
export PM_CUSTOMER_TOKEN="$(token --role customer --sub "bea-$RUN" --email bea@example.com --name Bea)"
export PM_OTHER_TOKEN="$(token --role customer --sub "cal-$RUN" --email cal@example.com --name Cal)"
export PM_ADMIN_TOKEN="$(token --role admin --sub "postman-service-$RUN")"
# The committed environment with this run's values filled in.
(umask 077; node -e '
  const env = require(process.argv[1]);
  const values = { baseUrl: "PM_BASE", day: "PM_DAY", specialistEmail: "PM_SPECIALIST", customerId: "PM_CUSTOMER",
    specialistToken: "PM_SPECIALIST_TOKEN", customerToken: "PM_CUSTOMER_TOKEN", otherCustomerToken: "PM_OTHER_TOKEN",
    adminToken: "PM_ADMIN_TOKEN" };
  for (const v of env.values) if (values[v.key]) v.value = process.env[values[v.key]];
  console.log(JSON.stringify(env));
' "$ROOT/docs/postman/consulting-slots.postman_environment.json" > "$WORK/env.json")

status=0
"$NEWMAN" run "$ROOT/docs/postman/consulting-slots.postman_collection.json" -e "$WORK/env.json" \
  --reporters cli,json --reporter-json-export "$WORK/report.json" --color off >&2 || status=$?
[ -f "$WORK/report.json" ] || fail "newman wrote no report (exit $status)"
node -e '
  const s = require(process.argv[1]).run.stats.assertions;
  console.log(`postman: ${s.total} assertions, ${s.failed} failed`);
' "$WORK/report.json"
exit "$status"
