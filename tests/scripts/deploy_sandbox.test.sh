#!/usr/bin/env bash
# What deploy/comptoir.service forbids, Comptoir must not need. No systemd runs here to apply the
# sandbox, so the processes run under `strace -ff` instead and their calls are compared with the
# unit (tests/scripts/lib/sandbox_trace.py): every system call within its SystemCallFilter=, no
# writable and executable memory (MemoryDenyWriteExecute=, with the unit's VIPS_NOVECTOR), sockets
# of RestrictAddressFamilies= only, and writes only in MEDIA_DIR, COMPTOIR_BACKUP_DIR and /tmp
# (ProtectSystem=strict). The work traced: `migrate`, `seed --demo` (every picture through
# libvips), `serve` in production answering pages, pictures and /metrics, making a scheduled backup
# (pg_dump) and stopping on SIGTERM, then `backup` by hand.
#
# Needs COMPTOIR_TEST_DATABASE_URL (a superuser URL; a throw-away database is made and dropped),
# strace and systemd-analyze, and a built binary (COMPTOIR_BIN, else build/release, build/deb or
# build/debug). Run by scripts/test ("Deployment tests", after the build and the private
# PostgreSQL); exit 77 = skipped. About a minute.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
unit=$root/deploy/comptoir.service
skip() {
  printf 'skip: %s\n' "$*"
  exit 77
}
[[ -n ${COMPTOIR_TEST_DATABASE_URL:-} ]] || skip "COMPTOIR_TEST_DATABASE_URL is unset"
for tool in strace systemd-analyze psql python3 curl; do
  command -v "$tool" >/dev/null || skip "$tool is missing (scripts/setup installs it)"
done
binary=
for candidate in "${COMPTOIR_BIN:-}" "$root/build/release/comptoir" "$root/build/deb/comptoir" \
  "$root/build/debug/comptoir"; do
  if [[ -n $candidate && -x $candidate ]]; then
    binary=$candidate
    break
  fi
done
[[ -n $binary ]] || skip "no built binary (cmake --preset release && cmake --build --preset release)"

work=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-sandbox.XXXXXX")
chmod 755 "$work"
database=comptoir_sandbox_$$
admin_url=$COMPTOIR_TEST_DATABASE_URL
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
  fi
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$admin_url" -qc "CREATE DATABASE $database" >/dev/null
tracer=
database_url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$admin_url" "$database")

# The unit's filter, expanded to system call names: the allowed groups minus the ~denied ones.
expand() {
  systemd-analyze syscall-filter "$1" | sed -n '2,$p' | sed 's/^ *//; /^#/d; /^$/d' | while read -r item; do
    if [[ $item == @* ]]; then expand "$item"; else printf '%s\n' "$item"; fi
  done
}
: >"$work/allow" && : >"$work/deny"
# A value that starts with ~ denies its whole list (systemd.exec(5)).
while read -r filter; do
  target=allow
  if [[ $filter == ~* ]]; then
    target=deny
    filter=${filter#\~}
  fi
  for item in $filter; do
    if [[ $item == @* ]]; then expand "$item" >>"$work/$target"; else printf '%s\n' "$item" >>"$work/$target"; fi
  done
done < <(sed -nE 's/^SystemCallFilter=//p' "$unit")
sort -u "$work/allow" -o "$work/allow"
sort -u "$work/deny" -o "$work/deny"
comm -23 "$work/allow" "$work/deny" >"$work/syscalls"

# The unit's environment, with its paths moved here; the settings of a production shop.
mkdir -p "$work/state" "$work/tmp" "$work/traces"
environment=(PATH=/usr/bin:/bin TMPDIR="$work/tmp" HOME="$work/state")
while read -r assignment; do
  case $assignment in
    COMPTOIR_DATA_DIR=*) environment+=("COMPTOIR_DATA_DIR=$root") ;;
    MEDIA_DIR=*) environment+=("MEDIA_DIR=$work/state/media") ;;
    COMPTOIR_BACKUP_DIR=*) environment+=("COMPTOIR_BACKUP_DIR=$work/backups") ;;
    *) environment+=("$assignment") ;;
  esac
done < <(sed -nE 's/^Environment=//p' "$unit" | tr ' ' '\n')
mkdir -p "$work/state/media" "$work/backups"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
metrics=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
environment+=(DATABASE_URL="$database_url" BASE_URL=https://shop.example.com HOST=127.0.0.1
  PORT="$port" METRICS_PORT="$metrics" COMPTOIR_THREADS=2 LOG_LEVEL=warn
  COMPTOIR_SECRET_KEYS="k1:$(head -c 32 /dev/urandom | base64)" COMPTOIR_BACKUP_SCHEDULE="every 1m")
traced() { # traced NAME ARGS…: runs comptoir ARGS under strace -ff, traces in traces/NAME.PID
  local name=$1
  shift
  (cd "$work/state" && env -i "${environment[@]}" strace -ff -qq -o "$work/traces/$name" "$binary" "$@")
}

failures=0
step() { # step DESCRIPTION COMMAND…
  local what=$1
  shift
  if "$@" >"$work/step.log" 2>&1; then
    printf 'ok - %s\n' "$what"
  else
    printf 'not ok - %s\n' "$what"
    sed 's/^/#   /' "$work/step.log" | tail -n 5
    failures=$((failures + 1))
  fi
}
step "migrate, traced" traced migrate migrate
step "seed --demo (pictures through libvips), traced" traced seed seed --demo

(cd "$work/state" && exec env -i "${environment[@]}" strace -ff -qq -o "$work/traces/serve" "$binary" serve) \
  >"$work/serve.log" 2>&1 &
tracer=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  sleep 0.2
done
server=$(pgrep -P "$tracer" | head -n1)
get() { curl -fsS -o /dev/null -H 'Accept-Encoding: gzip, br' "$1"; }
step "serve answers /readyz in production" get "http://127.0.0.1:$port/readyz"
for path in /fr/ /en/ /fr/categorie/ustensiles "/en/products?q=tea" /sitemap.xml /robots.txt /api/openapi.json; do
  step "serve answers $path" get "http://127.0.0.1:$port$path"
done
product=$(curl -fsS "http://127.0.0.1:$port/sitemap-fr-1.xml" | grep -o '<loc>[^<]*/produit/[^<]*' | head -n1 | sed 's/<loc>//')
step "serve answers a product page" get "${product/https:\/\/shop.example.com/http://127.0.0.1:$port}"
picture=$(cd "$work/state/media" && find products -name '*-320.webp' | head -n1)
step "serve answers a picture" get "http://127.0.0.1:$port/media/$picture"
step "serve answers /metrics on METRICS_PORT" get "http://127.0.0.1:$metrics/metrics"
# The scheduled backup (every 1m): one is made at the first tick, at most a minute away.
for _ in $(seq 1 75); do
  compgen -G "$work/backups/comptoir-*.backup" >/dev/null && break
  sleep 1
done
step "serve made a scheduled backup (pg_dump)" compgen -G "$work/backups/comptoir-*.backup"
kill -TERM "$server"
step "serve stops on SIGTERM (exit 0)" wait "$tracer"
server=
step "backup by hand, traced" traced backup backup

if python3 "$root/tests/scripts/lib/sandbox_trace.py" "$unit" "$work/syscalls" \
  "$work/state,$work/backups,$work/tmp" "$work"/traces/*; then
  :
else
  failures=$((failures + 1))
fi
((failures == 0))
