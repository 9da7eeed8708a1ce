#!/usr/bin/env bash
# The production (release) build is hardened as Debian hardens its packages (ASVS 14.1.2):
# _FORTIFY_SOURCE=2, stack canaries and clash probes, CET, full RELRO with BIND_NOW. Configures
# the release preset's settings in a temp dir (seconds, nothing compiled) and reads the compile
# and link lines; when a release binary is already built (bench/run), reads its ELF too.
#
# Run by scripts/test (tests/scripts/*.test.sh); exit 77 = skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-hardening.XXXXXX")
trap 'rm -rf "$work"' EXIT

# shellcheck source=tests/scripts/lib/checks.sh
source "$root/tests/scripts/lib/checks.sh"

if ! cmake -S "$root" -B "$work" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMPTOIR_BUILD_TESTS=OFF \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$work/configure.log" 2>&1; then
  cat "$work/configure.log"
  printf 'skip: the release build cannot be configured here (run scripts/setup)\n'
  exit 77
fi

line=$(grep -m1 -o '"command": "[^"]*src/http/server.cpp[^"]*"' "$work/compile_commands.json" || true)
for flag in -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection -fcf-protection; do
  if [[ $line == *" $flag "* ]]; then ok "release compiles with $flag"; else not_ok "release compiles without $flag"; fi
done
if grep -q -- '-z,relro,-z,now' "$work/build.ninja"; then
  ok "release links with -z relro -z now"
else
  not_ok "release links without -z relro -z now"
fi

binary=$root/build/release/comptoir
if [[ -x $binary ]] && command -v readelf >/dev/null; then
  dynamic=$(readelf -dW "$binary")
  if [[ $dynamic == *BIND_NOW* ]]; then ok "the built binary binds now"; else not_ok "the built binary does not bind now"; fi
  # Whole outputs first: grep -q closing the pipe early would fail the pipeline (pipefail).
  segments=$(readelf -lW "$binary")
  symbols=$(readelf -sW --dyn-syms "$binary")
  if [[ $segments == *GNU_RELRO* ]]; then ok "the built binary has RELRO"; else not_ok "no RELRO"; fi
  if [[ $symbols == *__stack_chk_fail* ]]; then
    ok "the built binary has stack canaries"
  else
    not_ok "the built binary has no stack canaries"
  fi
else
  printf '# no release binary (bench/run builds one): its ELF is not read\n'
fi

((failures == 0))
