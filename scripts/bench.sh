#!/usr/bin/env bash
# The body of `./slots bench` (which starts PostgreSQL and the Release API and passes them in): seeds
# 100,000 slots in SQL, then measures three scenarios at each concurrency, the API over HTTP (wrk) and
# PostgreSQL doing the same work directly (pgbench), interleaved round by round, and prints a table and,
# last, "ratio spread=X hot=Y read=Z" (API throughput over PostgreSQL's, at the highest concurrency).
# With one webhook subscription registered for every event type and a local receiver (scripts/webhook-receiver.mjs)
# taking the deliveries, it also prints the events delivered per second and their delay (event time to arrival) p50/p99
# during the spread scenario, and the CPU each request cost the API process and PostgreSQL. pgbench's bookings write their
# events under a type no subscription names, so the API process delivers only its own events and the PostgreSQL side is
# not slowed by deliveries.
# The API mails every booking (its notifier on, to a sink that keeps nothing): the report gives the notifications sent per
# second during the spread scenario and their lag from the event (p50/p99). `bench.sh mail-round on|off` measures the
# spread bookings once on an API started with the notifier on or off (./slots bench alternates them), and
# `bench.sh mail-report FILE` compares what those rounds printed (BENCH_MAIL_SECONDS, 15, each). `bench.sh streams-round
# on|off` measures the spread bookings once with BENCH_STREAMS (1,000) live seat streams open on the API, or none, and the
# time from each booking's event to its arrival on a stream (scripts/stream-clients.mjs); `bench.sh streams-report FILE`
# compares them (BENCH_STREAM_SECONDS, 15, each).
# Inputs: PG_BIN, PG_PORT, BENCH_API, BENCH_API_PID, BENCH_TOKEN; BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CLIENTS ("32 64"),
# BENCH_WARMUP (20 s of load before measuring), BENCH_SCALE (1; 0 skips the 1,000,000-slot part, for quick
# comparisons while tuning), BENCH_STATEMENTS (1: pg_stat_statements is loaded; each run's statements are kept and the
# report lists them per request, the API's against pgbench's, BENCH_STATEMENTS_TOP (12) lines a side), BENCH_ONLY (mail, streams, scale or ab: seed, skip the scenarios, so that ./slots bench runs only those rounds;
# ab compares an API started with BENCH_AB's settings, VAR=VALUE ..., against one without, `bench.sh ab-round a|b ROUND`
# and `bench.sh ab-report FILE`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BENCH_DIR="$ROOT/bench"
SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
ROUNDS="${BENCH_ROUNDS:-3}"
CLIENTS="${BENCH_CLIENTS:-32 64}"
TOP_CLIENTS="$(tr ' ' '\n' <<< "$CLIENTS" | sort -n | tail -n 1)"
W="$(mktemp -d)"
RECEIVER_PID=""
trap '[ -z "$RECEIVER_PID" ] || kill "$RECEIVER_PID" 2>/dev/null; rm -rf "$W"' EXIT
RECEIVER_PORT="${BENCH_RECEIVER_PORT:-5099}"
RECEIVER="http://127.0.0.1:$RECEIVER_PORT"
: > "$W/spread-windows"
RESULTS="$W/results"
: > "$RESULTS"

log() { printf '[bench] %s\n' "$*" >&2; }
pg() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d slots_bench "$@"; }

# percentiles FILE: p50 p95 p99 of the microsecond values in FILE, in milliseconds.
percentiles() {
  sort -n "$1" | awk '{v[NR]=$1} END {
    if (NR == 0) { print "0 0 0"; exit }
    split("50 95 99", p, " ")
    for (i = 1; i <= 3; i++) { k = int(NR * p[i] / 100 + 0.999999); if (k < 1) k = 1; printf "%.1f ", v[k] / 1000 }
    print ""
  }'
}

# wrk_run SCRIPT CLIENTS SECONDS [VAR=VALUE...]: prints "req/s p50 p95 p99 errors", of $BENCH_API (or WRK_URL), its
# output in WRK_OUT (or $W/wrk.out).
wrk_run() {
  local script="$1" c="$2" secs="$3" out="${WRK_OUT:-$W/wrk.out}"; shift 3
  env "$@" BENCH_RUN="r$RANDOM$RANDOM" wrk -t2 -c"$c" -d"${secs}s" --timeout 10s -s "$BENCH_DIR/$script" "${WRK_URL:-$BENCH_API}" > "$out" 2>&1 \
    || { cat "$out" >&2; return 1; }
  awk '/^RESULT/ { printf "%.1f %.1f %.1f %.1f %d\n", $2 / $3, $4 / 1000, $5 / 1000, $6 / 1000, $7 }' "$out"
}

# pgbench_run SCRIPT CLIENTS SECONDS [-D VAR=VALUE...]: prints "tx/s p50 p95 p99 errors".
pgbench_run() {
  local script="$1" c="$2" secs="$3"; shift 3
  rm -f "$W"/pgb.*
  "$PG_BIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$c" -j 2 -T "$secs" -l --log-prefix="$W/pgb" \
    -f "$BENCH_DIR/$script" "$@" slots_bench > "$W/pgbench.out" 2>&1 || { cat "$W/pgbench.out" >&2; return 1; }
  cat "$W"/pgb.* | awk '{print $3}' > "$W/latencies"
  local tps failed
  tps="$(awk '/^tps = / {print $3; exit}' "$W/pgbench.out")"
  failed="$(awk -F'[: ]+' '/number of failed transactions/ {print $5; exit}' "$W/pgbench.out")"
  echo "$tps $(percentiles "$W/latencies")${failed:-0}"
}

# The API process's CPU time, and PostgreSQL's (its live processes' and what the postmaster has collected from those that
# ended, such as pgbench's backends), in clock ticks.
api_ticks() { awk '{print $14 + $15}' "/proc/$BENCH_API_PID/stat"; }
pg_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" {t += $14 + $15 + $16 + $17} END {print t + 0}'; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

