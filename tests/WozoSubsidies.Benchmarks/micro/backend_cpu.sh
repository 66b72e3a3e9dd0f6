#!/bin/bash
# backend_cpu.sh "<psql connection options>" DB FILE
# Runs FILE in one psql session (autocommit: one transaction per statement) and prints the CPU time of that session's
# PostgreSQL backend (utime + stime from /proc, in 1/100 s; the server must run on this machine) and the WAL written.
# CPU time of one process moves far less than throughput when the machine is shared (docs/benchmarks.md).
set -euo pipefail
CONN=$1; DB=$2; FILE=$(realpath "$3")
TMP=$(mktemp -d)
cat > "$TMP/wrap.sql" <<SQL
\o $TMP/pid
select pg_backend_pid();
\o
select pg_current_wal_lsn() as lsn0 \gset
\! awk '{print \$14+\$15}' /proc/\$(cat $TMP/pid)/stat > $TMP/t0
\o /dev/null
\i $FILE
\o
\! awk '{print \$14+\$15}' /proc/\$(cat $TMP/pid)/stat > $TMP/t1
select 'wal_bytes ' || pg_wal_lsn_diff(pg_current_wal_lsn(), :'lsn0');
SQL
psql $CONN -X -q -t -A -d "$DB" -f "$TMP/wrap.sql"
echo "cpu_ticks $(( $(cat "$TMP/t1") - $(cat "$TMP/t0") ))"
rm -rf "$TMP"
