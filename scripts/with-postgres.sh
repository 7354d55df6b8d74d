#!/usr/bin/env bash
# Run a command against PostgreSQL. Uses DATABASE_URL when it is set;
# otherwise starts a throw-away server (needs Debian's postgresql package and
# root, or a user that may run initdb) and removes it afterwards.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ]; then
  echo "No PostgreSQL server found: install it (sudo apt-get install postgresql) or set DATABASE_URL." >&2
  exit 1
fi
PGDIR=$(mktemp -d)
PGPORT=${PGPORT:-5433}
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDIR"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
cleanup() { "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "PostgreSQL running for this command at $DATABASE_URL"
"$@"