# measure SCENARIO CLIENTS KIND ROUND: one run, appended to the results with the CPU microseconds per request of the API
# process (0 for pgbench's runs) and of PostgreSQL.
measure() {
  local scenario="$1" c="$2" kind="$3" round="$4" line api0 pg0 api1 pg1
  [ "${BENCH_STATEMENTS:-0}" = 0 ] || pg -tAc "SELECT pg_stat_statements_reset()" > /dev/null
  api0="$(api_ticks)"; pg0="$(pg_ticks)"
  case "$scenario/$kind" in
    spread/api)
      local from to
      from="$(date +%s%3N)"
      line="$(wrk_run book.lua "$c" "$SECONDS_PER_RUN" BENCH_SLOTS="$W/slots.txt")"
      to="$(date +%s%3N)"
      echo "$c $from $to" >> "$W/spread-windows" ;;
    hot/api) line="$(wrk_run book.lua "$c" "$SECONDS_PER_RUN" BENCH_SLOTS="$W/hot.txt")" ;;
    read/api) line="$(wrk_run read.lua "$c" "$SECONDS_PER_RUN" BENCH_SPECIALISTS="$SPECIALISTS")" ;;
    spread/postgres) line="$(pgbench_run book.sql "$c" "$SECONDS_PER_RUN" -D lo=1 -D hi="$SLOT_COUNT")" ;;
    hot/postgres) line="$(pgbench_run book.sql "$c" "$SECONDS_PER_RUN" -D lo=0 -D hi=0)" ;;
    read/postgres) line="$(pgbench_run read.sql "$c" "$SECONDS_PER_RUN" -D specialists="$SPECIALISTS")" ;;
  esac
  api1="$(api_ticks)"; pg1="$(pg_ticks)"
  line="$line $(awk -v r="${line%% *}" -v s="$SECONDS_PER_RUN" -v a=$((api1 - api0)) -v p=$((pg1 - pg0)) -v k="$kind" -v t="$TICK_US" \
    'BEGIN { n = r * s; printf "%.0f %.0f", (k == "api" && n > 0 ? a * t / n : 0), (n > 0 ? p * t / n : 0) }')"
  echo "$scenario $c $kind $round $line" >> "$RESULTS"
  log "$scenario c=$c $kind round $round: $line"
  [ "${BENCH_STATEMENTS:-0}" = 0 ] || keep_statements "$W/statements/$scenario.$c.$kind.$round" "$(awk -v r="${line%% *}" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.0f", r * s }')"
}

# keep_statements FILE REQUESTS: what pg_stat_statements counted in the bench's database since the run's reset (the API's
# background work included), one statement a line: calls, exec ms, rows, blocks, text; the run's requests first.
keep_statements() {
  mkdir -p "$W/statements"
  { echo "$2"
    pg -tA -F $'\t' -c "SELECT calls, round(total_exec_time::numeric, 3), rows, shared_blks_hit + shared_blks_read + local_blks_hit + local_blks_read,
                               left(regexp_replace(query, '\s+', ' ', 'g'), 110)
                        FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'slots_bench') AND query NOT LIKE '%pg_stat_statements%'"
  } > "$1"
}

# statements_table SCENARIO CLIENTS ROUND: the API's and pgbench's statements of that run, per request, the costliest first.
statements_table() {
  local side file
  echo
  echo "Statements per request, $1 at $2 clients, round $3 (pg_stat_statements; exec time is time inside the executor, lock waits included; the API's background work counts):"
  echo "| side | calls | exec µs | µs per call | rows per call | blocks | statement |"
  echo "|---|---|---|---|---|---|---|"
  for side in api postgres; do
    file="$W/statements/$1.$2.$side.$3"
    [ -s "$file" ] || continue
    awk -F'\t' -v side="$side" 'NR == 1 { n = $1; next } n > 0 {
        printf "%s\t%.3f\t%.1f\t%.1f\t%.2f\t%.1f\t%s\n", side, $1 / n, $2 * 1000 / n, ($1 > 0 ? $2 * 1000 / $1 : 0), ($1 > 0 ? $3 / $1 : 0), $4 / n, $5
        calls += $1; ms += $2 }
      END { if (n > 0) printf "%s\t%.3f\t%.1f\t-\t-\t-\t(all statements)\n", side, calls / n, ms * 1000 / n }' "$file" \
      | sort -t$'\t' -k3,3gr | head -n "${BENCH_STATEMENTS_TOP:-12}" \
      | awk -F'\t' '{ gsub(/\|/, "\\|", $7); printf "| %s | %s | %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5, $6, $7 }'
  done
}

# settle: the webhook deliveries of the runs before it (and of the warm-up) all received, then VACUUM (ANALYZE) and
# CHECKPOINT, so that every scenario starts from the same state instead of inheriting the previous one's work: a
# backlog of deliveries still being sent (which the next API runs would pay for, and whose events would delay theirs),
# the maintenance its writes triggered (autovacuum after thousands of inserted bookings, hint bits on freshly seeded
# pages), whichever side it then lands on.
settle() {
  local start=$SECONDS
  await_delivery 120 || log "WARNING: $(undelivered) events still undelivered after 120 s"
  await_notifications 120 || log "WARNING: $(unmailed) notifications still due after 120 s"
  log "settling: the webhook and mail backlogs sent (waited $((SECONDS - start)) s); VACUUM (ANALYZE) slots, bookings, notifications; CHECKPOINT"
  pg -c "VACUUM (ANALYZE) slots, bookings, notifications" -c "CHECKPOINT"
}

