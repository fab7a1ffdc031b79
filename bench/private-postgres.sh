#!/usr/bin/env bash
# A throwaway PostgreSQL server of the machine's version, for benchmark runs with server settings
# other than those of the machine's own server (which other work shares and which needs a restart
# to change shared_buffers). Trust auth on 127.0.0.1 only; data under /tmp; nothing kept.
#
#   bench/private-postgres.sh start [port] [setting=value ...]   e.g. start 5434 shared_buffers=256MB
#   PGPORT=5434 bench/redirect.sh --scale
#   bench/private-postgres.sh stop [port]
set -euo pipefail

action=${1:?usage: $0 start|stop [port] [setting=value ...]}
port=${2:-5434}
shift $(($# >= 2 ? 2 : $#))
bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin | sort -V | tail -n 1)
dir=/tmp/kurz-private-pg-$port
# initdb and postgres refuse to run as root.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    if [ ! -d "$dir" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
    for setting in "$@"; do opts="$opts -c $setting"; done
    as_owner "$bin/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w start >/dev/null
    psql -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT 'private PostgreSQL ' || version() || ' on port $port, shared_buffers ' || current_setting('shared_buffers')"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    echo "private PostgreSQL on port $port stopped and removed"
    ;;
  *) echo "usage: $0 start|stop [port] [setting=value ...]" >&2; exit 2 ;;
esac
