# shellcheck shell=bash
# A private PostgreSQL for scripts/dev, scripts/test and bench/run: one cluster under a directory
# of ours, listening on 127.0.0.1 only, on a free port, with trust authentication for the
# `postgres` superuser. Never touches a system cluster.
#
#   source scripts/lib/pg.sh
#   pg_start DATA_DIR LOG_FILE [PORT]   initdb once, start (or adopt a running one), wait until ready
#                                       sets PG_DATA PG_LOG PG_PORT PG_URL PG_STARTED (1 = started by us)
#   pg_url [DBNAME]                     postgres://postgres@127.0.0.1:PORT/DBNAME (default: postgres)
#   pg_create_db NAME                   CREATE DATABASE NAME unless it exists
#   pg_psql [psql args…]                psql as the superuser against the running cluster
#   pg_stop [DATA_DIR]                  pg_ctl stop -m fast (no-op when not running)
#   pg_remove DATA_DIR                  pg_stop, then delete the cluster (and its relocated home, if any)
#   pg_where DATA_DIR                   print the directory the cluster of DATA_DIR lives in (see below)
#   pg_free_port                        print a TCP port free on 127.0.0.1
#   pg_temp_dir                         mktemp -d that the cluster's owner can use (for throw-away clusters)
#   pg_start_replica PRIMARY_PORT DATA_DIR LOG_FILE [PORT]
#                                       a streaming replica of the running cluster on PRIMARY_PORT:
#                                       pg_basebackup -R once (standby.signal, primary_conninfo),
#                                       then pg_start; sets PG_* for the replica
#   pg_wait_streaming PRIMARY_PORT [N]  wait until N (1) replicas stream from PRIMARY_PORT
#   pg_sync_replicas PRIMARY_PORT on|off
#                                       on: commits on PRIMARY_PORT wait until a replica has
#                                       replayed them (synchronous_standby_names = '*'); off: they
#                                       do not (the sessions' synchronous_commit decides how far)
#
# As root, PostgreSQL runs as the `postgres` system user (initdb refuses root) and the data
# directory is owned by it; otherwise it runs as the current user.
# The `postgres` user must then traverse every directory above DATA_DIR and LOG_FILE. A clone
# under root's home or a `mktemp -d` directory (mode 0700) is closed to it: the cluster then
# lives in ~postgres/comptoir/HASH/ instead (/var/lib/postgresql on Debian; /var/tmp/comptoir-
# postgres/HASH/ when that home is not writable), HASH being the first 16 hex digits of the
# SHA-256 of DATA_DIR's absolute path: data/ is the cluster, postgres.log its log, `origin` names
# DATA_DIR. pg_start says where; every function here given DATA_DIR finds it there (pg_where).
# Tuning: PG_FAST=1 turns durability off (fsync, synchronous_commit, full_page_writes): for
# throw-away test clusters only. PG_SERVER_OPTIONS adds server options to pg_start's (e.g.
# "-c shared_preload_libraries=pg_stat_statements", which bench/checkout's BENCH_STATEMENTS uses).

PG_DATA=${PG_DATA:-}
PG_LOG=${PG_LOG:-}
PG_PORT=${PG_PORT:-}
PG_URL=${PG_URL:-}
PG_STARTED=${PG_STARTED:-0}

_pg_say() { printf 'pg: %s\n' "$*" >&2; }

# The server binaries: $PG_BINDIR, else the newest /usr/lib/postgresql/*/bin (Debian's layout).
pg_bindir() {
  if [[ -n ${PG_BINDIR:-} ]]; then
    printf '%s\n' "$PG_BINDIR"
    return 0
  fi
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && best=$dir
  done
  # Glob order is lexical: 9.x would sort after 15, but only 15 is packaged on Debian 12.
  if [[ -z $best ]]; then
    _pg_say "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (run scripts/setup)"
    return 1
  fi
  printf '%s\n' "$best"
}

# Runs a command as the user that owns the cluster: `postgres` when we are root.
_pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

_pg_owner() { if [[ $EUID -eq 0 ]]; then printf 'postgres\n'; else id -un; fi; }

pg_free_port() {
  local py port
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1; then
      # Port 0 asks the kernel for a free ephemeral port.
      port=$("$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null) && [[ -n $port ]] && {
        printf '%s\n' "$port"
        return 0
      }
    fi
  done
  local tries
  for ((tries = 0; tries < 200; tries++)); do
    port=$((20000 + RANDOM % 40000))
    if [[ -z $(ss -Htln "( sport = :$port )" 2>/dev/null) ]]; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  _pg_say "no free port found on 127.0.0.1"
  return 1
}