# unmailed: events the notifier has not read yet, and notifications due and not sent (0 once the mail backlog is sent).
unmailed() {
  pg -tAc "SELECT (SELECT count(*) FROM events e, notification_fanout f WHERE f.id = 1 AND (e.tx, e.seq) > (f.tx, f.seq))
                + (SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending') AND next_attempt_at <= now())"
}

# await_none SECONDS COUNTER: waits until COUNTER (a function) prints 0; fails if that takes longer.
await_none() {
  local start=$SECONDS
  while [ "$("$2")" -gt 0 ]; do
    [ $((SECONDS - start)) -ge "$1" ] && return 1
    sleep 0.2
  done
}

# await_notifications SECONDS: the mail backlog sent.
await_notifications() { await_none "$1" unmailed; }

# Both sides of a scenario, ROUNDS times, the order alternating so neither always runs on a warmer cache.
pair() {
  local scenario="$1" c="$2" round
  settle
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then measure "$scenario" "$c" api "$round"; measure "$scenario" "$c" postgres "$round"
    else measure "$scenario" "$c" postgres "$round"; measure "$scenario" "$c" api "$round"; fi
  done
}

# median FIELD SCENARIO CLIENTS KIND [FILE]
median() {
  awk -v f="$1" -v s="$2" -v c="$3" -v k="$4" '$1 == s && $2 == c && $3 == k {print $f}' "${5:-$RESULTS}" | sort -g \
    | awk '{v[NR]=$1} END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

errors() { awk -v s="$1" -v c="$2" -v k="$3" '$1 == s && $2 == c && $3 == k {e += $9} END {print e + 0}' "${4:-$RESULTS}"; }

# paired_ratios KIND FILE: "KIND on/off per round: R1 R2 ...; median M (goal >= 0.90)" for the KIND rounds in FILE, each
# round's on over its off. Each round ran both sides back to back (in alternating order), so the VM's drift between rounds
# cancels in a round's own ratio: their median is the paired estimate.
paired_ratios() {
  local ratios
  ratios="$(awk -v k="$1" -v c="$TOP_CLIENTS" '$1 == k && $2 == c { if ($3 == "on") on[++n] = $4; else off[++m] = $4 }
    END { for (i = 1; i <= n && i <= m; i++) if (off[i] > 0) printf "%.3f\n", on[i] / off[i] }' "$2")"
  echo "$1 on/off per round: $(echo "$ratios" | paste -sd ' '); median $(echo "$ratios" | median_of) (goal >= 0.90)"
}
# median_of: the median of the numbers on stdin, one a line, to two decimals (0 for none).
median_of() {
  sort -g | awk '{v[NR]=$1} END { if (NR == 0) print 0; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One spread run at the top concurrency on an API whose notifier is on or off ($2), after a warm-up, the mail backlog of
# the rounds before sent (when on) and the same VACUUM and CHECKPOINT: prints "mail CLIENTS MODE req/s p50 p99", a line
# in the results' shape, for median.
if [ "${1:-}" = mail-round ]; then
  pg -tAc "SELECT id FROM bench_slots WHERE n > 0" > "$W/slots.txt"
  wrk_run book.lua 32 "${BENCH_WARMUP:-20}" BENCH_SLOTS="$W/slots.txt" > /dev/null
  [ "$2" = off ] || await_notifications 300 || log "WARNING: $(unmailed) notifications still due after 300 s"
  pg -c "VACUUM (ANALYZE) slots, bookings, notifications" -c "CHECKPOINT"
  # Longer than a scenario's run: each round restarts the API, and a 5 s run swung by a factor of three.
  read -r rate p50 _ p99 _ <<< "$(wrk_run book.lua "$TOP_CLIENTS" "${BENCH_MAIL_SECONDS:-15}" BENCH_SLOTS="$W/slots.txt")"
  log "mail $2: $rate bookings/s, p50 $p50 ms, p99 $p99 ms"
  echo "mail $TOP_CLIENTS $2 $rate $p50 $p99"
  exit 0
fi
# One round of an A/B comparison (BENCH_ONLY=ab): on an API started with BENCH_AB's settings (side $2 = a) or without
# them (b), in round $3, a spread run and then a read run at the top concurrency (BENCH_AB_SECONDS, 15, each), each after
# a warm-up, with the mail backlog of the runs before sent (both sides mail, so both wait for it: a side that did not
# would run while the round before's mail is still being sent) and, before the bookings, the same VACUUM and CHECKPOINT.
# Prints each run as a results line with the side in place of the kind: "SCENARIO CLIENTS SIDE ROUND req/s p50 p95 p99
# errors api-us pg-us".
if [ "${1:-}" = ab-round ]; then
  SECONDS_PER_RUN="${BENCH_AB_SECONDS:-15}"
  RESULTS="$W/ab"
  SPECIALISTS="$(pg -tAc "SELECT count(*) FROM specialists WHERE email LIKE 'bench-%'")"
  pg -tAc "SELECT id FROM bench_slots WHERE n > 0" > "$W/slots.txt"
  wrk_run book.lua 32 "${BENCH_WARMUP:-20}" BENCH_SLOTS="$W/slots.txt" > /dev/null
  await_notifications 300 || log "WARNING: $(unmailed) notifications still due after 300 s"
  pg -c "VACUUM (ANALYZE) slots, bookings, notifications" -c "CHECKPOINT" > /dev/null
  measure spread "$TOP_CLIENTS" api "$3"
  await_notifications 300 || log "WARNING: $(unmailed) notifications still due after 300 s"
  wrk_run read.lua 32 "${BENCH_WARMUP:-20}" BENCH_SPECIALISTS="$SPECIALISTS" > /dev/null
  measure read "$TOP_CLIENTS" api "$3"
  awk -v side="$2" '{ $3 = side; print }' "$RESULTS"
  exit 0
fi
if [ "${1:-}" = ab-report ]; then
  echo
  echo "A/B: side a with $BENCH_AB, side b without; $TOP_CLIENTS clients, an API started for each side in each round, the"
  echo "sides alternating first; runs of ${BENCH_AB_SECONDS:-15} s; medians of $(awk '$1 == "spread" && $3 == "a"' "$2" | wc -l) rounds:"
  echo "| scenario | side | per s | p50 ms | p99 ms | API CPU µs per request | PostgreSQL CPU µs per request |"
  echo "|---|---|---|---|---|---|---|"
  for scenario in spread read; do
    for side in a b; do
      echo "| $scenario | $side | $(for f in 5 6 8 10 11; do median "$f" "$scenario" "$TOP_CLIENTS" "$side" "$2"; done | paste -sd '|' | sed 's/|/ | /g') |"
    done
  done
  for scenario in spread read; do
    ratios="$(awk -v s="$scenario" '$1 == s { if ($3 == "a") a[$4] = $5; else b[$4] = $5 }
      END { for (r in a) if (b[r] > 0) printf "%s %.3f\n", r, a[r] / b[r] }' "$2" | sort -n | awk '{print $2}')"
    echo "$scenario a/b per round: $(echo "$ratios" | paste -sd ' '); median $(echo "$ratios" | median_of)"
  done
  exit 0
fi
# One spread run at the top concurrency with BENCH_STREAMS seat streams open ($2 on) or none (off), after a warm-up, the
# mail backlog sent and the same VACUUM and CHECKPOINT: prints "streams CLIENTS MODE req/s p50 p99 rss-MB lag-p50 lag-p99 open dropped api-us
# clients-%", a line in the results' shape, for median. The lag is each stream event's arrival less its event's time (the
# booking's moment); api-us the API process's CPU per booking, clients-% the stream clients' share of one core.
# The scale-out figure: the customers' view read at the top concurrency through the API processes at URL... at once (the
# connections split evenly, one wrk each), after a warm-up (SCALE_WARM_SECONDS, 5); prints "scale LABEL PROCESSES reads/s p99": the reads of all
# processes per second, and the slowest process's p99.
if [ "${1:-}" = scale-round ]; then
  label="$2"; shift 2
  specialists="$(pg -tAc "SELECT count(*) FROM specialists WHERE email LIKE 'bench-%'")"
  each=$(( (TOP_CLIENTS + $# - 1) / $# ))
  for phase in warm measure; do
    n=0
    for url in "$@"; do
      n=$((n + 1))
      WRK_URL="$url" WRK_OUT="$W/wrk-$n.out" wrk_run read.lua "$each" "$([ "$phase" = warm ] && echo "${SCALE_WARM_SECONDS:-5}" || echo "$SECONDS_PER_RUN")" \
        BENCH_SPECIALISTS="$specialists" > "$W/scale-$n" &
    done
    wait
  done
  cat "$W"/scale-[0-9]* | awk -v l="$label" -v n="$#" '{ rate += $1; if ($4 > p99) p99 = $4 } END { printf "scale %s %d %.1f %.1f\n", l, n, rate, p99 }'
  rm -f "$W"/scale-[0-9]*
  exit 0
fi
# One run of spread bookings through the API at URL ($3) at the top concurrency, after WARM seconds ($4, 0: none) of the
# same: prints "book LABEL 1 bookings/s p99".
if [ "${1:-}" = scale-book ]; then
  pg -tAc "SELECT id FROM bench_slots WHERE n > 0" > "$W/slots.txt"
  [ "${4:-0}" = 0 ] || WRK_URL="$3" wrk_run book.lua "$TOP_CLIENTS" "$4" BENCH_SLOTS="$W/slots.txt" > /dev/null
  read -r rate _ _ p99 _ <<< "$(WRK_URL="$3" wrk_run book.lua "$TOP_CLIENTS" "$SECONDS_PER_RUN" BENCH_SLOTS="$W/slots.txt")"
  echo "book $2 1 $rate $p99"
  exit 0
fi
if [ "${1:-}" = scale-report ]; then
  echo
  echo "Scale-out, the customers' view at $TOP_CLIENTS clients (medians of $ROUNDS runs of ${SECONDS_PER_RUN} s; p99 of the slowest process):"
  echo "| API processes | reads from | reads per s | p99 ms |"
  echo "|---|---|---|---|"
  for label in primary standby; do
    for n in 1 3; do
      awk -v l="$label" -v n="$n" '$2 == l && $3 == n' "$2" > "$W/scale-rows"
      [ -s "$W/scale-rows" ] || continue
      printf '| %s | %s | %.0f | %.1f |\n' "$n" "$([ "$label" = primary ] && echo "the primary" || echo "the standby (prefer-standby)")" \
        "$(median 4 scale "$label" "$n" "$W/scale-rows")" "$(median 5 scale "$label" "$n" "$W/scale-rows")"
    done
  done
  echo
  echo "What a standby costs a booking: spread bookings at $TOP_CLIENTS clients through one API process (medians of $ROUNDS runs):"
  echo "| connection | replication | bookings per s | p99 ms |"
  echo "|---|---|---|---|"
  for label in primary standby-async standby-sync; do
    case "$label" in
      primary) what="the primary alone | none" ;;
      standby-async) what="both nodes, reads from the standby (a position asked for after each commit) | asynchronous" ;;
      standby-sync) what="both nodes, as \`./slots run --ha\` | synchronous (\`COMMIT\` waits for the standby)" ;;
    esac
    printf '| %s | %.0f | %.1f |\n' "$what" "$(median 4 book "$label" 1 "$2")" "$(median 5 book "$label" 1 "$2")"
  done
  exit 0
fi
if [ "${1:-}" = streams-round ]; then
  # cpu_ticks PID: the process's user and system CPU so far, in clock ticks (0 when it is gone).
  cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
  pg -tAc "SELECT id FROM bench_slots WHERE n > 0" > "$W/slots.txt"
  wrk_run book.lua 32 "${BENCH_WARMUP:-20}" BENCH_SLOTS="$W/slots.txt" > /dev/null
  # The mail of the warm-up and the rounds before is sent first: a backlog drained during one side's run and not the
  # other's weighed more than the streams (pairs from 0.62 to 1.23 before this wait).
  await_notifications 300 || log "WARNING: $(unmailed) notifications still due after 300 s"
  clients=""
  if [ "$2" = on ]; then
    node "$ROOT/scripts/stream-clients.mjs" --url "$BENCH_API" --count "${BENCH_STREAMS:-1000}" --specialists 1000 --out "$W/arrivals" &
    clients=$!
    for _ in $(seq 1 120); do
      [ "$(awk '{print $2}' "$W/arrivals.summary" 2>/dev/null)" = "${BENCH_STREAMS:-1000}" ] && break
      sleep 0.5
    done
    log "streams open: $(cat "$W/arrivals.summary" 2>/dev/null)"
  fi
  pg -c "VACUUM (ANALYZE) slots, bookings" -c "CHECKPOINT"
  from="$(date +%s%3N)"
  api_before="$(cpu_ticks "$BENCH_API_PID")"
  clients_before="$([ -n "$clients" ] && cpu_ticks "$clients" || echo 0)"
  read -r rate p50 _ p99 _ <<< "$(wrk_run book.lua "$TOP_CLIENTS" "${BENCH_STREAM_SECONDS:-15}" BENCH_SLOTS="$W/slots.txt")"
  to="$(date +%s%3N)"
  hz="$(getconf CLK_TCK)"
  api_us="$(awk -v t="$(( $(cpu_ticks "$BENCH_API_PID") - api_before ))" -v hz="$hz" -v r="$rate" -v s="${BENCH_STREAM_SECONDS:-15}" \
    'BEGIN { printf "%.0f", (r > 0 ? t / hz * 1e6 / (r * s) : 0) }')"
  clients_pct="$(awk -v t="$(( $([ -n "$clients" ] && cpu_ticks "$clients" || echo 0) - clients_before ))" -v hz="$hz" -v ms="$(( to - from ))" \
    'BEGIN { printf "%.1f", (ms > 0 ? t / hz * 100000 / ms : 0) }')"
  rss="$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$BENCH_API_PID/status")"
  lag="0 0"
  summary="open 0 dropped 0"
  if [ -n "$clients" ]; then
    sleep 2
    kill -TERM "$clients"
    wait "$clients" || true
    summary="$(cat "$W/arrivals.summary")"
    lag="$(pg -tA -F ' ' -c "CREATE TEMP TABLE arrivals (position text, at bigint)" -c "\\copy arrivals FROM '$W/arrivals' WITH (DELIMITER ' ')" -c "
      SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag))::int, round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag))::int
      FROM (SELECT a.at - extract(epoch FROM e.time) * 1000 AS lag FROM arrivals a
            JOIN events e ON e.tx = split_part(a.position, '-', 1)::xid8 AND e.seq = split_part(a.position, '-', 2)::bigint
            WHERE e.time >= to_timestamp($from / 1000.0) AND e.time < to_timestamp($to / 1000.0)) l" | tail -n 1)"
  fi
  log "streams $2: $rate bookings/s, p50 $p50 ms, p99 $p99 ms, API RSS $rss MB, stream lag p50/p99 $lag ms, API CPU $api_us µs per booking, clients $clients_pct % of a core ($summary)"
  echo "streams $TOP_CLIENTS $2 $rate $p50 $p99 $rss $lag $(awk '{print $2, $4}' <<< "$summary") $api_us $clients_pct"
  exit 0
