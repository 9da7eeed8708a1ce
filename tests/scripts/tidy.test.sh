#!/usr/bin/env bash
# scripts/tidy on a two-file project of its own (a copy of the script in a temp tree, built with
# CMake and Ninja): a file with a finding fails the run and is not recorded as clean; once fixed it
# is, and .ci/tidy-clean alone (a fresh clone's) spares checking it again; a change to a header of
# the project that a file includes, or to .clang-tidy, checks it again; a new version of a system
# header (another machine's point release) does not.
#
# Run by scripts/test (tests/scripts/*.test.sh); exit 77 = skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
for tool in cmake ninja clang-tidy-19 c++; do
  command -v "$tool" >/dev/null || {
    printf 'skip: %s is not installed\n' "$tool"
    exit 77
  }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tests/scripts/lib/checks.sh
source "$root/tests/scripts/lib/checks.sh"

tree=$work/project
mkdir -p "$tree/scripts" "$tree/src"
cp "$root/scripts/tidy" "$tree/scripts/tidy"
cat >"$tree/.clang-tidy" <<'YAML'
Checks: '-*,bugprone-use-after-move'
WarningsAsErrors: '*'
YAML
cat >"$tree/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(tidy_test CXX)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(CMAKE_CXX_STANDARD 20)
add_library(two STATIC src/clean.cpp src/moved.cpp)
target_include_directories(two SYSTEM PRIVATE ${SYSTEM_HEADERS})
CMAKE
# A header from outside the project, as /usr/include's are.
mkdir -p "$work/system"
printf '#pragma once\ninline int system_value() { return 1; }\n' >"$work/system/system_lib.hpp"
cat >"$tree/src/words.hpp" <<'CPP'
#pragma once
#include <string>
inline std::string word() { return "mot"; }
CPP
cat >"$tree/src/clean.cpp" <<'CPP'
#include <system_lib.hpp>
#include "words.hpp"
std::string clean() { return word() + std::to_string(system_value()); }
CPP
cat >"$tree/src/moved.cpp" <<'CPP'
#include <string>
#include <utility>
std::size_t moved(std::string s) {
  std::string t = std::move(s);
  return s.size() + t.size();
}
CPP

build() {
  cmake -S "$tree" -B "$tree/build/debug" -G Ninja -DSYSTEM_HEADERS="$work/system" >/dev/null &&
    ninja -C "$tree/build/debug" >/dev/null
}
tidy() { # tidy NAME: runs the copy with a cache of its own, keeps its output and status
  rc=0
  COMPTOIR_TIDY_CACHE=$work/cache "$tree/scripts/tidy" >"$work/$1.out" 2>&1 || rc=$?
}
# clean_run NAME PLAN WHAT: the last run (NAME) passed and planned PLAN ("N known clean, M to check").
clean_run() {
  if ((rc == 0)) && grep -q "2 file(s), $2" "$work/$1.out"; then
    ok "$3"
  else
    not_ok "$3 (status $rc): $(cat "$work/$1.out")"
  fi
}
clean_files() { awk '{print $3}' "$tree/.ci/tidy-clean" | tr '\n' ' '; }

build
tidy first
if ((rc == 1)) && grep -q 'clang-tidy: src/moved.cpp' "$work/first.out" &&
  grep -q "bugprone-use-after-move" "$work/first.out"; then
  ok "a use after move fails the run and names its file"
else
  not_ok "a use after move fails the run (status $rc): $(cat "$work/first.out")"
fi
if [[ $(clean_files) == "src/clean.cpp " ]]; then
  ok ".ci/tidy-clean records the clean file only"
else
  not_ok ".ci/tidy-clean records the clean file only: $(clean_files)"
fi

sed -i 's/return s.size() + t.size();/return t.size();/' "$tree/src/moved.cpp"
build
tidy fixed
if ((rc == 0)) && grep -q '2 file(s), 1 known clean, 1 to check' "$work/fixed.out" &&
  [[ $(clean_files) == "src/clean.cpp src/moved.cpp " ]]; then
  ok "once fixed, only the changed file is checked and both are recorded"
else
  not_ok "once fixed (status $rc): $(cat "$work/fixed.out"); recorded: $(clean_files)"
fi

rm -rf "$work/cache"
tidy fresh
clean_run fresh '2 known clean, 0 to check' "a fresh clone (no cache of its own) trusts .ci/tidy-clean"

# The same tree cloned at another path, one that sorts after the system's headers where the first
# sorts before them ($work/zz/… against $work/system/…, as /work/… and /tmp/… against /usr/…).
elsewhere=$work/zz/project
mkdir -p "$work/zz" && cp -r "$tree" "$elsewhere" && rm -rf "$elsewhere/build"
first_tree=$tree
tree=$elsewhere
build
rm -rf "$work/cache"
tidy elsewhere
clean_run elsewhere '2 known clean, 0 to check' "a clone at another path trusts .ci/tidy-clean"
tree=$first_tree

printf '// a comment changes the header\n' >>"$tree/src/words.hpp"
build
tidy header
clean_run header '1 known clean, 1 to check' "a change to an included header checks its includer again"

printf '// a point release\n' >>"$work/system/system_lib.hpp"
build
rm -rf "$work/cache"
tidy system
clean_run system '2 known clean, 0 to check' \
  "a system header's new version alone does not check its includer again"

printf 'HeaderFilterRegex: src/.*\n' >>"$tree/.clang-tidy"
tidy config
clean_run config '0 known clean, 2 to check' "a change to .clang-tidy checks every file again"

((failures == 0))
