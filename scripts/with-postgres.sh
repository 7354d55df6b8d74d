#!/usr/bin/env bash
# Run a command against PostgreSQL. Uses DATABASE_URL when it is set;
# otherwise starts a throw-away server (Debian's postgresql package; as root
# it is installed when missing) on a free port and removes it afterwards.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi

find_pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN=$(find_pgbin)
if [ -z "$PGBIN" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing PostgreSQL for the tests (apt-get install postgresql)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(find_pgbin)
fi
if [ -z "$PGBIN" ]; then
  echo "No PostgreSQL server found: install it (sudo apt-get install postgresql) or set DATABASE_URL." >&2
  exit 1
fi

# A free port unless one is asked for, so parallel runs do not collide.
PORT=${PG_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PGDIR=$(mktemp -d)
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDIR"; as_pg=(runuser -u postgres --); fi
cleanup() {
  if [ -f "$PGDIR/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null || true
  fi
  rm -rf "$PGDIR"
}
trap cleanup EXIT

"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
if ! "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
  echo "PostgreSQL did not start:" >&2
  cat "$PGDIR/log" >&2
  exit 1
fi
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running for this command at $DATABASE_URL"
"$@"