fi
if [ "${1:-}" = streams-report ]; then
  stream_median() { median "$2" streams "$TOP_CLIENTS" "$1" "$3"; }
  echo
  echo "Booking throughput with ${BENCH_STREAMS:-1000} live seat streams open and with none (spread, $TOP_CLIENTS clients, one API, alternating; median of $(grep -c "^streams $TOP_CLIENTS on" "$2") runs each):"
  echo "| streams | bookings per s | p50 ms | p99 ms | API RSS MB | API CPU µs per booking | clients' CPU % of a core | event to stream p50 ms | p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for mode in off on; do
    if [ "$mode" = on ]; then lags="$(stream_median on 8 "$2") | $(stream_median on 9 "$2")"; else lags="- | -"; fi
    echo "| $mode | $(stream_median "$mode" 4 "$2") | $(stream_median "$mode" 5 "$2") | $(stream_median "$mode" 6 "$2") | $(stream_median "$mode" 7 "$2") | $(stream_median "$mode" 12 "$2") | $(stream_median "$mode" 13 "$2") | $lags |"
  done
  paired_ratios streams "$2"
  exit 0
fi
if [ "${1:-}" = mail-report ]; then
  mail_median() { median "$2" mail "$TOP_CLIENTS" "$1" "$3"; }
  echo
  echo "Booking throughput with the notifier on and off (spread, $TOP_CLIENTS clients, an API started each way, alternating; median of $(grep -c "^mail $TOP_CLIENTS on" "$2") runs each):"
  echo "| notifier | bookings per s | p50 ms | p99 ms |"
  echo "|---|---|---|---|"
  for mode in off on; do echo "| $mode | $(mail_median "$mode" 4 "$2") | $(mail_median "$mode" 5 "$2") | $(mail_median "$mode" 6 "$2") |"; done
  echo "mail on/off=$(awk -v a="$(mail_median on 4 "$2")" -v b="$(mail_median off 4 "$2")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }') (goal >= 0.90)"
  paired_ratios mail "$2"
  exit 0