# Where the cluster of DATA_DIR lives when root's `postgres` cannot reach DATA_DIR (see the top).
_pg_relocated_home() {
  local data=$1 base home hash
  hash=$(printf '%s' "$(realpath -m -- "$data")" | sha256sum | cut -c1-16)
  home=$(getent passwd postgres | cut -d: -f6)
  if [[ -n $home && -d $home ]] && _pg_as_owner test -w "$home"; then
    base=$home/comptoir
  else
    base=/var/tmp/comptoir-postgres
  fi
  printf '%s/%s\n' "$base" "$hash"
}

# True when the `postgres` user can reach into DIR (search permission on DIR and every parent);
# for a DIR not created yet, into its nearest existing ancestor.
_pg_owner_reaches() {
  local dir
  dir=$(realpath -m -- "$1")
  while [[ ! -e $dir && $dir != / ]]; do dir=$(dirname "$dir"); done
  _pg_as_owner test -d "$dir" -a -x "$dir"
}

pg_where() {
  local data=${1:?pg_where DATA_DIR}
  if [[ $EUID -eq 0 ]]; then
    local home
    home=$(_pg_relocated_home "$data")
    # Once relocated, always relocated: the data stays where it was first put.
    if [[ -e $home/data ]] || ! _pg_owner_reaches "$(dirname "$(realpath -m -- "$data")")"; then
      printf '%s/data\n' "$home"
      return 0
    fi
  fi
  printf '%s\n' "$data"
}

pg_temp_dir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-pg.XXXXXX") || return 1
  [[ $EUID -ne 0 ]] || chown postgres: "$dir"
  printf '%s\n' "$dir"
}

pg_url() { printf 'postgres://postgres@127.0.0.1:%s/%s\n' "$PG_PORT" "${1:-postgres}"; }

