#!/usr/bin/env bash
# A throwaway RabbitMQ (Debian's rabbitmq-server package) for the fruit shop, as plain processes: no
# systemd, 127.0.0.1 only, its own epmd on its own port, data and logs in a temporary directory, both
# stopped by process id.
#
#   bash samples/scripts/rabbitmq.sh start [--port 5672] [--dir DIR]
#       starts epmd and the broker over DIR (default: $TMPDIR/instrumentation-samples-rabbitmq), waits until
#       the AMQP port accepts connections, and prints the URI as a shell line to eval:
#           eval "$(bash samples/scripts/rabbitmq.sh start)"     # sets ConnectionStrings__RabbitMq
#   bash samples/scripts/rabbitmq.sh stop [--dir DIR]
#       stops the broker and its epmd by process id and deletes DIR.
#
# User guest, password guest (RabbitMQ accepts them from 127.0.0.1 only), virtual host /.
set -euo pipefail

port=5672
dir="${TMPDIR:-/tmp}/instrumentation-samples-rabbitmq"
# shellcheck source=server-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/server-common.sh" "$@"
broker_pid_file="$dir/broker.pid"
epmd_pid_file="$dir/epmd.pid"
server=/usr/lib/rabbitmq/bin/rabbitmq-server   # the real start script; /usr/sbin's wrapper switches to the rabbitmq user and its fixed paths

pid_in() {
  [ -f "$1" ] || return 1
  local pid=""
  pid="$(cat "$1")"
  alive "$pid" || return 1
  echo "$pid"
}

# Reads the kernel's socket tables rather than connecting: a connect to a port nobody listens on yet can
# pick that same port as its source and connect to itself, and the port then stays in TIME_WAIT, which makes
# the broker's own bind fail.
port_in_use() {
  local hex
  hex="$(printf '%04X' "$1")"
  grep -q -E "^ *[0-9]+: [0-9A-F]+:$hex " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

port_listening() {
  local hex
  hex="$(printf '%04X' "$1")"
  grep -q -E "^ *[0-9]+: [0-9A-F]+:$hex [0-9A-F]+:[0-9A-F]+ 0A " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# True once the broker answers an AMQP 0-9-1 protocol header with a frame (Connection.Start): its
# listener is up and its boot went that far, unlike a bare TCP accept.
amqp_ready() {
  port_listening "$port" || return 1
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'AMQP\x00\x00\x09\x01' >&3
    IFS= read -r -t 2 -N 1 frame_type <&3 || exit 1
    [ "$frame_type" = $'\x01' ]
  ) 2>/dev/null
}

# A port in 20000-59999 that nothing on 127.0.0.1 answers on, for epmd and Erlang distribution.
quiet_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if [ "$candidate" != "$port" ] && ! port_in_use "$candidate"; then
      echo "$candidate"
      return
    fi
  done
  echo "No free port found for epmd or Erlang distribution." >&2
  exit 1
}

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 200); do
    alive "$pid" || return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_all() {
  local pid=""
  if pid="$(pid_in "$broker_pid_file")"; then stop_pid "$pid"; fi
  if pid="$(pid_in "$epmd_pid_file")"; then stop_pid "$pid"; fi
}

start() {
  local pid epmd_port dist_port
  if [ ! -x "$server" ] || ! command -v epmd >/dev/null; then
    echo "RabbitMQ is not installed (no $server or epmd)." \
      "Install it with: apt-get update && apt-get install -y rabbitmq-server" >&2
    exit 3
  fi
  if pid="$(pid_in "$broker_pid_file")"; then
    echo "A RabbitMQ started by this script already runs from $dir (pid $pid). Stop it first: bash $0 stop --dir $dir" >&2
    exit 1
  fi
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "$dir is not empty: pass --dir with a new or empty directory, or delete it." >&2
    exit 1
  fi
  if port_in_use "$port"; then
    echo "Something already uses on 127.0.0.1:$port: pass --port with a free one." >&2
    exit 1
  fi
  mkdir -p "$dir/log" "$dir/mnesia"
  epmd_port="$(quiet_port)"
  dist_port="$(quiet_port)"
  echo '[].' >"$dir/enabled_plugins"
  cat >"$dir/rabbitmq.conf" <<EOF
loopback_users.guest = true
log.console = false
log.file.level = warning
EOF

  # Our own epmd, in the foreground of its own process, so it can be stopped by pid (erl would otherwise
  # start a shared daemon on 4369 that outlives the broker).
  setsid epmd -port "$epmd_port" -address 127.0.0.1 >"$dir/log/epmd.log" 2>&1 </dev/null &
  echo $! >"$epmd_pid_file"

  # The start script execs erl, which execs the VM: $! is the broker's pid.
  env HOME="$dir" \
    ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_NODENAME="rabbit-$port@localhost" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist_port" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/rabbit-vm.pid" \
    RABBITMQ_CONF_ENV_FILE=/dev/null \
    setsid "$server" >"$dir/log/console.log" 2>&1 </dev/null &
  echo $! >"$broker_pid_file"
  pid="$(cat "$broker_pid_file")"

  for _ in $(seq 1 1200); do
    if ! alive "$pid"; then
      tail -n 30 "$dir/log/console.log" "$dir"/log/*.log >&2 || true
      stop_all
      echo "RabbitMQ exited during start (logs above)." >&2
      exit 1
    fi
    if amqp_ready; then
      echo "RabbitMQ on 127.0.0.1:$port (pid $pid, epmd pid $(cat "$epmd_pid_file"), data in $dir). Stop it with: bash $0 stop --dir $dir" >&2
      echo "export ConnectionStrings__RabbitMq='amqp://guest:guest@127.0.0.1:$port/'"
      return
    fi
    sleep 0.05
  done
  stop_all
  echo "RabbitMQ did not open 127.0.0.1:$port within 60 s (logs in $dir/log)." >&2
  exit 1
}

stop() {
  local pid=""
  if ! pid="$(pid_in "$broker_pid_file")"; then
    echo "No RabbitMQ started by this script runs from $dir." >&2
  fi
  stop_all
  rm -rf "$dir"
  if [ -n "$pid" ]; then
    echo "RabbitMQ (pid $pid) stopped." >&2
  fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
