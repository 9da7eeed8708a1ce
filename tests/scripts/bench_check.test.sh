#!/usr/bin/env bash
# bench/check's logic on fabricated bench/instructions results and budgets: a target within its
# budget passes, one more than 10 % over fails and says by how much, one more than 10 % under
# passes but says to lower the budget, one the results lack fails as missing; BENCH_TARGETS and
# BENCH_TOLERANCE narrow and widen what is checked. No build and no valgrind here.
#
# Run by scripts/test (tests/scripts/*.test.sh); exit 77 = skipped.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=python3
[[ -x /usr/bin/python3 ]] && python=/usr/bin/python3
command -v "$python" >/dev/null || {
  printf 'skip: python3 is not installed\n'
  exit 77
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tests/scripts/lib/checks.sh
source "$root/tests/scripts/lib/checks.sh"

cat >"$work/budgets.json" <<'JSON'
{"tolerance": 0.10, "targets": {"plaintext": 50000, "product_fr": 70000, "home_fr": 100000}}
JSON
# measured: plaintext 54 000 (+8 %: ok), product_fr 80 500 (+15 %: over), home_fr 80 000 (-20 %: under)
results() {
  cat >"$work/$1" <<JSON
{"bench": "instructions", "version": "comptoir test", "targets": {
  "plaintext": {"path": "/_bench/plaintext", "status": "measured", "ir_per_request_exact": 54000.0},
  "product_fr": {"path": "/fr/produit/x", "status": "measured", "ir_per_request_exact": $2},
  "home_fr": {"path": "/fr/", "status": "measured", "ir_per_request_exact": 80000.0}$3}}
JSON
}
check() { # check NAME RESULTS [ENV…]: runs bench/check, keeps its output and exit status
  local name=$1 file=$2
  shift 2
  rc=0
  env BENCH_BUDGETS="$work/budgets.json" "$@" "$root/bench/check" "$work/$file" >"$work/$name.out" 2>&1 || rc=$?
  out=$(cat "$work/$name.out")
}
expect() { # expect DESCRIPTION PATTERN: the last output matches the extended regex
  if grep -qE -- "$2" <<<"$out"; then ok "$1"; else
    not_ok "$1 (no /$2/ in:)"
    printf '%s\n' "$out" | sed 's/^/    /'
  fi
}
exits() { # exits CODE DESCRIPTION: the last run's exit status
  if ((rc == $1)); then ok "$2"; else not_ok "$2 (exit $rc, not $1)"; fi
}

results over.json 80500.0 ""
check over over.json
exits 1 "a target 15 % over its budget fails (exit 1)"
expect "it says which target is over, and by how much" '^product_fr .*OVER: \+15\.0% over its budget'
expect "it says how many Ir/request more" '10,500 Ir/request more'
expect "a target within 10 % is ok" '^plaintext .*\+8\.0%  ok$'
expect "a target 20 % under passes but asks for a lower budget" '^home_fr .*under: -20\.0%.*lower the budget to 80,000'
expect "the summary counts the targets within budget" '2 of 3 target\(s\) within budget'

results fine.json 75000.0 ""
check fine fine.json
exits 0 "within 10 % passes (exit 0), even with a target far under its budget"
expect "7 % over is within the tolerance" '^product_fr .*\+7\.1%  ok$'

results missing.json 75000.0 ""
"$python" - "$work/missing.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
del data["targets"]["plaintext"]
data["targets"]["home_fr"] = {"path": "/fr/", "status": "missing"}
json.dump(data, open(sys.argv[1], "w"))
PY
check missing missing.json
exits 1 "a budgeted target absent from the results fails (exit 1)"
expect "absent from the results: MISSING" '^plaintext .*MISSING: not measured \(absent from missing\.json\)'
expect "answered but not measured: MISSING with its status" '^home_fr .*MISSING: not measured \(missing\)'

check narrowed over.json BENCH_TARGETS=plaintext,home_fr
exits 0 "BENCH_TARGETS checks only the targets it names"
if grep -q '^product_fr' <<<"$out"; then
  not_ok "BENCH_TARGETS: product_fr was checked anyway"
else
  ok "a target BENCH_TARGETS leaves out is not shown"
fi

check unbudgeted over.json BENCH_TARGETS=plaintext,search_fr
expect "a measured target without a budget says so" '^search_fr .*no budget'

check tolerant over.json BENCH_TOLERANCE=0.2
exits 0 "BENCH_TOLERANCE=0.2 lets 15 % over pass"

check unreadable nowhere.json
exits 2 "unreadable results: exit 2"
expect "it names the file it cannot read" 'cannot read the results .*nowhere\.json'

printf '%d check(s) failed\n' "$failures"
((failures == 0))
