#!/usr/bin/env bash
# deploy/Dockerfile and deploy/compose.yaml, checked without Docker (none runs in CI): their
# structure and promises (tests/scripts/lib/deploy_containers.py: Debian 12 stages, the build
# stage's libraries against scripts/debian-packages.txt, a non-root USER, a HEALTHCHECK on
# /healthz with a tool the image has, the compose services and their order, secrets, the trusted
# proxy), then the runtime libraries: every library a built release binary loads (ldd) must come
# from a package the runtime stage installs, that is from the packages it names or the
# dependencies of the .deb (dpkg-shlibdeps, as CPack computes them), followed through apt.
#
# Run by scripts/test ("Deployment tests", after the build: the binary is COMPTOIR_BIN, else
# build/deb, build/release or build/debug); exit 77 = skipped (no PyYAML: python3-yaml, which
# scripts/setup installs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if ! python3 -c 'import yaml' 2>/dev/null; then
  printf 'skip: PyYAML is missing (apt-get install python3-yaml; scripts/setup does)\n'
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-docker.XXXXXX")
trap 'rm -rf "$work"' EXIT

failures=0
if ! python3 "$root/tests/scripts/lib/deploy_containers.py" "$root" >"$work/checks.log"; then
  failures=1
fi
grep -v '^runtime-packages: ' "$work/checks.log"
read -r -a runtime_packages < <(sed -n 's/^runtime-packages: //p' "$work/checks.log")

# --- the runtime libraries ------------------------------------------------------------------------
binary=
for candidate in "${COMPTOIR_BIN:-}" "$root/build/deb/comptoir" "$root/build/release/comptoir" \
  "$root/build/debug/comptoir"; do
  if [[ -n $candidate && -x $candidate ]]; then
    binary=$candidate
    break
  fi
done
if [[ -z $binary ]] || ! command -v dpkg-shlibdeps >/dev/null || ! command -v apt-cache >/dev/null ||
  ! apt-cache show libc6 >/dev/null 2>&1; then
  printf '# no built binary, dpkg-shlibdeps or apt lists (apt-get update): runtime libraries not checked\n'
  ((failures == 0))
  exit
fi
mkdir -p "$work/shlibdeps/debian"
printf 'Source: comptoir\n\nPackage: comptoir\nArchitecture: any\n' >"$work/shlibdeps/debian/control"
depends=$(cd "$work/shlibdeps" && dpkg-shlibdeps -O "$binary" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
mapfile -t direct < <(tr ',|' '\n' <<<"$depends" | sed -E 's/^ *//; s/[ (].*//' | grep -v '^$')
# A virtual name (libspdlog1.10-fmt9) stands for the packages that provide it (libspdlog1.10).
mapfile -t -O "${#direct[@]}" direct < <(apt-cache showpkg "${direct[@]}" 2>/dev/null | awk '
  /^Package: / { providers = 0; next }
  /^Reverse Provides:/ { providers = 1; next }
  providers && NF { print $1 }')
# What apt-get installs for them: their dependencies, recursively (a virtual name lists its providers).
installed=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances "${direct[@]}" "${runtime_packages[@]}" 2>/dev/null |
  sed -E 's/^ *([A-Za-z]+: )?//; s/[<>]//g; s/:amd64$//' | sort -u)
# Which package each library comes from, in one dpkg query (a merged /usr: dpkg knows /lib/… too).
mapfile -t libraries < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }')
candidates=()
for line in "${libraries[@]}"; do
  path=${line#* }
  real=$(readlink -f "$path")
  candidates+=("$path" "$real" "${path#/usr}" "${real#/usr}")
done
owners=$(dpkg -S "${candidates[@]}" 2>/dev/null || true)
ok_count=0
for line in "${libraries[@]}"; do
  library=${line%% *}
  path=${line#* }
  real=$(readlink -f "$path")
  package=$(awk -v a="$path" -v b="$real" -v c="${path#/usr}" -v d="${real#/usr}" -F': ' \
    '$2 == a || $2 == b || $2 == c || $2 == d { sub(/:.*/, "", $1); print $1; exit }' <<<"$owners")
  if [[ -z $package ]]; then
    printf 'not ok - %s (%s) belongs to no Debian package\n' "$library" "$path"
    failures=1
  elif grep -qx -- "$package" <<<"$installed"; then
    ok_count=$((ok_count + 1))
  else
    printf 'not ok - the image lacks %s, which %s (loaded by comptoir) comes from\n' "$package" "$library"
    failures=1
  fi
done
printf 'ok - the image installs the packages of all %d libraries %s loads\n' "$ok_count" "${binary#"$root"/}"

((failures == 0))
