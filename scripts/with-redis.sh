#!/usr/bin/env bash
# Run a command with a Redis server. Uses REDIS_URL when it is set; otherwise
# starts a throw-away server (Debian's redis-server package; as root it is
# installed when missing) on a free port, keeping nothing on disk, and stops
# it afterwards.
set -euo pipefail
if [ -n "${REDIS_URL:-}" ]; then exec "$@"; fi

if ! command -v redis-server >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Redis for the test (apt-get install redis-server)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
if ! command -v redis-server >/dev/null; then
  echo "No Redis server found: install it (sudo apt-get install redis-server) or set REDIS_URL." >&2
  exit 1
fi

# A free port unless one is asked for, so parallel runs do not collide.
PORT=${REDIS_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
REDIS_DIR=$(mktemp -d)
cleanup() {
  if [ -f "$REDIS_DIR/redis.pid" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$REDIS_DIR"
}
trap cleanup EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" \
  --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
ping() {
  python3 -c 'import socket, sys; s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1); s.sendall(b"PING\r\n"); sys.exit(s.recv(7) != b"+PONG\r\n")' "$PORT" 2>/dev/null
}
for _ in $(seq 50); do ping && break; sleep 0.1; done
if ! ping; then
  echo "Redis did not start:" >&2
  cat "$REDIS_DIR/redis.log" >&2 || true
  exit 1
fi
export REDIS_URL="redis://127.0.0.1:$PORT/0"
echo "Redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') running for this command at $REDIS_URL"
"$@"
