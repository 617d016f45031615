#!/usr/bin/env bash
# A pg_auto_failover formation on 127.0.0.1 for ./slots run --ha (and the failover drill): a monitor and two
# PostgreSQL nodes, each run by its pg_autoctl keeper, the second a synchronous standby of the first. Nothing here
# decides who is primary: the monitor does; this only creates, starts, stops and describes the formation.
#
#   scripts/ha-formation.sh start    create it the first time, start its keepers, wait for a primary and a secondary;
#                                    the last line printed is the API's connection string: both nodes, the one
#                                    taking writes only (read-write, not just primary: a node being promoted is out of
#                                    recovery before pg_auto_failover lets it take writes), each node's state checked
#                                    again after a second (Npgsql remembers a node as down or standby for 10 s by
#                                    default, longer than a failover takes here)
#   scripts/ha-formation.sh stop     stop the keepers (and their PostgreSQL), nodes first
#   scripts/ha-formation.sh status   the monitor's view: each node's name, port, state and health
#   scripts/ha-formation.sh drop     stop it and delete its data
#
# SLOTS_HA_PORT (default 5460) is the monitor's port; the nodes take the next two. Data, the keepers' configuration
# and logs live in .local/ha (or a folder of the postgres user's in /var/tmp when the checkout is out of its reach).
# Every connection needs the formation's password (scram-sha-256, in a password file of the postgres user's): the
# trust rules initdb writes are replaced as each node is made.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MONITOR_PORT="${SLOTS_HA_PORT:-5460}"
[[ "$MONITOR_PORT" =~ ^[0-9]{1,5}$ ]] && (( MONITOR_PORT >= 1 && MONITOR_PORT <= 65533 )) \
  || { echo "[ha] error: SLOTS_HA_PORT must be a port number, not '$MONITOR_PORT'" >&2; exit 1; }
NODE_PORTS=($((MONITOR_PORT + 1)) $((MONITOR_PORT + 2)))

