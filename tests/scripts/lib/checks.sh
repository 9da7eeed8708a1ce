# shellcheck shell=bash
# What tests/scripts/*.test.sh report: one line per check, "ok - WHAT" or "not ok - WHAT" (TAP's
# style, as scripts/test reads it), the failures counted in `failures`. Sourced; a script ends with
# `exit $((failures > 0))`.
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