pg_psql() {
  local bindir
  bindir=$(pg_bindir) || return 1
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

pg_create_db() {
  local name=$1
  if [[ ! $name =~ ^[a-z_][a-z0-9_]*$ ]]; then
    _pg_say "refusing database name '$name' (lowercase letters, digits, _)"
    return 1
  fi
  local exists
  exists=$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'") || return 1
  if [[ $exists != 1 ]]; then
    pg_psql -d postgres -c "CREATE DATABASE \"$name\"" || return 1
    _pg_say "created database $name"
  fi
}

# The port a running cluster listens on (line 4 of postmaster.pid).
_pg_running_port() { sed -n 4p "$1/postmaster.pid" 2>/dev/null; }

_pg_ready() {
  local bindir=$1 port=$2
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2
}

pg_start() {
  local data=${1:?pg_start DATA_DIR LOG_FILE [PORT]} log=${2:?pg_start DATA_DIR LOG_FILE [PORT]}
  local port=${3:-}
  local bindir owner
  bindir=$(pg_bindir) || return 1
  owner=$(_pg_owner)
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    _pg_say "running as root needs the 'postgres' system user (package postgresql-15; run scripts/setup)"
    return 1
  fi

  # Parents first, as their creator would leave them (a umask of 077 closes them too).
  mkdir -p "$(dirname "$data")" "$(dirname "$log")"
  if [[ $EUID -eq 0 ]]; then
    local placed
    placed=$(pg_where "$data")
    if [[ $placed != "$data" ]] || ! _pg_owner_reaches "$(dirname "$(realpath -m -- "$log")")"; then
      local home
      home=$(_pg_relocated_home "$data")
      _pg_say "the 'postgres' user cannot reach $(dirname "$(realpath -m -- "$data")") (a parent directory is closed to it):"
      _pg_say "the cluster of $(realpath -m -- "$data") lives in $home/ instead (data/, postgres.log)"
      _pg_as_owner mkdir -p -m 700 "$home" || return 1
      realpath -m -- "$data" >"$home/origin"
      data=$home/data
      log=$home/postgres.log
    fi
  fi
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  log="$(cd "$(dirname "$log")" && pwd)/$(basename "$log")"
  touch "$log"
  if [[ $EUID -eq 0 ]]; then
    chown postgres: "$data" "$log"
    chmod 700 "$data"
    if ! _pg_as_owner test -w "$data" || ! _pg_as_owner test -w "$log"; then
      _pg_say "the 'postgres' user cannot write $data or $log."
      _pg_say "Set DATABASE_URL to an existing PostgreSQL instead."
      return 1
    fi
  fi

  # initdb once.
  if [[ ! -s $data/PG_VERSION ]]; then
    if [[ -n $(ls -A "$data") ]]; then
      _pg_say "$data is not empty but holds no PostgreSQL cluster; move it away and retry"
      return 1
    fi
    _pg_say "initdb $data"
    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' || locale=C
    if ! _pg_as_owner "$bindir/initdb" -D "$data" --auth=trust -U postgres --encoding=UTF8 \
      --locale="$locale" --no-instructions >>"$log" 2>&1; then
      _pg_say "initdb failed; last lines of $log:"
      tail -n 20 "$log" >&2
      return 1
    fi
  fi

  PG_DATA=$data
  PG_LOG=$log
  PG_STARTED=0

  # Already running (a previous run that was killed, or another terminal)? Adopt it when it
  # answers; a postmaster.pid whose process is gone or is not a postgres is stale: remove it.
  if [[ -e $data/postmaster.pid ]]; then
    local pid running_port
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    running_port=$(_pg_running_port "$data")
    if [[ -n $pid && -n $running_port ]] && _pg_as_owner "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1 &&
      [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres* ]] && _pg_ready "$bindir" "$running_port"; then
      PG_PORT=$running_port
      PG_URL=$(pg_url postgres)
      export PG_DATA PG_LOG PG_PORT PG_URL PG_STARTED
      _pg_say "PostgreSQL already running for $data (pid $pid, port $PG_PORT): using it"
      return 0
    fi
    if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == postgres* ]]; then
      _pg_say "a postgres process (pid $pid) holds $data but does not answer; stop it first: kill $pid"
      return 1
    fi
    _pg_say "removing stale $data/postmaster.pid (pid ${pid:-?} is gone)"
    rm -f "$data/postmaster.pid"
  fi

  # Unix sockets are limited to ~107 bytes of path; keep ours inside the data directory when it
  # fits, else TCP only (everything here connects over 127.0.0.1 anyway).
  local sockets=$data
  ((${#data} < 90)) || sockets=""

  local options attempt offset
  for attempt in 1 2 3; do
    [[ -n $port ]] || port=$(pg_free_port) || return 1
    options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$sockets'"
    options+=" -c max_connections=200 -c shared_buffers=128MB"
    [[ -z ${PG_SERVER_OPTIONS:-} ]] || options+=" $PG_SERVER_OPTIONS"
    if [[ ${PG_FAST:-0} == 1 ]]; then
      options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    printf '\n--- %s pg_start on port %s ---\n' "$(date -u +%FT%TZ)" "$port" >>"$log"
    offset=$(stat -c %s "$log")
    if _pg_as_owner "$bindir/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "$options" >/dev/null 2>&1; then
      break
    fi
    # Most likely the port was taken between choosing and binding it: choose again.
    if tail -c +"$((offset + 1))" "$log" | grep -q 'could not bind' && [[ -z ${3:-} ]] && ((attempt < 3)); then
      port=""
      continue
    fi
    _pg_say "PostgreSQL failed to start on port $port; from $log:"
    tail -c +"$((offset + 1))" "$log" | tail -n 20 >&2
    return 1
  done

  local waited
  for ((waited = 0; waited < 60; waited++)); do
    _pg_ready "$bindir" "$port" && break
    sleep 0.5
  done
  if ! _pg_ready "$bindir" "$port"; then
    _pg_say "PostgreSQL started but does not answer on 127.0.0.1:$port; see $log"
    return 1
  fi

  PG_PORT=$port
  PG_URL=$(pg_url postgres)
  PG_STARTED=1
  export PG_DATA PG_LOG PG_PORT PG_URL PG_STARTED
  _pg_say "PostgreSQL ready on 127.0.0.1:$PG_PORT (data $data, log $log, owner $owner)"
}

pg_stop() {
  local data=${1:-$PG_DATA}
  [[ -n $data ]] || return 0
  data=$(pg_where "$data")
  [[ -e $data/postmaster.pid ]] || return 0
  local bindir
  bindir=$(pg_bindir) || return 1
  if _pg_as_owner "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    if _pg_as_owner "$bindir/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null 2>&1; then
      _pg_say "PostgreSQL stopped ($data)"
    else
      _pg_say "pg_ctl stop -m fast failed for $data; trying immediate"
      _pg_as_owner "$bindir/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1 || return 1
    fi
  fi
}

pg_remove() {
  local data=${1:?pg_remove DATA_DIR} placed
  placed=$(pg_where "$data")
  pg_stop "$placed" || return 1
  if [[ $placed != "$data" && -e $placed ]]; then
    rm -rf "$(dirname "$placed")"
    _pg_say "removed $(dirname "$placed") (the relocated cluster of $data)"
  fi
  rm -rf "$data"
}

# The streaming replica of the running cluster on PRIMARY_PORT, in DATA_DIR (relocated like any
# cluster of ours when root's `postgres` cannot reach it). Its first start copies the primary with
# pg_basebackup -R (WAL streamed during the copy; standby.signal and primary_conninfo written);
# later starts point it at PRIMARY_PORT again and start it. The primary needs wal_level replica
# (the default) and a replication line in pg_hba.conf (initdb --auth=trust writes one for
# 127.0.0.1).
pg_start_replica() {
  local usage='pg_start_replica PRIMARY_PORT DATA_DIR LOG_FILE [PORT]'
  local primary_port=${1:?$usage} data=${2:?$usage} log=${3:?$usage} port=${4:-}
  local bindir placed
  bindir=$(pg_bindir) || return 1
  mkdir -p "$(dirname "$data")"
  placed=$(pg_where "$data")
  if [[ ! -s $placed/PG_VERSION ]]; then
    if [[ $placed != "$data" ]]; then
      _pg_as_owner mkdir -p -m 700 "$(dirname "$placed")" || return 1
      realpath -m -- "$data" >"$(dirname "$placed")/origin"
    fi
    mkdir -p "$placed"
    if [[ -n $(ls -A "$placed") ]]; then
      _pg_say "$placed is not empty but holds no PostgreSQL cluster; move it away and retry"
      return 1
    fi
    [[ $EUID -ne 0 ]] || chown postgres: "$placed"
    chmod 700 "$placed"
    local sync=()
    [[ ${PG_FAST:-0} != 1 ]] || sync=(--no-sync)
    _pg_say "pg_basebackup from 127.0.0.1:$primary_port into $placed"
    if ! _pg_as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
      -D "$placed" -R -X stream -c fast "${sync[@]}" >>"$log" 2>&1; then
      _pg_say "pg_basebackup failed; last lines of $log:"
      tail -n 20 "$log" >&2
      return 1
    fi
  elif [[ ! -e $placed/postmaster.pid ]]; then
    # Started again: the primary may listen on another port than the one pg_basebackup saw.
    _pg_as_owner sed -i -E "/^primary_conninfo/ s/port=[0-9]+/port=$primary_port/" \
      "$placed/postgresql.auto.conf" || return 1
  fi
  pg_start "$data" "$log" "$port"
}

# Waits (up to 60 s) until at least N replicas stream from the cluster on PRIMARY_PORT.
pg_wait_streaming() {
  local primary_port=${1:?pg_wait_streaming PRIMARY_PORT [N]} want=${2:-1} bindir count waited
  bindir=$(pg_bindir) || return 1
  for ((waited = 0; waited < 120; waited++)); do
    count=$("$bindir/psql" -X -q -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -tAc \
      "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null) || count=0
    ((count >= want)) && return 0
    sleep 0.5
  done
  _pg_say "no streaming replica on 127.0.0.1:$primary_port after 60 s (see the replica's log)"
  return 1
}

# on: a commit on PRIMARY_PORT returns once a replica has it (synchronous_standby_names = '*'),
# as far as each session's synchronous_commit says (remote_apply: replayed, visible to its
# readers). off: commits never wait for a replica.
pg_sync_replicas() {
  local primary_port=${1:?pg_sync_replicas PRIMARY_PORT on|off} names bindir
  case ${2:?pg_sync_replicas PRIMARY_PORT on|off} in
    on) names='*' ;;
    off) names='' ;;
    *)
      _pg_say "pg_sync_replicas: '$2' is neither on nor off"
      return 1
      ;;
  esac
  bindir=$(pg_bindir) || return 1
  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres \
    -c "ALTER SYSTEM SET synchronous_standby_names = '$names'" -c 'SELECT pg_reload_conf()' >/dev/null
}
