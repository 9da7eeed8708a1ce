#!/usr/bin/env bash
# scripts/lib/pg.sh's replica helpers (scripts/cluster uses them): pg_start_replica makes a
# streaming replica of a running cluster with pg_basebackup -R and starts it, pg_wait_streaming
# sees it stream, pg_sync_replicas on makes a commit return only once the replica shows it (with
# remote_apply), off lets the primary commit while the replica's replay is paused. Run as the
# current user in an open folder and, as root, also in a 0700 folder (the clusters then live in
# ~postgres, like pg_start's) and as `nobody` (PostgreSQL runs as the caller).
#
# Run by scripts/test (tests/scripts/*.test.sh); exit 77 = skipped without the PostgreSQL 15
# server binaries. Takes a few seconds per case.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if ! compgen -G '/usr/lib/postgresql/*/bin/pg_basebackup' >/dev/null && [[ -z ${PG_BINDIR:-} ]]; then
  printf 'skip: no PostgreSQL server binaries (scripts/setup installs postgresql-15)\n'
  exit 77
fi

# One case, in a shell of its own (as another user when asked): prints ok/not ok lines.
scenario=$(
  cat <<'SCENARIO'
set -uo pipefail
source "$1/scripts/lib/pg.sh"
dir=$2
failures=0
check() { if "${@:2}"; then printf 'ok - %s\n' "$1"; else printf 'not ok - %s\n' "$1"; failures=$((failures + 1)); fi; }
trap 'pg_remove "$dir/replica" >/dev/null 2>&1; pg_remove "$dir/primary" >/dev/null 2>&1' EXIT
PG_FAST=1 pg_start "$dir/primary" "$dir/primary.log" 2>/dev/null || { printf 'not ok - the primary starts\n'; exit 1; }
primary=$PG_PORT
pg_start_replica "$primary" "$dir/replica" "$dir/replica.log" 2>/dev/null || { printf 'not ok - the replica starts\n'; exit 1; }
replica=$PG_PORT
on() { PG_PORT=$1 pg_psql -d postgres -tAc "$2"; }
check "$3: the replica streams from the primary" pg_wait_streaming "$primary"
check "$3: the replica is in recovery" test "$(on "$replica" 'SELECT pg_is_in_recovery()')" = t
pg_sync_replicas "$primary" on
on "$primary" "ALTER DATABASE postgres SET synchronous_commit = remote_apply" >/dev/null
on "$primary" 'CREATE TABLE t (x int); INSERT INTO t VALUES (1)' >/dev/null
check "$3: with sync on, a commit is on the replica when it returns" test "$(on "$replica" 'SELECT count(*) FROM t')" = 1
on "$replica" 'SELECT pg_wal_replay_pause()' >/dev/null
insert() { timeout "$1" bash -c "source '$2/scripts/lib/pg.sh'; PG_PORT=$3 pg_psql -d postgres -c 'INSERT INTO t VALUES (2)'" >/dev/null 2>&1; }
insert 3 "$1" "$primary"
check "$3: with sync on, a commit waits while the replica's replay is paused" test $? -eq 124
pg_sync_replicas "$primary" off
insert 20 "$1" "$primary"
check "$3: with sync off, the primary commits while replay is paused" test $? -eq 0
check "$3: … and the paused replica does not show it" test "$(on "$replica" 'SELECT count(*) FROM t')" = 1
on "$replica" 'SELECT pg_wal_replay_resume()' >/dev/null
pg_stop "$dir/replica" 2>/dev/null
pg_start_replica "$primary" "$dir/replica" "$dir/replica.log" 2>/dev/null
check "$3: a second pg_start_replica starts the same replica again" pg_wait_streaming "$primary"
exit $((failures > 0))
SCENARIO
)

failures=0
run_case() { # run_case LABEL USER MODE
  local label=$1 user=$2 mode=$3 dir rc=0
  dir=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-pg-replica.XXXXXX")
  chmod "$mode" "$dir"
  if [[ $user == "$(id -un)" ]]; then
    bash -c "$scenario" scenario "$root" "$dir" "$label" || rc=$?
  else
    chown "$user" "$dir"
    (cd / && runuser -u "$user" -- bash -c "$scenario" scenario "$root" "$dir" "$label") || rc=$?
  fi
  rm -rf "$dir"
  ((rc == 0)) || failures=$((failures + 1))
}

run_case "$(id -un), open folder" "$(id -un)" 755
if [[ $EUID -eq 0 ]]; then
  id postgres >/dev/null 2>&1 && run_case "root, 0700 folder (relocated to ~postgres)" root 700
  if id nobody >/dev/null 2>&1 && runuser -u nobody -- test -r "$root/scripts/lib/pg.sh"; then
    run_case "nobody" nobody 755
  fi
fi
((failures == 0))
