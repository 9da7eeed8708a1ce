#!/usr/bin/env bash
# `npm ci` refuses to install when package.json and package-lock.json disagree, and a dependency
# that some package asks for by a dist-tag ("latest", "next") disagrees with the lock as soon
# as its author publishes: CI then fails in setup with nothing changed here (it happened with
# lighthouse's @paulirish/trace_engine asking for third-party-web@latest). Every such dependency
# must be pinned to one exact version in package.json's "overrides".
#
# Run by scripts/test (tests/scripts/*.test.sh); exit 77 = skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v node >/dev/null || {
  printf 'skip: node is not installed (run scripts/setup)\n'
  exit 77
}

cd "$root"
node --input-type=module - <<'JS'
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const overrides = pkg.overrides ?? {};
const exact = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
// A semver range starts with a digit, an operator, "*", "x" or "^"/"~" and any locked version in
// it stays valid ("*" included); a bare word is a dist-tag, whose meaning moves.
const moving = (spec) => /^[A-Za-z][\w.-]*$/.test(spec) && !/^[xX](\.|$)/.test(spec);

let failures = 0;
const seen = new Set();
for (const [where, entry] of Object.entries(lock.packages ?? {})) {
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const [name, spec] of Object.entries(entry[field] ?? {})) {
      if (!moving(spec) || seen.has(name)) continue;
      seen.add(name);
      const pin = overrides[name];
      if (typeof pin === 'string' && exact.test(pin)) {
        console.log(`ok - ${name}@${spec} (asked for by ${where || 'package.json'}) is pinned to ${pin}`);
      } else {
        console.log(`not ok - ${name}@${spec} (asked for by ${where || 'package.json'}) is not pinned ` +
          `to an exact version in package.json "overrides"`);
        failures += 1;
      }
    }
  }
}
for (const [name, spec] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
  if (exact.test(spec)) console.log(`ok - ${name} is pinned to ${spec}`);
  else {
    console.log(`not ok - ${name} is "${spec}" in package.json: pin one exact version`);
    failures += 1;
  }
}
process.exit(failures === 0 ? 0 : 1);
JS