fi

log "seeding 100,000 slots for 1,000 specialists in SQL"
[ "${BENCH_STATEMENTS:-0}" = 0 ] || pg -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
pg -v first=1 -v count=1000 -f "$BENCH_DIR/seed.sql"
pg -f "$BENCH_DIR/hot.sql"
SPECIALISTS=1000
SLOT_COUNT="$(pg -tAc "SELECT max(n) FROM bench_slots")"
pg -tAc "SELECT id FROM bench_slots WHERE n > 0" > "$W/slots.txt"
pg -tAc "SELECT id FROM bench_slots WHERE n = 0" > "$W/hot.txt"

# BENCH_ONLY=mail, streams or scale: the data those rounds use, and nothing else (./slots bench then runs only them).
if [ -n "${BENCH_ONLY:-}" ]; then
  log "BENCH_ONLY=$BENCH_ONLY: seeded; the scenarios are skipped"
  exit 0
fi

log "subscribing a local receiver ($RECEIVER) to every event type"
SUBSCRIPTION="$(curl -fsS -X POST "$BENCH_API/api/webhooks" -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\": \"$RECEIVER/hooks\", \"types\": [\"slots.slot.created\", \"slots.slot.changed\", \"slots.slot.deleted\", \"slots.booking.created\", \"slots.booking.cancelled\", \"slots.series.created\", \"slots.series.changed\", \"slots.series.deleted\"], \"description\": \"bench\"}")"
# The receiver stands in for a service on another machine. Here it shares two cores with wrk, 64 PostgreSQL backends and
# the API, and a single thread among ~70 busy ones got too little of them to keep up; so it runs at a higher scheduling
# priority when the bench may give it one (as root), and the report says which.
RECEIVER_NICE=0
[ "$(id -u)" = 0 ] && RECEIVER_NICE=-10
WEBHOOK_SECRET="$(node -e 'console.log(JSON.parse(process.argv[1]).secret)' "$SUBSCRIPTION")" \
  nice -n "$RECEIVER_NICE" node "$ROOT/scripts/webhook-receiver.mjs" --port "$RECEIVER_PORT" --stats 2> "$W/receiver.log" &
