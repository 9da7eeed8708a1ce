# shellcheck shell=bash
# Sourced by bench/run and bench/checkout: where one of bench/tools' programs is (a target of the
# release preset, not in `all`). Expects `root` and `say`.
#
#   bench_tool TARGET PREBUILT LOG
#
# Prints PREBUILT when it is set; else the TARGET beside COMPTOIR_BIN when COMPTOIR_BIN is set and
# has one; else builds TARGET in build/release (cmake's output appended to LOG) and prints its
# path. Returns 1, printing nothing, when the build fails.
bench_tool() {
  local target=$1 prebuilt=$2 log=$3
  if [[ -n $prebuilt ]]; then
    printf '%s\n' "$prebuilt"
  elif [[ -n ${COMPTOIR_BIN:-} && -x $(dirname "$COMPTOIR_BIN")/$target ]]; then
    printf '%s\n' "$(dirname "$COMPTOIR_BIN")/$target"
  else
    say "building build/release/$target" >&2
    { [[ -f $root/build/release/build.ninja ]] || (cd "$root" && cmake --preset release); } >>"$log" 2>&1 &&
      (cd "$root" && cmake --build --preset release --target "$target") >>"$log" 2>&1 || return 1
    printf '%s\n' "$root/build/release/$target"
  fi
}
