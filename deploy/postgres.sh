#!/usr/bin/env bash
# A project-local PostgreSQL 15 cluster for running and testing WozoSubsidies without any set-up.
#
#   deploy/postgres.sh start   [--dir DIR] [--port PORT] [--huge-pages]
#                                                          start (idempotent), print the connection string
#   deploy/postgres.sh stop    [--dir DIR]                 stop (idempotent)
#   deploy/postgres.sh status  [--dir DIR]                 exit 0 when running
#   deploy/postgres.sh url     [--dir DIR] [--port PORT]   print the connection string
#
# Defaults: DIR = <checkout>/.local/postgres (git-ignored), PORT = 55432 on 127.0.0.1 only.
# Trust authentication on loopback: this cluster is for one developer's machine or a test run, never production.
#
# --huge-pages (or WOZO_PG_HUGE_PAGES=1): before starting, reserve enough 2 MB huge pages for the server's shared memory
# (vm.nr_hugepages, machine-wide, as root or with sudo; it stays reserved until changed back or the machine restarts).
# The server uses them by itself (huge_pages = try). Opt-in, for benchmarks and production-like runs: on 4 kB pages every
# new backend faults all of shared_buffers into its page table during its first large read, which ran a fresh
# connection's first export or rebuild of 1,000,000 events at 55-75 % of its later speed here (docs/benchmarks.md).
set -euo pipefail

PG_BIN=${WOZO_PG_BIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR="$ROOT/.local/postgres"
PORT=55432
HUGE_PAGES=${WOZO_PG_HUGE_PAGES:-0}
CMD=${1:-}
shift || true
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --huge-pages) HUGE_PAGES=1; shift ;;
    *) echo "postgres.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
DATA="$DIR/data"
LOG="$DIR/postgres.log"

log() { echo "postgres.sh: $*" >&2; }

# PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_binaries() {
  if [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/initdb" ]; then return; fi
  log "PostgreSQL 15 not found in $PG_BIN: installing postgresql-15 with apt-get"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 >&2
  # Debian's package starts its own cluster on 5432; we do not need it.
  if command -v pg_ctlcluster >/dev/null 2>&1; then $sudo pg_ctlcluster 15 main stop >/dev/null 2>&1 || true; fi
}

prepare_dir() {
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$DIR"
    # The postgres user must be able to reach the folder; a checkout under /root cannot be reached.
    if ! runuser -u postgres -- test -w "$DIR"; then
      log "the postgres user cannot write $DIR (a parent folder is closed to it); use --dir elsewhere"
      exit 1
    fi
  fi
}

running() {
  [ -f "$DATA/postmaster.pid" ] || return 1
  local pid
  pid=$(head -n 1 "$DATA/postmaster.pid")
  # A killed postmaster can linger as a zombie for a moment; it is not running.
  if [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat")" = Z ]; then return 1; fi
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

url() {
  echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=wozo"
}

# Reserves the huge pages the server asks for (it must be stopped for postgres -C to compute them); on failure only warns:
# the server then starts on 4 kB pages as without the option.
reserve_huge_pages() {
  local need total free rsvd available want sudo=""
  need=$(as_pg "$PG_BIN/postgres" -D "$DATA" -C shared_memory_size_in_huge_pages 2>/dev/null || echo -1)
  if ! [ "$need" -gt 0 ] 2>/dev/null; then
    log "huge pages: not supported here ($need); the server uses 4 kB pages"
    return
  fi
  total=$(awk '/^HugePages_Total/{print $2}' /proc/meminfo)
  free=$(awk '/^HugePages_Free/{print $2}' /proc/meminfo)
  rsvd=$(awk '/^HugePages_Rsvd/{print $2}' /proc/meminfo)
  available=$((free - rsvd))
  if [ "$available" -ge "$need" ]; then
    log "huge pages: $need needed, $available available"
    return
  fi
  want=$((total + need - available))
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! $sudo sysctl -q -w vm.nr_hugepages="$want" >/dev/null 2>&1; then
    log "huge pages: could not reserve $need (sysctl vm.nr_hugepages refused); the server uses 4 kB pages"
    return
  fi
  total=$(awk '/^HugePages_Total/{print $2}' /proc/meminfo)
  if [ "$total" -lt "$want" ]; then
    log "huge pages: the kernel reserved $total of $want (memory too fragmented?); the server may use 4 kB pages"
  else
    log "huge pages: $need needed, reserved (vm.nr_hugepages=$total)"
  fi
}

start() {
  ensure_binaries
  prepare_dir
  if running; then
    log "already running in $DATA"
    url
    return
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initialising a new cluster in $DATA"
    as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$DATA/postgresql.conf" <<EOF
# WozoSubsidies local cluster
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
max_locks_per_transaction = 256
EOF
  fi
  # A pid file left by a killed server makes pg_ctl refuse to start: remove it when its process is gone.
  if [ -f "$DATA/postmaster.pid" ]; then
    local pid
    pid=$(head -n 1 "$DATA/postmaster.pid")
    if ! kill -0 "$pid" 2>/dev/null || [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ]; then
      log "removing stale pid file (process $pid is gone)"
      rm -f "$DATA/postmaster.pid"
    fi
  fi
  if [ "$HUGE_PAGES" = 1 ]; then reserve_huge_pages; fi
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null
  # The application database; created once.
  if ! as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'wozo'" | grep -q 1; then
    as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "create database wozo" >/dev/null
  fi
  log "running on 127.0.0.1:$PORT, data in $DATA"
  url
}

stop() {
  if running; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) if running; then log "running"; exit 0; else log "not running"; exit 1; fi ;;
  url) url ;;
  *) echo "usage: deploy/postgres.sh start|stop|status|url [--dir DIR] [--port PORT] [--huge-pages]" >&2; exit 2 ;;
esac