RECEIVER_PID=$!
for _ in $(seq 1 50); do curl -fs "$RECEIVER/stats" > /dev/null 2>&1 && break; sleep 0.1; done

# webhook_figures CLIENTS: "delivered/s p50 p99 max" for the spread runs at CLIENTS: the events whose time lies in those
# runs, as the receiver has them, per second of run, and their delays in ms (the median run's p50, the worst run's p99
# and max).
webhook_figures() {
  local c="$1" from to seconds=0 lags=""
  while read -r wc from to; do
    [ "$wc" = "$c" ] || continue
    seconds="$(awk -v s="$seconds" -v a="$from" -v b="$to" 'BEGIN { print s + (b - a) / 1000 }')"
    lags="$lags$(curl -fsS "$RECEIVER/stats?from=$from&to=$to")"$'\n'
  done < "$W/spread-windows"
  node -e '
    const windows = process.argv[2].trim().split("\n").map((l) => JSON.parse(l));
    const count = windows.reduce((n, w) => n + w.count, 0);
    const p50s = windows.map((w) => w.p50).sort((a, b) => a - b);
    console.log([(count / Number(process.argv[1])).toFixed(0), p50s[Math.floor(p50s.length / 2)],
      Math.max(...windows.map((w) => w.p99)), Math.max(...windows.map((w) => w.max))].join(" "));
  ' "$seconds" "$lags"
}

# undelivered: the events the API wrote that the receiver does not have (0 once all are delivered).
undelivered() {
  echo $(( $(pg -tAc "SELECT count(*) FROM events WHERE type LIKE 'slots.%'") - $(curl -fsS "$RECEIVER/stats" | node -p 'JSON.parse(require("fs").readFileSync(0)).count') ))
}

# await_delivery SECONDS: the receiver has every event the API wrote.
await_delivery() { await_none "$1" undelivered; }

# The API keeps getting faster for a while under load (the JIT's tiering and profile-guided rewrites
# compete with the load for 2 cores); 6 s of warm-up left the first rounds up to 40% slower than the last.
log "warming up the API and the database"
wrk_run book.lua 32 "${BENCH_WARMUP:-20}" BENCH_SLOTS="$W/slots.txt" > /dev/null
wrk_run book.lua 32 5 BENCH_SLOTS="$W/hot.txt" > /dev/null
wrk_run read.lua 32 "${BENCH_WARMUP:-20}" BENCH_SPECIALISTS="$SPECIALISTS" > /dev/null
pgbench_run book.sql 16 2 -D lo=1 -D hi="$SLOT_COUNT" > /dev/null
pgbench_run read.sql 16 2 -D specialists="$SPECIALISTS" > /dev/null

for c in $CLIENTS; do
  for scenario in spread hot read; do pair "$scenario" "$c"; done
done

# Raw PostgreSQL at small pool sizes too (BENCH_RAW_POOLS, "4 8 16"; the API's own pool is 8): on 2 cores a backend costs
# more than it brings past a few, so each API figure is also set against raw PostgreSQL at its best in this run (the
# ratio-best line), not only against it at the same number of clients.
RAW_POOLS="$(tr ' ' '\n' <<< "${BENCH_RAW_POOLS:-4 8 16}" | grep -vxF -f <(tr ' ' '\n' <<< "$CLIENTS") | paste -sd ' ' || true)"
for scenario in spread hot read; do
  [ -n "$RAW_POOLS" ] || break
  settle
  for round in $(seq 1 "$ROUNDS"); do
    for p in $RAW_POOLS; do measure "$scenario" "$p" postgres "$round"; done
  done
done

if [ "${BENCH_SCALE:-1}" = 1 ]; then
  log "scale: seeding 900,000 more slots (1,000,000 in all) for the read query"
  pg -v first=1001 -v count=9000 -f "$BENCH_DIR/seed.sql"
  SPECIALISTS=10000
  cp "$RESULTS" "$W/results-100k"
  : > "$RESULTS"
  wrk_run read.lua 16 3 BENCH_SPECIALISTS="$SPECIALISTS" > /dev/null
  pair read "$TOP_CLIENTS"
  PLAN="$(pg -tAc "EXPLAIN (ANALYZE, BUFFERS) SELECT s.id FROM slots AS s WHERE s.specialist_email = 'bench-$((RANDOM % 10000 + 1))@example.com' AND s.status = 'active' AND s.starts_at > now() AND s.booked_count < s.total_capacity AND s.date >= current_date AND s.date <= current_date + 30 ORDER BY s.starts_at LIMIT 101")"
  mv "$W/results-100k" "$W/results-main"
  cp "$RESULTS" "$W/results-1m"
else
  cp "$RESULTS" "$W/results-main"
fi

