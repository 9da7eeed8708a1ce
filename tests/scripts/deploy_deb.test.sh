#!/usr/bin/env bash
# The server's .deb (cmake/packaging.cmake; docs/deploy.md): packs an already-built release binary
# with CPack in a throw-away build tree (configured in seconds, nothing compiled), then "installs"
# it into a throw-away root with `dpkg-deb -x` (nothing on this machine changes, root or not) and
# checks what a shop owner gets: the files at their places with their modes, every data file the
# binary reads, dependencies covering every library the binary links, the maintainer scripts,
# and the unpacked binary running `--version` and `check-config` against its unpacked data.
#
# The binary: COMPTOIR_BIN (scripts/test passes the debug build it just made), else
# build/deb/comptoir (`cmake --workflow --preset deb`), else build/release/comptoir (`cmake
# --preset release && cmake --build --preset release`, which bench/run does). Run by scripts/test
# ("Deployment tests", after the build); exit 77 = skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/scripts/lib/settings.sh
source "$root/tests/scripts/lib/settings.sh"

binary=${COMPTOIR_BIN:-}
for candidate in "$root/build/deb/comptoir" "$root/build/release/comptoir"; do
  [[ -z $binary && -x $candidate ]] && binary=$candidate
done
if [[ -z $binary ]]; then
  printf 'skip: no release binary; build one with: cmake --preset release && cmake --build --preset release\n'
  exit 77
fi
for tool in cmake cpack dpkg-deb dpkg-shlibdeps file readelf; do
  if ! command -v "$tool" >/dev/null; then
    printf 'skip: %s is missing (scripts/setup installs it)\n' "$tool"
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/scripts/lib/checks.sh
source "$root/tests/scripts/lib/checks.sh"

tree=$work/tree
if ! cmake -S "$root" -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMPTOIR_BUILD_TESTS=OFF \
  -DCOMPTOIR_BUILD_DESKTOP=OFF -DCOMPTOIR_DEFAULT_DATA_DIR=/usr/share/comptoir \
  >"$work/configure.log" 2>&1; then
  cat "$work/configure.log"
  printf 'skip: the release build cannot be configured here (run scripts/setup)\n'
  exit 77
fi
cp "$binary" "$tree/comptoir"
if ! (cd "$tree" && cpack -G DEB >"$work/cpack.log" 2>&1); then
  cat "$work/cpack.log"
  not_ok "cpack makes the package"
  exit 1
