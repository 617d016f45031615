#!/usr/bin/env bash
# Smoke test of `./slots run` as a newcomer uses it: start it, walk the README's booking story with
# curl and tokens from `./slots token` (a specialist and two customers, and the cross-user attempts that
# must fail), stop it with SIGTERM, and check that the API and the database it started are gone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SLOTS_PORT="${SLOTS_SMOKE_PORT:-5099}"
B="http://127.0.0.1:$SLOTS_PORT/api/consulting-slots"
LOG="$(mktemp)"
command -v curl >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl; } >&2
CHECKS=0

fail() { echo "smoke FAILED: $*" >&2; tail -n 40 "$LOG" >&2; exit 1; }

# expect STATUS METHOD URL [JSON]: one request as $AS (a bearer token; anonymous when empty), its
# status checked; the body is left in $BODY.
AS=""
expect() {
  local want="$1" method="$2" url="$3" data="${4:-}" got
  local args=(-s -o /tmp/smoke-body -w '%{http_code}' -X "$method" "$url")
  [ -z "$AS" ] || args+=(-H "Authorization: Bearer $AS")
  [ -z "$data" ] || args+=(-H 'Content-Type: application/json' -d "$data")
  got="$(curl "${args[@]}")"
  BODY="$(cat /tmp/smoke-body)"
  [ "$got" = "$want" ] || fail "$method $url: expected $want, got $got: $BODY"
  CHECKS=$((CHECKS + 1))
}

# shellcheck source=scripts/live-run.sh
. "$ROOT/scripts/live-run.sh"
start_live_run "$LOG"
trap 'kill -TERM $RUN_PID 2>/dev/null || true' EXIT
wait_live_run
grep -q "Consulting Slots is running" "$LOG" || sleep 2
grep -q "Consulting Slots is running" "$LOG" || fail "./slots run did not announce itself"

DAY="$(date -u -d '+7 days' +%F)"
RUN="$(date +%s%N)"
SPECIALIST="ann-$RUN@example.com"
ANN="$(token --role specialist --sub "ann-$RUN" --email "$SPECIALIST" --name Ann)"
BEA="$(token --role customer --sub "bea-$RUN" --email bea@example.com --name Bea)"
CAL="$(token --role customer --sub "cal-$RUN" --email cal@example.com --name Cal)"
SLOT='{"date":"'"$DAY"'","startTime":"09:00","endTime":"10:00","totalCapacity":2,"timezone":"Europe/Berlin"}'

# The mail went to ./slots run's smtp4dev: Bea's confirmation with its invite, then her cancellation of it.
MAIL="http://127.0.0.1:$((SLOTS_PORT + 1))"
mail_to_bea() { # SUBJECT-START METHOD: waits up to 20 s for that message to Bea; checks its invite's method
  local id="" i
  for i in $(seq 1 40); do
    id="$(curl -fs "$MAIL/api/messages?pageSize=100" | node -e '
      const page = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const hit = page.results.find((m) => m.to.includes("bea@example.com") && m.subject.startsWith(process.argv[1]));
      process.stdout.write(hit ? hit.id : "");' "$1")" || true
    [ -n "$id" ] && break
    sleep 0.5
  done
  [ -n "$id" ] || fail "no message '$1...' to Bea reached smtp4dev"
  curl -fs "$MAIL/api/messages/$id/raw" | tr -d '\r' | grep -q "^METHOD:$2$" || fail "the message '$1...' carries no METHOD:$2 invite"
  CHECKS=$((CHECKS + 1))
}

AS=""; expect 401 POST "$B" "$SLOT"
AS="$ANN"; expect 201 POST "$B" "$SLOT"
ID="$(sed -E 's/^\{"id":"([^"]+)".*/\1/' <<< "$BODY")"
AS=""; expect 200 GET "${B%/consulting-slots}/specialists/$SPECIALIST/available-slots"
grep -q "$ID" <<< "$BODY" || fail "the new slot is not in the available list"
AS="$BEA"; expect 201 POST "$B/$ID/book" '{}'
mail_to_bea "Booked: " REQUEST
expect 409 POST "$B/$ID/book" '{}'
grep -q '"code":"already_booked"' <<< "$BODY" || fail "a second booking was not already_booked: $BODY"
AS="$CAL"; expect 403 POST "$B/$ID/book" '{"customerId":"bea-'"$RUN"'"}'
expect 201 POST "$B/$ID/book" '{}'
expect 403 DELETE "$B/$ID/book/bea-$RUN"
expect 403 GET "${B%/consulting-slots}/specialists/$SPECIALIST/slots"
AS="$ANN"; expect 200 GET "${B%/consulting-slots}/specialists/$SPECIALIST/slots"
grep -q "\"customerId\":\"bea-$RUN\"" <<< "$BODY" || fail "the specialist list does not show Bea's booking"
expect 409 DELETE "$B/$ID"
AS="$BEA"; expect 204 DELETE "$B/$ID/book/bea-$RUN"
mail_to_bea "Cancelled: " CANCEL
AS="$ANN"; expect 204 DELETE "$B/$ID/book/cal-$RUN"
expect 204 DELETE "$B/$ID"
expect 404 GET "$B/$ID"
AS=""; expect 200 GET "http://127.0.0.1:$SLOTS_PORT/openapi/v1.json"
# Local sign-in is on (the environment is Local), and only this machine's own host names are answered: a name of
# another site re-pointed at 127.0.0.1 (DNS rebinding) gets 400 before anything runs.
expect 200 POST "http://127.0.0.1:$SLOTS_PORT/api/dev/token" '{"role":"customer","id":"smoke-dev","email":"smoke@example.com"}'
rebound="$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: rebind.attacker.example' "http://127.0.0.1:$SLOTS_PORT/api/dev/token" \
  -X POST -H 'Content-Type: application/json' -d '{"role":"admin","id":"x"}')"
[ "$rebound" = 400 ] || fail "a request for another host name got $rebound, not 400"
CHECKS=$((CHECKS + 1))

trap - EXIT
stop_live_run
kill -0 "$RUN_PID" 2>/dev/null && fail "./slots run did not stop within 30 s of SIGTERM"
curl -fs "http://127.0.0.1:$SLOTS_PORT/health/live" > /dev/null 2>&1 && fail "the API still answers after SIGTERM"
grep -q "stopping PostgreSQL" "$LOG" || fail "./slots run did not stop the database it started"
curl -fs "$MAIL/api/messages" > /dev/null 2>&1 && fail "the mail server still answers after SIGTERM"
rm -f "$LOG" /tmp/smoke-body
echo "smoke ok: ./slots run served the README story as a specialist and two customers ($CHECKS checks) and stopped cleanly"
