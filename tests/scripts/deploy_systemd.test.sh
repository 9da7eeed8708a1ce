#!/usr/bin/env bash
# deploy/comptoir.service (docs/deploy.md): `systemd-analyze verify` finds nothing wrong with it,
# `systemd-analyze security` rates its exposure at most 2.0 ("OK"), and it holds the hardening and
# the settings the package and Comptoir rely on: every variable it sets is a setting of README.md,
# the folders it may write are the ones it points MEDIA_DIR and COMPTOIR_BACKUP_DIR at, its stop
# timeout is above COMPTOIR_SHUTDOWN_GRACE. Reads the unit only: nothing is started.
#
# Run by scripts/test ("Deployment tests"); exit 77 = skipped (no systemd-analyze: the Debian
# package systemd, which scripts/setup installs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/scripts/lib/settings.sh
source "$root/tests/scripts/lib/settings.sh"
unit=$root/deploy/comptoir.service

if ! command -v systemd-analyze >/dev/null; then
  printf 'skip: systemd-analyze is missing (apt-get install systemd; scripts/setup does)\n'
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-unit.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/scripts/lib/checks.sh
source "$root/tests/scripts/lib/checks.sh"

# verify checks that ExecStart's program exists: point the copy at a built binary when there is one.
program=/bin/true
for candidate in "${COMPTOIR_BIN:-}" "$root/build/release/comptoir" "$root/build/debug/comptoir"; do
  if [[ -x $candidate ]]; then
    program=$candidate
    break
  fi
done
sed "s|/usr/bin/comptoir|$program|g" "$unit" >"$work/comptoir.service"
if systemd-analyze verify "$work/comptoir.service" >"$work/verify.log" 2>&1 && [[ ! -s $work/verify.log ]]; then
  ok "systemd-analyze verify: no error, no warning"
else
  not_ok "systemd-analyze verify:"
  sed 's/^/#   /' "$work/verify.log"
fi
if systemd-analyze security --offline=yes --threshold=20 "$work/comptoir.service" >"$work/security.log" 2>&1; then
  ok "systemd-analyze security: $(grep -o 'Overall exposure level.*' "$work/security.log")"
else
  not_ok "systemd-analyze security rates it above 2.0:"
  grep -E '✗|Overall' "$work/security.log" | sed 's/^/#   /'
fi

# --- what the unit must say ---------------------------------------------------------------------
directives=$(grep -E '^[A-Za-z]+=' "$unit")
value() { sed -nE "s/^$1=//p" <<<"$directives" | tail -n1; }
expect() { # expect DIRECTIVE VALUE [WHY]
  if [[ $(value "$1") == "$2" ]]; then ok "$1=$2${3:+ ($3)}"; else not_ok "$1 is '$(value "$1")', not '$2'${3:+ ($3)}"; fi
}
expect User comptoir "the postinst's system user"
expect ExecStart "/usr/bin/comptoir serve"
expect ExecStartPre "/usr/bin/comptoir migrate" "production refuses to serve with pending migrations"
expect EnvironmentFile /etc/comptoir/comptoir.env
expect Restart on-failure
expect ProtectSystem strict
expect ProtectHome yes
expect PrivateTmp yes
expect NoNewPrivileges yes
expect CapabilityBoundingSet ""
expect MemoryDenyWriteExecute yes
expect RestrictAddressFamilies "AF_UNIX AF_INET AF_INET6"
if grep -qx 'SystemCallFilter=@system-service' <<<"$directives"; then
  ok "SystemCallFilter=@system-service"
else
  not_ok "no SystemCallFilter=@system-service"
fi

environment=$(sed -nE 's/^Environment=//p' <<<"$directives" | tr ' ' '\n')
env_value() { sed -nE "s/^$1=//p" <<<"$environment" | tail -n1; }
known=$(known_settings "$root/README.md")
while IFS='=' read -r name _; do
  [[ -z $name ]] && continue
  if [[ $name == VIPS_NOVECTOR ]] || is_setting "$name" "$known"; then
    ok "Environment= $name is known"
  else
    not_ok "Environment= $name is no setting of README.md"
  fi
done <<<"$environment"
# liborc (libvips) writes machine code at run time unless told not to: MemoryDenyWriteExecute=yes
# would make picture uploads fail without VIPS_NOVECTOR.
if [[ $(env_value VIPS_NOVECTOR) == 1 ]]; then
  ok "VIPS_NOVECTOR=1 goes with MemoryDenyWriteExecute=yes"
else
  not_ok "MemoryDenyWriteExecute=yes without VIPS_NOVECTOR=1: libvips' run-time code is refused"
fi
expect_env() {
  if [[ $(env_value "$1") == "$2" ]]; then ok "Environment= $1=$2"; else not_ok "Environment= $1 is '$(env_value "$1")', not '$2'"; fi
}
expect_env COMPTOIR_ENV production
expect_env COMPTOIR_DATA_DIR /usr/share/comptoir
# ProtectSystem=strict: only StateDirectory= and ReadWritePaths= are writable.
media=$(env_value MEDIA_DIR)
backups=$(env_value COMPTOIR_BACKUP_DIR)
state=$(value StateDirectory)
if [[ $media == /var/lib/* ]] && grep -qw -- "${media#/var/lib/}" <<<"$state"; then
  ok "MEDIA_DIR ($media) is a StateDirectory= ($state): writable"
else
  not_ok "MEDIA_DIR ($media) is not writable under ProtectSystem=strict (StateDirectory=$state)"
fi
if grep -qw -- "$backups" <<<"$(value ReadWritePaths)"; then
  ok "COMPTOIR_BACKUP_DIR ($backups) is a ReadWritePaths=: writable"
else
  not_ok "COMPTOIR_BACKUP_DIR ($backups) is not writable (ReadWritePaths=$(value ReadWritePaths))"
fi
if grep -q -- "$backups" "$root/deploy/debian/postinst"; then
  ok "the postinst makes $backups (ReadWritePaths= needs it to exist)"
else
  not_ok "nothing makes $backups: the unit would not start"
fi
# Stop timeout above COMPTOIR_SHUTDOWN_GRACE's default (10 s, README.md) or its value in the env file.
grace=$(sed -nE 's/^COMPTOIR_SHUTDOWN_GRACE=([0-9]+)s$/\1/p' "$root/deploy/comptoir.env")
grace=${grace:-10}
stop=$(value TimeoutStopSec)
if [[ $stop =~ ^([0-9]+)s$ ]] && ((BASH_REMATCH[1] > grace)); then
  ok "TimeoutStopSec=$stop is above the shutdown grace (${grace}s)"
else
  not_ok "TimeoutStopSec=$stop is not above the shutdown grace (${grace}s): in-flight requests would be killed"
fi

((failures == 0))