fi
version=$(sed -nE 's/^project\(comptoir VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
deb=$tree/comptoir_${version}_amd64.deb
check "cpack makes comptoir_${version}_amd64.deb" test -f "$deb"
printf '# %s from %s\n' "$(basename "$deb")" "$binary"

field() { dpkg-deb -f "$deb" "$1"; }
check "the package is named comptoir" test "$(field Package)" = comptoir
check "its version is the project's ($version)" test "$(field Version)" = "$version"

# --- files, owners and modes -------------------------------------------------------------------
listing=$(dpkg-deb -c "$deb")
mode_of() { awk -v p="./$1" '$6 == p { print $1 " " $2 }' <<<"$listing"; }
check "/usr/bin/comptoir is root's and executable" test "$(mode_of usr/bin/comptoir)" = "-rwxr-xr-x root/root"
check "the unit is /usr/lib/systemd/system/comptoir.service" \
  test "$(mode_of usr/lib/systemd/system/comptoir.service)" = "-rw-r--r-- root/root"
check "/etc/comptoir/comptoir.env is 0640 (secrets)" \
  test "$(mode_of etc/comptoir/comptoir.env)" = "-rw-r----- root/root"
check "docs/deploy.md is in /usr/share/doc/comptoir" test -n "$(mode_of usr/share/doc/comptoir/deploy.md)"

x=$work/root
dpkg-deb -x "$deb" "$x"
# Every data file of the source tree the binary reads from COMPTOIR_DATA_DIR, and nothing else.
for dir in migrations templates locales static api data seeds; do
  if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    expected=$(git -C "$root" ls-files -- "$dir" | sort)
  else
    expected=$(cd "$root" && find "$dir" -type f | sort)
  fi
  got=$(cd "$x/usr/share/comptoir" && find "$dir" -type f | sort)
  if [[ $expected == "$got" ]]; then
    ok "/usr/share/comptoir/$dir holds the $(wc -l <<<"$got") files of $dir/"
  else
    not_ok "/usr/share/comptoir/$dir differs from $dir/:"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$got") | sed 's/^/#   /' || true
  fi
done
check "the packaged unit is deploy/comptoir.service" \
  cmp -s "$x/usr/lib/systemd/system/comptoir.service" "$root/deploy/comptoir.service"
check "the packaged env file is deploy/comptoir.env" \
  cmp -s "$x/etc/comptoir/comptoir.env" "$root/deploy/comptoir.env"

# --- dependencies: every library the binary links comes from a package it depends on ------------
depends=$(field Depends)
depends_names=$(tr ',|' '\n' <<<"$depends" | sed -E 's/^ *//; s/[ (].*//' | sort -u)
libraries=$(ldd "$x/usr/bin/comptoir")
while read -r soname; do
  path=$(awk -v s="$soname" '$1 == s && $3 ~ /^\// { print $3 }' <<<"$libraries" | head -n1)
  if [[ -z $path ]]; then
    not_ok "$soname is not found on this machine (ldd)"
    continue
  fi
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true)
  package=${owner%%:*}
  # The package, or a name it provides (libspdlog1.10 provides libspdlog1.10-fmt9).
  provides=$(dpkg-query -W -f='${Provides}' "$package" 2>/dev/null | tr ',' '\n' | sed -E 's/^ *//; s/[ (].*//')
  satisfied=$(grep -xF -f <(printf '%s\n' "$package" "$provides") <<<"$depends_names" | head -n1 || true)
  if [[ -z $package ]]; then
    not_ok "$soname ($path) belongs to no Debian package"
  elif [[ -n $satisfied ]]; then
    ok "Depends has $satisfied for $soname ($package)"
  else
    not_ok "Depends lacks $package, which $soname comes from"
  fi