# The report.
row() {
  local s="$1" c="$2" k="$3" file="$4"
  printf '| %-6s | %3s | %-8s | %8.0f | %6.1f | %6.1f | %6.1f | %6s |\n' "$s" "$c" "$k" \
    "$(median 5 "$s" "$c" "$k" "$file")" "$(median 6 "$s" "$c" "$k" "$file")" "$(median 7 "$s" "$c" "$k" "$file")" \
    "$(median 8 "$s" "$c" "$k" "$file")" "$(errors "$s" "$c" "$k" "$file")"
}
ratio() { awk -v a="$(median 5 "$1" "$2" api "$3")" -v p="$(median 5 "$1" "$2" postgres "$3")" 'BEGIN { printf "%.2f", (p > 0 ? a / p : 0) }'; }
# best SCENARIO FILE: "per-s clients": raw PostgreSQL's best median in FILE, at whichever number of clients it came.
best() {
  local c out="0 0"
  for c in $(awk -v s="$1" '$1 == s && $3 == "postgres" {print $2}' "$2" | sort -un); do
    out="$(awk -v m="$(median 5 "$1" "$c" postgres "$2")" -v c="$c" -v o="$out" 'BEGIN { split(o, b, " "); print (m > b[1] ? m " " c : o) }')"
  done
  echo "$out"
}
# ratio_best SCENARIO CLIENTS FILE: the API's throughput at CLIENTS over raw PostgreSQL's best.
ratio_best() { awk -v a="$(median 5 "$1" "$2" api "$3")" -v p="$(best "$1" "$3" | cut -d' ' -f1)" 'BEGIN { printf "%.2f", (p > 0 ? a / p : 0) }'; }

echo
echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $("$PG_BIN/postgres" --version); $(dotnet --version | sed 's/^/.NET SDK /')"
echo "Each figure is the median of $ROUNDS runs of ${SECONDS_PER_RUN} s; API = HTTP through wrk, postgres = the same SQL through pgbench (-M prepared)."
echo
echo "| scenario | clients | side | per s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|---|---|"
for c in $CLIENTS; do
  for s in spread hot read; do row "$s" "$c" api "$W/results-main"; row "$s" "$c" postgres "$W/results-main"; done
done
for c in $RAW_POOLS; do
  for s in spread hot read; do row "$s" "$c" postgres "$W/results-main"; done
done
echo
for c in $CLIENTS; do
  echo "API/postgres throughput at $c clients: spread $(ratio spread "$c" "$W/results-main"), hot $(ratio hot "$c" "$W/results-main"), read $(ratio read "$c" "$W/results-main")"
done
echo "Raw PostgreSQL at its best in this run: $(for s in spread hot read; do read -r r c <<< "$(best "$s" "$W/results-main")"; printf '%s %.0f/s at %s clients; ' "$s" "$r" "$c"; done | sed 's/; $//')"
for c in $CLIENTS; do
  echo "API/best raw at $c clients: spread $(ratio_best spread "$c" "$W/results-main"), hot $(ratio_best hot "$c" "$W/results-main"), read $(ratio_best read "$c" "$W/results-main")"
done
echo
echo "CPU per request in microseconds (medians): the API process, and PostgreSQL while serving the API or pgbench:"
echo "| scenario | clients | API process | PostgreSQL (api) | PostgreSQL (pgbench) |"
echo "|---|---|---|---|---|"
for c in $CLIENTS; do
  for s in spread hot read; do
    printf '| %-6s | %3s | %6.0f | %6.0f | %6.0f |\n' "$s" "$c" "$(median 10 "$s" "$c" api "$W/results-main")" \
      "$(median 11 "$s" "$c" api "$W/results-main")" "$(median 11 "$s" "$c" postgres "$W/results-main")"
  done
done
if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
  for s in spread hot read; do statements_table "$s" "$TOP_CLIENTS" "$ROUNDS"; done
fi
if [ "${BENCH_SCALE:-1}" = 1 ]; then
  echo
  echo "Scale, the available-slots read at $TOP_CLIENTS clients with 1,000,000 slots (10,000 specialists):"
  echo "| slots | side | per s | p50 ms | p95 ms | p99 ms | errors |"
  echo "|---|---|---|---|---|---|---|"
  for k in api postgres; do
    for f in main 1m; do
      printf '| %-9s | %-8s | %8.0f | %6.1f | %6.1f | %6.1f | %6s |\n' "$([ "$f" = main ] && echo 100,000 || echo 1,000,000)" "$k" \
        "$(median 5 read "$TOP_CLIENTS" "$k" "$W/results-$f")" "$(median 6 read "$TOP_CLIENTS" "$k" "$W/results-$f")" \
        "$(median 7 read "$TOP_CLIENTS" "$k" "$W/results-$f")" "$(median 8 read "$TOP_CLIENTS" "$k" "$W/results-$f")" \
        "$(errors read "$TOP_CLIENTS" "$k" "$W/results-$f")"
    done
  done
  for k in api postgres; do
    awk -v a="$(median 8 read "$TOP_CLIENTS" "$k" "$W/results-1m")" -v b="$(median 8 read "$TOP_CLIENTS" "$k" "$W/results-main")" -v k="$k" \
      'BEGIN { printf "p99 growth from 100k to 1M slots (%s): %.2fx\n", k, (b > 0 ? a / b : 0) }'
  done
  echo "EXPLAIN ANALYZE of the read at 1,000,000 slots:"
  sed 's/^/    /' <<< "$PLAN"
  grep -Eq "Index Scan (using|on) ix_slots_specialist_starts" <<< "$PLAN" || log "WARNING: the read did not use ix_slots_specialist_starts"
fi
# A 500-slot series (25 days of 20 half-hour slots) against one slot, five of each, one after another on the idle API,
# each for a specialist of its own; the series is one request and one transaction, its inserts batched.
post_ms() {
  curl -fsS -o /dev/null -w '%{time_total}' -X POST "$BENCH_API/api/consulting-slots$1" -H "Authorization: Bearer $BENCH_TOKEN" \
    -H 'Content-Type: application/json' -d "$2" | awk '{printf "%.1f\n", $1 * 1000}'
}
SERIES_FROM="$(date -u -d '+400 days' +%F)"
SERIES_TO="$(date -u -d '+424 days' +%F)"
: > "$W/series"
for i in 1 2 3 4 5; do
  echo "one 1 api $(post_ms "" "{\"specialistEmail\":\"one-$i@bench.example\",\"specialistId\":\"one-$i\",\"date\":\"$SERIES_FROM\",\"startTime\":\"09:00\",\"endTime\":\"09:30\"}")" >> "$W/series"
  echo "series 1 api $(post_ms /series "{\"specialistEmail\":\"series-$i@bench.example\",\"specialistId\":\"series-$i\",\"from\":\"$SERIES_FROM\",\"to\":\"$SERIES_TO\",\"weekdays\":[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\",\"saturday\",\"sunday\"],\"windows\":[{\"startTime\":\"08:00\",\"endTime\":\"18:00\"}],\"slotMinutes\":30}")" >> "$W/series"