log() { printf '[ha] %s\n' "$*" >&2; }
die() { printf '[ha] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "the formation runs as the postgres user; run this as root"

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL's server is not installed (./slots run installs it)"
PG_MAJOR="$(basename "$(dirname "$PG_BIN")")"

# Debian's packages: the extension for this PostgreSQL, and pg_autoctl.
ensure_packages() {
  command -v pg_autoctl >/dev/null 2>&1 && [ -f "/usr/share/postgresql/$PG_MAJOR/extension/pgautofailover.control" ] && return 0
  log "installing pg_auto_failover (postgresql-$PG_MAJOR-auto-failover, pg-auto-failover-cli) with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "postgresql-$PG_MAJOR-auto-failover" pg-auto-failover-cli >&2 \
    || { apt-get update -qq >&2 && apt-get install -y -qq "postgresql-$PG_MAJOR-auto-failover" pg-auto-failover-cli >&2; } \
    || die "could not install pg_auto_failover"
}

# The formation's folder: .local/ha when the postgres user can reach it, else its own in /var/tmp (as ./slots does
# for the single cluster). HA_DIR.
choose_dir() {
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  mkdir -p "$ROOT/.local"
  HA_DIR="$ROOT/.local/ha"
  mkdir -p "$HA_DIR" && chown postgres "$HA_DIR" && chmod 700 "$HA_DIR"
  if ! runuser -u postgres -- test -w "$HA_DIR"; then
    rmdir "$HA_DIR" 2>/dev/null || true
    HA_DIR="/var/tmp/slots-ha-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"
    if [ ! -e "$HA_DIR" ] && [ ! -L "$HA_DIR" ]; then mkdir -m 700 "$HA_DIR" && chown postgres "$HA_DIR"; fi
    [ ! -L "$HA_DIR" ] && [ -d "$HA_DIR" ] && [ "$(stat -c '%U %a' "$HA_DIR")" = "postgres 700" ] \
      || die "$HA_DIR is not a folder of the postgres user's alone: remove it"
  fi
  PASS_FILE="$HA_DIR/pgpass"
  mkdir -p "$HA_DIR/home" "$HA_DIR/logs" && chown postgres "$HA_DIR/home" "$HA_DIR/logs"
}

# pg_autoctl as the postgres user with nothing of root's environment: its configuration under HA_DIR/home, the
# formation's password file for every connection it (and the PostgreSQL it starts) opens.
autoctl() {
  runuser -u postgres -- env -i HOME="$HA_DIR/home" PATH="$PG_BIN:/usr/bin:/bin" PGPASSFILE="$PASS_FILE" LANG=C.UTF-8 \
    pg_autoctl "$@"
}

as_postgres_psql() {
  runuser -u postgres -- env -i HOME="$HA_DIR/home" PGPASSFILE="$PASS_FILE" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

monitor_uri() { printf 'postgres://autoctl_node@127.0.0.1:%s/pg_auto_failover?sslmode=disable' "$MONITOR_PORT"; }

# The formation's one password (random, never printed), for its host and its Unix socket, in a file only the postgres
# user reads; the API, run by root, reads it by name (Passfile).
ensure_password() {
  [ -s "$PASS_FILE" ] && return 0
  local password
  password="$(openssl rand -hex 24)"
  (umask 077 && printf '127.0.0.1:*:*:*:%s\nlocalhost:*:*:*:%s\n' "$password" "$password" > "$PASS_FILE.tmp")
  chown postgres "$PASS_FILE.tmp" && mv "$PASS_FILE.tmp" "$PASS_FILE"
}

password() { head -n 1 "$PASS_FILE" | cut -d: -f5; }

# Starts the keeper of DATA in its own process group (so stop and the drill can end it and everything it started),
# logging to logs/NAME.log.
start_keeper() {
  local name="$1" data="$HA_DIR/$1"
  if autoctl status --pgdata "$data" >/dev/null 2>&1; then return 0; fi
  setsid bash -c 'exec "$@"' _ runuser -u postgres -- env -i HOME="$HA_DIR/home" PATH="$PG_BIN:/usr/bin:/bin" \
    PGPASSFILE="$PASS_FILE" LANG=C.UTF-8 pg_autoctl run --pgdata "$data" >> "$HA_DIR/logs/$name.log" 2>&1 < /dev/null &
}

# Every rule initdb left trusting a connection asks for the password instead; the node reloads them.
harden_hba() {
  local data="$HA_DIR/$1"
  runuser -u postgres -- sed -i -E 's/^([^#]*[[:space:]])trust([[:space:]]|$)/\1scram-sha-256\2/' "$data/pg_hba.conf"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" reload >/dev/null
}

# SQL on the monitor's own database.
monitor_sql() { as_postgres_psql -h 127.0.0.1 -p "$MONITOR_PORT" -U autoctl_node -d pg_auto_failover -tA "$@"; }

# wait_for SECONDS DESCRIPTION COMMAND...: until COMMAND succeeds.
wait_for() {
  local seconds="$1" what="$2" i; shift 2
  for i in $(seq 1 $((seconds * 2))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what did not happen within $seconds s; see $HA_DIR/logs"
}

# The monitor's states outlive a stop, so both nodes must also answer (with the password) before the formation is ready.
formation_ready() {
  [ "$(monitor_sql -c "SELECT count(*) FROM pgautofailover.node WHERE reportedstate = 'primary' AND goalstate = 'primary'")" = 1 ] \
    && [ "$(monitor_sql -c "SELECT count(*) FROM pgautofailover.node WHERE reportedstate = 'secondary' AND goalstate = 'secondary'")" = 1 ] \
    && as_postgres_psql -h 127.0.0.1 -p "${NODE_PORTS[0]}" -d postgres -c "SELECT 1" \
    && as_postgres_psql -h 127.0.0.1 -p "${NODE_PORTS[1]}" -d postgres -c "SELECT 1"
}

# PRIMARY_PORT: the port of the node the monitor reports primary; fails while there is none.
find_primary() {
  PRIMARY_PORT="$(monitor_sql -c "SELECT nodeport FROM pgautofailover.node WHERE reportedstate = 'primary' AND goalstate = 'primary'")"
  [[ "$PRIMARY_PORT" =~ ^[0-9]+$ ]]
}

create_monitor() {
  [ -f "$HA_DIR/monitor/PG_VERSION" ] && return 0
  log "creating the monitor on 127.0.0.1:$MONITOR_PORT"
  autoctl create monitor --pgctl "$PG_BIN/pg_ctl" --pgdata "$HA_DIR/monitor" --pgport "$MONITOR_PORT" --hostname 127.0.0.1 \
    --auth scram-sha-256 --no-ssl >> "$HA_DIR/logs/create.log" 2>&1 || die "pg_autoctl create monitor failed; see $HA_DIR/logs/create.log"
}

# The passwords first (through initdb's trusting rules on a new node, through the password file after), then no rule
# trusts anyone: on every start, as pg_autoctl adds rules of its own when nodes join (its monitor's health checks get
# "trust"), and a start that stopped half-way leaves a node as initdb made it.
secure() {
  local role
  # On standard input, never on a command line another user could read in the process list.
  for role in "$@"; do printf "ALTER ROLE %s PASSWORD '%s';\n" "$role" "$(password)"; done \
    | as_postgres_psql -h 127.0.0.1 -p "$PRIMARY_PORT" -d postgres -f - >/dev/null
}

# How fast the monitor calls a primary lost and promotes its standby (the defaults take about 50 s here: 20 s to
# call a node unhealthy, then 30 s for the old primary to confirm its demotion). A health check each second, one
# retry, unhealthy after 2 s without a report, and 6 s for the demotion; the keepers give up an isolated primary
# after 4 s (network_partition_timeout), before the monitor promotes the other node, so two primaries never
# take writes at once.
tune_monitor() {
  as_postgres_psql -h 127.0.0.1 -p "$MONITOR_PORT" -d pg_auto_failover \
    -c "ALTER SYSTEM SET pgautofailover.health_check_period = 1000" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500" \
    -c "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 2000" \
    -c "ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 6000" \
    -c "SELECT pg_reload_conf()" >/dev/null
}

tune_keeper() { autoctl config set --pgdata "$HA_DIR/$1" timeout.network_partition_timeout 4 >/dev/null; }

# create_node NAME PORT: registers a node with the monitor (the first becomes the primary, the next its standby,
# cloned from it) and starts its keeper.
create_node() {
  local name="$1" port="$2"
  [ -f "$HA_DIR/$name/PG_VERSION" ] && { tune_keeper "$name"; start_keeper "$name"; return 0; }
  log "creating node $name on 127.0.0.1:$port"
  autoctl create postgres --pgctl "$PG_BIN/pg_ctl" --pgdata "$HA_DIR/$name" --pgport "$port" --hostname 127.0.0.1 \
    --listen 127.0.0.1 --name "$name" --dbname slots --auth scram-sha-256 --no-ssl --monitor "$(monitor_uri)" \
    >> "$HA_DIR/logs/create.log" 2>&1 || die "pg_autoctl create postgres ($name) failed; see $HA_DIR/logs/create.log"
  tune_keeper "$name"
  start_keeper "$name"
}

cmd_start() {
  ensure_packages
  choose_dir
  command -v openssl >/dev/null 2>&1 || apt-get install -y -qq openssl >&2
  ensure_password
  create_monitor
  start_keeper monitor
  wait_for 60 "the monitor's start" as_postgres_psql -h 127.0.0.1 -p "$MONITOR_PORT" -d postgres -c "SELECT 1"
  PRIMARY_PORT="$MONITOR_PORT" secure autoctl_node postgres
  harden_hba monitor
  tune_monitor
  # The first node must serve before the second is cloned from it; once both exist, either may be the primary, and
  # both keepers start at once.
  local new=0
  [ -f "$HA_DIR/node1/PG_VERSION" ] || new=1
  create_node node1 "${NODE_PORTS[0]}"
  [ "$new" = 0 ] || wait_for 120 "node1's start" as_postgres_psql -h 127.0.0.1 -p "${NODE_PORTS[0]}" -d postgres -c "SELECT 1"
  create_node node2 "${NODE_PORTS[1]}"
  wait_for 180 "a primary with a synchronous secondary" formation_ready
  # The states move for a moment after a restart: ask until one node is primary.
  wait_for 60 "a primary" find_primary
  secure postgres pgautofailover_replicator pgautofailover_monitor
  harden_hba node1
  harden_hba node2
  log "formation ready: $(cmd_status | tr '\n' ' ')"
  printf 'Host=127.0.0.1:%s,127.0.0.1:%s;Database=slots;Username=postgres;Passfile=%s;Target Session Attributes=read-write;Host Recheck Seconds=1;Timeout=5\n' \
    "${NODE_PORTS[0]}" "${NODE_PORTS[1]}" "$PASS_FILE"
}

cmd_stop() {
  choose_dir
  local name pgid
  for name in node2 node1 monitor; do
    [ -d "$HA_DIR/$name" ] || continue
    autoctl stop --pgdata "$HA_DIR/$name" >/dev/null 2>&1 || true
  done
  for name in node2 node1 monitor; do
    [ -f "$HA_DIR/$name/postmaster.pid" ] || continue
    wait_gone "$HA_DIR/$name" 30 || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$HA_DIR/$name" -m immediate stop >/dev/null 2>&1 || true
  done
  # Whatever this formation's keepers left (their services rename themselves, so they are found by their process group).
  for pgid in $(ps -eo pgid=,args= | awk -v dir="pg_autoctl run --pgdata $HA_DIR/" 'index($0, dir) && !/awk/ {print $1}' | sort -u); do
    kill -TERM -- "-$pgid" 2>/dev/null || true
  done
  log "formation stopped"
}

# wait_gone DATA SECONDS: until no PostgreSQL serves DATA.
wait_gone() {
  local i
  for i in $(seq 1 $(($2 * 2))); do
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1 || return 0
    sleep 0.5
  done
  return 1
}

cmd_status() {
  [ -n "${HA_DIR:-}" ] || choose_dir
  monitor_sql -F ' ' -c "SELECT nodename, nodeport, reportedstate, goalstate, CASE health WHEN 1 THEN 'healthy' ELSE 'unhealthy' END
                         FROM pgautofailover.node ORDER BY nodeid"
}

cmd_drop() {
  cmd_stop
  rm -rf -- "$HA_DIR"
  log "dropped the formation's data"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  drop) cmd_drop ;;
  *) echo "usage: scripts/ha-formation.sh start|stop|status|drop" >&2; exit 2 ;;
esac
