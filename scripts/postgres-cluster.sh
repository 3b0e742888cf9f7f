#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks, from Debian's
# `postgresql` package. Usage:
#   scripts/postgres-cluster.sh start DATA_DIR PORT   # prints the DATABASE_URL on success
#   scripts/postgres-cluster.sh stop DATA_DIR
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` system user.
set -euo pipefail

action=${1:?usage: postgres-cluster.sh start|stop DATA_DIR [PORT]}
data_dir=${2:?DATA_DIR is required}
port=${3:-55432}

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin_dir" ] || [ ! -x "$bin_dir/initdb" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's 'postgresql' package (apt-get install -y postgresql)" >&2
  exit 3
fi

run_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$data_dir"
    if [ "$(id -u)" = "0" ]; then
      chown postgres "$data_dir"; chmod 700 "$data_dir"
      # The server user must be able to reach the data folder through its parent (often a private temp dir).
      chmod a+x "$(dirname "$data_dir")"
    fi
    if [ ! -f "$data_dir/PG_VERSION" ]; then
      run_as_owner "$bin_dir/initdb" -D "$data_dir" -U segmint --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$data_dir.initdb.log" 2>&1 \
        || { cat "$data_dir.initdb.log" >&2; exit 1; }
    fi
    # Tests want speed, not durability of a throwaway cluster; crash tests that need durability pass
    # SEGMINT_PG_DURABLE=1.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if [ "${SEGMINT_PG_DURABLE:-0}" = "1" ]; then durability=""; fi
    run_as_owner "$bin_dir/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 \
      -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB $durability" start >/dev/null \
      || { cat "$data_dir/server.log" >&2; exit 1; }
    echo "postgres://segmint@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$data_dir/postmaster.pid" ]; then
      run_as_owner "$bin_dir/pg_ctl" -D "$data_dir" -m immediate -w stop >/dev/null
    fi
    ;;
  *)
    echo "unknown action '$action': use start or stop" >&2
    exit 2
    ;;
esac