done
series_median() { median 4 "$1" 1 api "$W/series"; }
echo
echo "A 500-slot series (POST /series), 5 runs: median $(series_median series) ms; one slot (POST /): median $(series_median one) ms; the series costs $(awk -v s="$(series_median series)" -v o="$(series_median one)" 'BEGIN { printf "%.0f", (o > 0 ? s / o : 0) }') single creates' worth."
[ "$(pg -tAc "SELECT count(*) FROM slots WHERE specialist_email LIKE 'series-%@bench.example'")" = 2500 ] || log "WARNING: the series did not make 5 x 500 slots"

# notification_figures CLIENTS: "made/s sent/s p50 p99 max" for the spread runs at CLIENTS: the booking notifications of
# the events whose time lies in those runs, per second of run; those sent within the runs, per second; the lag from the
# event to the message handed to the mail server, in ms.
notification_figures() {
  local c="$1" events="" sent="" seconds
  while read -r wc from to; do
    [ "$wc" = "$c" ] || continue
    events="$events${events:+ OR }(e.time >= to_timestamp($from / 1000.0) AND e.time < to_timestamp($to / 1000.0))"
    sent="$sent${sent:+ OR }(n.sent_at >= to_timestamp($from / 1000.0) AND n.sent_at < to_timestamp($to / 1000.0))"
  done < "$W/spread-windows"
  seconds="$(awk -v c="$c" '$1 == c { s += ($3 - $2) / 1000 } END { print s }' "$W/spread-windows")"
  pg -tA -F ' ' -c "
    SELECT round(count(*) / $seconds), round(count(*) FILTER (WHERE $sent) / $seconds),
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.sent_at - e.time)) * 1000)::numeric),
           round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM n.sent_at - e.time)) * 1000)::numeric),
           round((max(extract(epoch FROM n.sent_at - e.time)) * 1000)::numeric)
    FROM notifications n JOIN events e ON e.id = n.event_id
    WHERE n.kind = 'booked' AND ($events)"
}

# The deliveries of the last runs may still be on their way.
await_delivery 30 || true
await_notifications 120 || log "WARNING: $(unmailed) notifications still due at the report"
echo
echo "Mail during the spread scenario (a confirmation and a notice per booking, to a local sink that keeps nothing; reminders made, not yet due):"
echo "| clients | notifications made per s | sent per s during the runs | lag p50 ms | lag p99 ms | lag max ms |"
echo "|---|---|---|---|---|---|"
for c in $CLIENTS; do
  read -r made sent p50 p99 max <<< "$(notification_figures "$c")"
  echo "| $c | $made | $sent | $p50 | $p99 | $max |"
done
echo "Of the $(pg -tAc "SELECT count(*) FROM notifications WHERE kind = 'booked'") booking notifications, $(pg -tAc "SELECT count(*) FROM notifications WHERE kind = 'booked' AND status <> 'sent'") are not sent."
curl -fsS -o /dev/null -X DELETE "$BENCH_API/api/webhooks/$(node -e 'console.log(JSON.parse(process.argv[1]).id)' "$SUBSCRIPTION")" \
  -H "Authorization: Bearer $BENCH_TOKEN" || log "WARNING: the bench's webhook subscription was not deleted"
echo
echo "Webhooks during the spread scenario (one subscription, every event type; a local receiver verifying each signature, at nice $RECEIVER_NICE):"
echo "| clients | delivered per s | lag p50 ms | lag p99 ms | lag max ms |"
echo "|---|---|---|---|---|"
for c in $CLIENTS; do
  read -r rate p50 p99 max <<< "$(webhook_figures "$c")"
  echo "| $c | $rate | $p50 | $p99 | $max |"
done
read -r _ _ TOP_P99 _ <<< "$(webhook_figures "$TOP_CLIENTS")"
echo
echo "Of the $(pg -tAc "SELECT count(*) FROM events WHERE type LIKE 'slots.%'") events the API wrote in the whole run, $(undelivered) were not delivered; $(curl -fsS "$RECEIVER/stats" | node -p 'const s = JSON.parse(require("fs").readFileSync(0)); `${s.repeats} came twice, ${s.refused} failed verification`')."
echo "webhooks p99=${TOP_P99}ms at $TOP_CLIENTS clients (limit 2000)"
echo
# The summary: the API at the top concurrency against raw PostgreSQL at its best (and at how many clients that was), with the
# CPU per request of the API process and of PostgreSQL serving it, and of PostgreSQL serving pgbench at its best.
best_clients() { for s in spread hot read; do best "$s" "$W/results-main" | cut -d' ' -f2; done | paste -sd ','; }
cpu() { for s in spread hot read; do median "$1" "$s" "$TOP_CLIENTS" "$2" "$W/results-main"; done | awk '{printf "%s%.0f", (NR > 1 ? "," : ""), $1}'; }
raw_cpu() { for s in spread hot read; do median 11 "$s" "$(best "$s" "$W/results-main" | cut -d' ' -f2)" postgres "$W/results-main"; done | awk '{printf "%s%.0f", (NR > 1 ? "," : ""), $1}'; }
echo "ratio-best spread=$(ratio_best spread "$TOP_CLIENTS" "$W/results-main") hot=$(ratio_best hot "$TOP_CLIENTS" "$W/results-main") read=$(ratio_best read "$TOP_CLIENTS" "$W/results-main") raw-clients=$(best_clients) api-cpu-us=$(cpu 10 api) pg-cpu-us=$(cpu 11 api) raw-pg-cpu-us=$(raw_cpu)"
echo "ratio spread=$(ratio spread "$TOP_CLIENTS" "$W/results-main") hot=$(ratio hot "$TOP_CLIENTS" "$W/results-main") read=$(ratio read "$TOP_CLIENTS" "$W/results-main")"