done < <(readelf -dW "$x/usr/bin/comptoir" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
# apt can install it on Debian 12: every dependency exists in a version that satisfies it
# (a simulation: nothing is installed; needs apt's lists, `apt-get update`).
if apt-cache show libc6 >/dev/null 2>&1; then
  if apt-get install -s -o Debug::NoLocking=1 "$deb" >"$work/apt.log" 2>&1 && grep -q '^Inst comptoir ' "$work/apt.log"; then
    ok "apt-get install (simulated) resolves the package and its dependencies"
  else
    not_ok "apt-get install (simulated) cannot install it:"
    grep -vE '^(Reading|Building|Note|NOTE)' "$work/apt.log" | sed 's/^/#   /' | tail -n 8
  fi
else
  printf '# no apt lists (apt-get update): installability not simulated\n'
fi
check "Depends has adduser (the postinst creates the user)" grep -qx adduser <<<"$depends_names"
check "Recommends pg_dump's package (backups)" grep -q postgresql-client <<<"$(field Recommends)"

# --- maintainer scripts ---------------------------------------------------------------------------
control=$work/control
dpkg-deb -e "$deb" "$control"
# The postinst's commands, continuation lines joined, comments left out.
postinst=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$control/postinst" | grep -v '^[[:space:]]*#')
check "/etc/comptoir/comptoir.env is a conffile (upgrades keep the owner's edits)" \
  grep -qx /etc/comptoir/comptoir.env "$control/conffiles"
for script in postinst prerm postrm; do
  check "$script is executable and parses" test -x "$control/$script" -a -n "$(sh -n "$control/$script" && echo y)"
  if command -v shellcheck >/dev/null; then
    check "$script passes shellcheck" shellcheck -s sh "$control/$script"
  fi
done
check "postinst creates the system user comptoir" grep -qE 'adduser --system .* comptoir$' <<<"$postinst"
check "postinst gives the env file to group comptoir, 0640" \
  grep -q 'chown root:comptoir /etc/comptoir/comptoir.env' <<<"$postinst"
check "postinst makes MEDIA_DIR and COMPTOIR_BACKUP_DIR of the unit, owned by comptoir" \
  grep -qE 'install -d -o comptoir -g comptoir .*/var/lib/comptoir/media.*/var/backups/comptoir' <<<"$postinst"
if grep -qE 'systemctl (start|enable|restart) ' <<<"$postinst"; then
  not_ok "postinst starts the service before its env file is filled in"
else
  ok "postinst never starts the service (the env file must be filled in first)"
fi

# --- the unpacked binary ---------------------------------------------------------------------------
run() { env -i PATH=/usr/bin:/bin "$@"; }
check "the unpacked binary prints its version" \
  grep -q "^comptoir $version " <<<"$(run "$x/usr/bin/comptoir" --version)"
data=$x/usr/share/comptoir
check "check-config accepts the unpacked data folder" \
  run COMPTOIR_DATA_DIR="$data" "$x/usr/bin/comptoir" check-config >/dev/null
if run COMPTOIR_DATA_DIR="$work/empty" "$x/usr/bin/comptoir" check-config >"$work/empty.log" 2>&1; then
  not_ok "check-config refuses a data folder without migrations/"
else
  ok "check-config refuses a data folder without migrations/"
fi

# Every variable the unit or the env file sets is one Comptoir reads.
known=$(known_settings "$root/README.md")
unit_env=$(sed -nE 's/^Environment=//p' "$x/usr/lib/systemd/system/comptoir.service" | tr ' ' '\n')
file_env=$(grep -E '^[A-Z][A-Z0-9_]*=' "$x/etc/comptoir/comptoir.env")
while IFS='=' read -r name _; do
  [[ -z $name || $name == VIPS_NOVECTOR ]] && continue
  if is_setting "$name" "$known"; then ok "$name (env file or unit) is a setting of README.md"; else not_ok "$name is no setting of README.md"; fi
done <<<"$unit_env"$'\n'"$file_env"
# The documented way to run a command by hand (docs/deploy.md): sh sources the env file. Its
# paths moved into the unpacked root; with the CHANGE_ME placeholders check-config must fail,
# with a real key it must pass, in production.
sed -E "s|=/usr/share/comptoir$|=$data|; s|=/var/lib/comptoir/media$|=$work/media|; s|=/var/backups/comptoir$|=$work/backups|" \
  "$x/etc/comptoir/comptoir.env" >"$work/placeholders.env"
key=$(head -c 32 /dev/urandom | base64)
sed "s|^COMPTOIR_SECRET_KEYS=k1:CHANGE_ME$|COMPTOIR_SECRET_KEYS=k1:$key|" "$work/placeholders.env" >"$work/filled.env"
by_hand() { run sh -c 'set -a; . "$1"; exec "$2" check-config' sh "$1" "$x/usr/bin/comptoir"; }
if by_hand "$work/placeholders.env" >"$work/placeholders.log" 2>&1 ||
  ! grep -q 'error   COMPTOIR_SECRET_KEYS' "$work/placeholders.log"; then
  not_ok "check-config refuses the env file's placeholders (COMPTOIR_SECRET_KEYS=k1:CHANGE_ME)"
else
  ok "check-config refuses the env file's placeholders (COMPTOIR_SECRET_KEYS=k1:CHANGE_ME)"
fi
if by_hand "$work/filled.env" >"$work/filled.log" 2>&1 &&
  grep -q 'Configuration (production environment)' "$work/filled.log"; then
  ok "check-config accepts the env file filled in, sourced by sh, in production"
else
  not_ok "check-config refuses the env file filled in:"
  sed 's/^/#   /' "$work/filled.log" | tail -n 5
fi

((failures == 0))
