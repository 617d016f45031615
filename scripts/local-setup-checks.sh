#!/usr/bin/env bash
# Checks of the local set-up's own safety, run by CI before the smoke test:
#  - ./slots token never puts the signing key on a command line (every openssl it runs is logged);
#  - the key file and the cluster folder are owned so that neither owner can rewrite the other's;
#  - the private cluster asks for a password (scram-sha-256) and the scripts have it from a file;
#  - ports reach neither a shell nor Kestrel's URL list unless they are numbers.
# Prints one line per check; exits non-zero on the first failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLOTS="$ROOT/slots"
LOCAL="$ROOT/.local"
CHECKS=0
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fail() { echo "local set-up FAILED: $*" >&2; exit 1; }
pass() { CHECKS=$((CHECKS + 1)); echo "local set-up: $*"; }

# 1. No secret on a command line: a stand-in openssl records each call's arguments, then runs the real one.
real_openssl="$(command -v openssl || true)"
[ -n "$real_openssl" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl; } >&2
real_openssl="$(command -v openssl)"
mkdir -p "$WORK/bin"
cat > "$WORK/bin/openssl" <<EOF
#!/usr/bin/env bash
printf '%s\n' "\$*" >> "$WORK/openssl-argv"
exec "$real_openssl" "\$@"
EOF
chmod +x "$WORK/bin/openssl"
PATH="$WORK/bin:$PATH" "$SLOTS" token --role customer --sub check-1 --email check@example.com > "$WORK/token" 2>/dev/null
key="$(cat "$LOCAL/jwt-signing-key")"
[ -s "$WORK/openssl-argv" ] || fail "./slots token ran no openssl (the check would see nothing)"
if grep -qiF "$key" "$WORK/openssl-argv" || grep -qiF "${key:0:32}" "$WORK/openssl-argv"; then
  fail "./slots token passed the signing key on openssl's command line"
fi
pass "./slots token keeps the signing key off every command line ($(wc -l < "$WORK/openssl-argv") openssl calls seen)"

# The HMAC computed without the key on a command line matches the one openssl computes with it.
token="$(tail -n 1 "$WORK/token")"
signed="${token%.*}"
expected="$(printf '%s' "$signed" | "$real_openssl" dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary \
  | "$real_openssl" base64 -A | tr '+/' '-_' | tr -d '=')"
[ "${token##*.}" = "$expected" ] || fail "./slots token's signature is not HMAC-SHA256 of the token with the key"
pass "the token's signature is HMAC-SHA256 with the local key"

# 2. Ownership: the key and .local belong to whoever runs ./slots; the cluster folder to postgres.
"$SLOTS" db > "$WORK/conn" 2>/dev/null
me="$(id -un)"
[ "$(stat -c %U "$LOCAL")" = "$me" ] || fail ".local is owned by $(stat -c %U "$LOCAL"), not $me"
[ "$(stat -c '%U %a' "$LOCAL/jwt-signing-key")" = "$me 600" ] || fail "the key file is $(stat -c '%U %a' "$LOCAL/jwt-signing-key")"
if [ "$(id -u)" = 0 ]; then
  pgdata="$LOCAL/pg"
  [ -d "$pgdata" ] || pgdata="/var/tmp/slots-pg-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"
  [ "$(stat -c '%U %a' "$pgdata")" = "postgres 700" ] || fail "the cluster folder is $(stat -c '%U %a' "$pgdata")"
  ! runuser -u postgres -- test -w "$LOCAL" || fail "the postgres user may write into .local (and replace the key)"
  ! runuser -u postgres -- test -w "$LOCAL/jwt-signing-key" || fail "the postgres user may write the key file"
  ! runuser -u postgres -- test -r "$LOCAL/jwt-signing-key" || fail "the postgres user may read the key file"
  pass "the key file ($me, 600) and the cluster folder (postgres, 700) cannot rewrite each other"
fi

# 3. The cluster asks for a password; the scripts read it from a file of mode 600.
conn="$(tail -n 1 "$WORK/conn")"
[[ "$conn" != *Password=* ]] || fail "./slots db prints a password: $conn"
[[ "$conn" == *Passfile=* ]] || fail "./slots db's connection string names no password file: $conn"
passfile="$(printf '%s' "$conn" | sed -n 's/.*Passfile=\([^;]*\).*/\1/p')"
[ "$(stat -c '%U %a' "$passfile")" = "$me 600" ] || fail "the password file is $(stat -c '%U %a' "$passfile")"
port="$(printf '%s' "$conn" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if PGPASSFILE=/dev/null PGPASSWORD= "$pg_bin/psql" -X -w -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  fail "the private cluster let a connection in without a password"
fi
PGPASSFILE="$passfile" "$pg_bin/psql" -X -w -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc 'SELECT 1' | grep -qx 1 \
  || fail "the password file does not sign in"
method="$(PGPASSFILE="$passfile" "$pg_bin/psql" -X -w -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
  "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules WHERE type = 'host'")"
[ "$method" = "scram-sha-256" ] || fail "the cluster's host rules use '$method'"
pass "the private cluster refuses connections without its generated password (scram-sha-256)"
"$SLOTS" db-stop >/dev/null 2>&1

# 4. Ports are numbers.
for bad in '5433; touch /tmp/slots-injected' '$(touch /tmp/slots-injected)' '0' '65536' '80x' '-1'; do
  rm -f /tmp/slots-injected
  if SLOTS_PG_PORT="$bad" "$SLOTS" db >/dev/null 2>&1; then fail "SLOTS_PG_PORT='$bad' was accepted"; fi
  if SLOTS_PORT="$bad" "$SLOTS" run >/dev/null 2>&1; then fail "SLOTS_PORT='$bad' was accepted"; fi
  [ ! -e /tmp/slots-injected ] || fail "SLOTS_PG_PORT or SLOTS_PORT='$bad' ran a command"
done
"$SLOTS" db-stop >/dev/null 2>&1 || true
pass "SLOTS_PG_PORT and SLOTS_PORT are refused unless they are port numbers"

echo "local set-up ok ($CHECKS checks)"
