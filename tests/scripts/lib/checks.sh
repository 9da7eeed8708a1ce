# shellcheck shell=bash
# What tests/scripts/*.test.sh report: one line per check, "ok - WHAT" or "not ok - WHAT" (TAP's
# style), the failures counted in `failures`. Sourced; the script's exit status then says whether
# any check failed (scripts/test counts it; 77 means skipped).
failures=0
ok() { printf 'ok - %s\n' "$*"; }
not_ok() {
  printf 'not ok - %s\n' "$*"
  failures=$((failures + 1))
}
# check WHAT COMMAND…: ok when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
