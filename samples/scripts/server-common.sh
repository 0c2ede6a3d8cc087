# Sourced by postgres.sh and rabbitmq.sh: what both throwaway-server scripts share.
# Reads "start|stop [--port PORT] [--dir DIR]" into $command, $port and $dir; the caller sets the
# defaults of $port and $dir before sourcing, and passes its own arguments: source server-common.sh "$@"

usage() {
  echo "usage: bash $0 start [--port PORT] [--dir DIR] | stop [--dir DIR]" >&2
  exit 2
}

# True while the process runs: a zombie (exited, not yet reaped by its parent) counts as stopped.
alive() {
  [ -r "/proc/$1/stat" ] && [ "$(sed -E 's/.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

command="${1:-}"
[ -n "$command" ] || usage
shift
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a directory}"; shift 2 ;;
    *) usage ;;
  esac
done
