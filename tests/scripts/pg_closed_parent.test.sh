#!/usr/bin/env bash
# Issue 11, finding 4: as root, scripts/dev stopped with "the 'postgres' user cannot reach
# …/var/postgres" when the clone sat under a 0700 directory (root's home, a `mktemp -d`). The
# PostgreSQL part of scripts/dev and scripts/test (scripts/lib/pg.sh), run from a copy of the
# scripts under such a directory, must start a cluster the `postgres` user can reach, say where,
# find it again on the next run, and remove it on `scripts/dev --reset`.
#
# Run by scripts/test (tests/scripts/*.test.sh); exit 77 = skipped. Needs root (only root runs
# PostgreSQL as another user) and the PostgreSQL 15 server binaries; takes a few seconds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ $EUID -ne 0 ]]; then
  printf 'skip: only root runs the cluster as the postgres user (this runs as %s)\n' "$(id -un)"
  exit 77
fi
if ! id postgres >/dev/null 2>&1; then
  printf 'skip: no postgres system user (scripts/setup installs postgresql-15)\n'
  exit 77
fi

# shellcheck source=tests/scripts/lib/checks.sh
source "$root/tests/scripts/lib/checks.sh"

parent=$(mktemp -d) # mode 0700, like root's home
clone=$parent/comptoir
mkdir -p "$clone"
cp -r "$root/scripts" "$clone/"
# shellcheck source=scripts/lib/pg.sh
source "$clone/scripts/lib/pg.sh"
dev_data=$clone/var/postgres
cleanup() {
  pg_remove "$dev_data" >/dev/null 2>&1 || true
  [[ -z ${test_data:-} ]] || pg_remove "$test_data" >/dev/null 2>&1 || true
  rm -rf "$parent"
}
trap cleanup EXIT

check "the parent directory is closed to others (0700)" [ "$(stat -c %a "$parent")" = 700 ]

# 1. scripts/dev's cluster: var/postgres and var/log/postgres.log of the clone.
if pg_start "$dev_data" "$clone/var/log/postgres.log" 2>"$parent/start.err"; then
  ok "pg_start succeeds for var/postgres of a clone under a 0700 directory"
else
  not_ok "pg_start succeeds for var/postgres of a clone under a 0700 directory"
  sed 's/^/# /' "$parent/start.err"
  exit 1
fi
sed 's/^/# /' "$parent/start.err"
check "it says where the cluster lives" grep -q "lives in $(dirname "$PG_DATA")/" "$parent/start.err"
check "the cluster is outside the closed directory" [ "${PG_DATA#"$parent"/}" = "$PG_DATA" ]
check "the postgres user owns and reaches it" runuser -u postgres -- test -w "$PG_DATA/PG_VERSION"
check "pg_where finds it from var/postgres" [ "$(pg_where "$dev_data")" = "$PG_DATA" ]
check "its origin file names var/postgres" grep -qx "$dev_data" "$(dirname "$PG_DATA")/origin"
check "it answers queries" [ "$(pg_psql -d postgres -tAc 'SELECT 1')" = 1 ]
check "a database can be created" pg_create_db comptoir
first_data=$PG_DATA

# 2. The next scripts/dev finds the same cluster (its data survives a stop).
check "pg_stop given var/postgres stops it" pg_stop "$dev_data"
check "it is stopped" [ ! -e "$first_data/postmaster.pid" ]
if pg_start "$dev_data" "$clone/var/log/postgres.log" 2>/dev/null; then
  check "a second pg_start uses the same cluster" [ "$PG_DATA" = "$first_data" ]
  check "with its database" [ "$(pg_psql -d postgres -tAc "SELECT count(*) FROM pg_database WHERE datname = 'comptoir'")" = 1 ]
else
  not_ok "a second pg_start succeeds"
fi

# 3. scripts/dev --reset stops and deletes it.
check "scripts/dev --reset succeeds" "$clone/scripts/dev" --reset
check "the relocated cluster is gone" [ ! -e "$(dirname "$first_data")" ]
check "no postgres runs on it any more" [ -z "$(pgrep -f -- "-D $first_data" || true)" ]

# 4. scripts/test's throw-away cluster, with TMPDIR inside the closed directory.
test_dir=$(TMPDIR=$parent pg_temp_dir)
test_data=$test_dir/data
if PG_FAST=1 pg_start "$test_data" "$test_dir/postgres.log" 2>/dev/null; then
  ok "scripts/test's pg_temp_dir + pg_start work with TMPDIR under a 0700 directory"
  check "that cluster answers" [ "$(pg_psql -d postgres -tAc 'SELECT 1')" = 1 ]
  relocated=$(dirname "$PG_DATA")
  check "pg_remove deletes it" pg_remove "$test_data"
  check "its relocated home is gone" [ ! -e "$relocated" ]
else
  not_ok "scripts/test's pg_temp_dir + pg_start work with TMPDIR under a 0700 directory"
fi

# 5. A clone the postgres user can reach keeps its cluster in place.
open_dir=$(mktemp -d)
chmod 755 "$open_dir"
check "a reachable var/postgres stays in place" [ "$(pg_where "$open_dir/var/postgres")" = "$open_dir/var/postgres" ]
rm -rf "$open_dir"

((failures == 0)) || {
  printf '%d check(s) failed\n' "$failures"
  exit 1
}
printf 'all checks passed\n'
