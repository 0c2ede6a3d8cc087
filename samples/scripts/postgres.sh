#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's postgresql package) for the samples, as a plain process: no systemd,
# 127.0.0.1 only, data in a temporary directory, stopped by its process id.
#
#   bash samples/scripts/postgres.sh start [--port 5432] [--dir DIR]
#       initializes DIR (default: $TMPDIR/instrumentation-samples-postgres), starts the server, waits until
#       it accepts connections, and prints the connection string as a shell line to eval:
#           eval "$(bash samples/scripts/postgres.sh start)"     # sets ConnectionStrings__PostgreSql
#   bash samples/scripts/postgres.sh stop [--dir DIR]
#       stops the server started in DIR by its process id and deletes DIR.
#
# User postgres, no password (trust on 127.0.0.1 only), database postgres. When run as root the server
# runs as the postgres user, because PostgreSQL refuses to run as root.
set -euo pipefail

port=5432
dir="${TMPDIR:-/tmp}/instrumentation-samples-postgres"
# shellcheck source=server-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/server-common.sh" "$@"
pid_file="$dir/server.pid"

find_bin_dir() {
  # Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<major>/bin.
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return
    fi
  done
  echo "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb)." \
    "Install it with: apt-get update && apt-get install -y postgresql" >&2
  exit 3
}

# Runs a PostgreSQL binary as the postgres user when we are root, as ourselves otherwise.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid=""
  pid="$(cat "$pid_file")"
  alive "$pid" || return 1
  echo "$pid"
}

start() {
  local bin pid
  bin="$(find_bin_dir)"
  if pid="$(running_pid)"; then
    echo "A PostgreSQL started by this script already runs from $dir (pid $pid). Stop it first: bash $0 stop --dir $dir" >&2
    exit 1
  fi
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "$dir is not empty: pass --dir with a new or empty directory, or delete it." >&2
    exit 1
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
  fi

  as_server_user "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; echo "initdb failed (log above)." >&2; exit 1; }

  # A scratch server: durability settings off for speed, sockets in its own directory, TCP on 127.0.0.1 only.
  if ! as_server_user "$bin/pg_ctl" start --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 --silent \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=60" \
    >/dev/null; then
    cat "$dir/server.log" >&2 || true
    echo "PostgreSQL did not start on 127.0.0.1:$port (log above; is the port taken? pass --port)." >&2
    exit 1
  fi

  head -n 1 "$dir/data/postmaster.pid" >"$pid_file"
  pid="$(cat "$pid_file")"
  echo "PostgreSQL on 127.0.0.1:$port (pid $pid, data in $dir). Stop it with: bash $0 stop --dir $dir" >&2
  echo "export ConnectionStrings__PostgreSql='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
}

stop() {
  local pid=""
  if ! pid="$(running_pid)"; then
    echo "No PostgreSQL started by this script runs from $dir." >&2
    rm -rf "$dir"
    return
  fi
  kill -QUIT "$pid"           # "immediate" shutdown: the data directory is deleted next anyway
  for _ in $(seq 1 300); do
    alive "$pid" || break
    sleep 0.05
  done
  if alive "$pid"; then
    kill -KILL "$pid"
  fi
  rm -rf "$dir"
  echo "PostgreSQL (pid $pid) stopped." >&2
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
