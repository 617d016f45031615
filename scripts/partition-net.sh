#!/usr/bin/env bash
# The partition drill's network: a PostgreSQL of its own in a network namespace, joined to this one by a veth pair,
# and nftables rules inside that namespace that drop a share of the packets crossing the pair, or all of them.
#
#   scripts/partition-net.sh start    create the namespace, the pair and the cluster, start PostgreSQL in the namespace;
#                                     the last line printed is the connection string (the namespace's address)
#   scripts/partition-net.sh loss N   drop N % of the packets each way (nft: numgen random mod 100 < N drop)
#   scripts/partition-net.sh cut      drop every packet each way: a partition
#   scripts/partition-net.sh heal     no rule
#   scripts/partition-net.sh stop     stop PostgreSQL, delete the namespace (the pair and the rules go with it) and the
#                                     cluster's data; safe to run whatever state a run left behind
#
# Root only (namespaces, veth pairs and nftables need it); nftables is installed with apt-get when missing. The
# namespace is slots-partition, the pair 10.231.77.1 (here) and 10.231.77.2 (PostgreSQL, port 5432); the cluster lives
# in a folder of the postgres user's in /var/tmp with a random password the API reads from a password file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NS=slots-partition
HOST_IF=slotspart0
NS_IF=slotspart1
HOST_IP=10.231.77.1
NS_IP=10.231.77.2
PG_PORT=5432
DIR="/var/tmp/slots-partition-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"

log() { printf '[partition] %s\n' "$*" >&2; }
die() { printf '[partition] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "network namespaces, veth pairs and nftables need root; run the drill as root"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL's server is not installed (./slots run installs it)"

in_ns() { ip netns exec "$NS" "$@"; }

ensure_nft() {
  command -v nft >/dev/null 2>&1 && return 0
  log "installing nftables with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq nftables >&2 || { apt-get update -qq >&2 && apt-get install -y -qq nftables >&2; } \
    || die "could not install nftables"
}

# The namespace and the pair; a clear word when this machine cannot make them (a container without the right).
make_network() {
  ip netns add "$NS" 2>/dev/null \
    || die "this machine cannot create network namespaces (ip netns add failed: no CAP_SYS_ADMIN, or no netns support); the partition drill needs them"
  ip link add "$HOST_IF" type veth peer name "$NS_IF" netns "$NS" \
    || die "this machine cannot create a veth pair (ip link add ... type veth failed)"
  ip addr add "$HOST_IP/30" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  in_ns ip addr add "$NS_IP/30" dev "$NS_IF"
  in_ns ip link set "$NS_IF" up
  in_ns ip link set lo up
  in_ns nft list tables >/dev/null 2>&1 || die "nftables does not work inside the namespace (nft list tables failed)"
}

# The cluster, made afresh each run: scram-sha-256 for the pair's address only, a random password never printed.
make_cluster() {
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  rm -rf -- "$DIR"
  mkdir -m 700 "$DIR" && chown postgres "$DIR"
  local password
  password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  printf '%s\n' "$password" > "$DIR/pwfile" && chown postgres "$DIR/pwfile" && chmod 600 "$DIR/pwfile"
  printf '%s:%s:*:postgres:%s\n' "$NS_IP" "$PG_PORT" "$password" > "$DIR/pgpass" && chmod 600 "$DIR/pgpass"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$DIR/pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$DIR/pwfile"
  printf 'host all postgres %s/32 scram-sha-256\n' "$HOST_IP" >> "$DIR/data/pg_hba.conf"
}

cmd_start() {
  cmd_stop 2>/dev/null || true
  ensure_nft
  make_network
  make_cluster
  log "starting PostgreSQL in namespace $NS on $NS_IP:$PG_PORT"
  in_ns runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w \
    -o "-c listen_addresses=$NS_IP -c port=$PG_PORT -c unix_socket_directories=$DIR -c max_connections=200" start >/dev/null \
    || die "PostgreSQL did not start in the namespace; see $DIR/postgres.log"
  printf 'Host=%s;Port=%s;Database=postgres;Username=postgres;Passfile=%s;Timeout=5\n' "$NS_IP" "$PG_PORT" "$DIR/pgpass"
}

# One table of the drill's own in the namespace; each change replaces it whole.
rules() {
  in_ns nft -f - <<EOF
table inet slots_drill
delete table inet slots_drill
table inet slots_drill {
  chain input {
    type filter hook input priority 0; policy accept;
    iifname "$NS_IF" $1
  }
  chain output {
    type filter hook output priority 0; policy accept;
    oifname "$NS_IF" $1
  }
}
EOF
}

cmd_loss() {
  [[ "${1:-}" =~ ^[0-9]{1,2}$ ]] || die "loss takes a share in percent, 0-99, not '${1:-}'"
  rules "numgen random mod 100 < $1 drop"
  log "dropping $1 % of the packets each way"
}

cmd_cut() {
  rules "drop"
  log "dropping every packet each way: partitioned"
}

cmd_heal() {
  in_ns nft delete table inet slots_drill 2>/dev/null || true
  log "healed: no rule"
}

cmd_stop() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if ip netns list 2>/dev/null | grep -qw "$NS"; then
    ip netns delete "$NS"
  fi
  ip link delete "$HOST_IF" 2>/dev/null || true
  # The pair goes with the namespace, a moment later.
  local i
  for i in $(seq 1 50); do ip link show "$HOST_IF" >/dev/null 2>&1 || break; sleep 0.1; done
  rm -rf -- "$DIR"
}

case "${1:-}" in
  start) cmd_start ;;
  loss) cmd_loss "${2:-}" ;;
  cut) cmd_cut ;;
  heal) cmd_heal ;;
  stop) cmd_stop ;;
  *) die "usage: scripts/partition-net.sh start|loss N|cut|heal|stop" ;;
esac
