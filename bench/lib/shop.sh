# Sourced by bench/checkout and bench/rush (bench/README.md): a Release build, a throw-away
# PostgreSQL with the demo shop, `comptoir serve` on a free loopback port, and the variants orders
# take. Expects `root`, `say` and `die`; sets `bin`, `work`, `server_pid`, `orders`, `variants`
# (product and variant ids, in pairs), DATABASE_URL and BASE_URL, and stops everything on exit.
results_dir=$root/bench/results
mkdir -p "$results_dir"
bin=${COMPTOIR_BIN:-$root/build/release/comptoir}
if [[ -z ${COMPTOIR_BIN:-} ]]; then
  say "building build/release/comptoir"
  cmake --preset release >/dev/null && cmake --build --preset release --target comptoir >/dev/null ||
    die "the release build failed (run: cmake --build --preset release)"
fi
[[ -x $bin ]] || die "$bin is not an executable"

work=""
server_pid=""
# BENCH_STATEMENTS=FILE: PostgreSQL's most expensive statements of the run (pg_stat_statements:
# calls, total and mean ms, rows, the statement), written to FILE when the bench ends.
statements_out=${BENCH_STATEMENTS:-}
[[ -z $statements_out ]] ||
  export PG_SERVER_OPTIONS="${PG_SERVER_OPTIONS:-} -c shared_preload_libraries=pg_stat_statements"
cleanup() {
  if [[ -n $statements_out && -n ${DATABASE_URL:-} ]]; then
    psql "$DATABASE_URL" -XAtq -F ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1),
      round((total_exec_time / calls)::numeric, 3), rows,
      left(regexp_replace(query, '\s+', ' ', 'g'), 160)
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 40" >"$statements_out" 2>&1 || true
  fi
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [[ -n $work ]]; then
    pg_remove "$work/data" >/dev/null 2>&1 || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT

work=$(pg_temp_dir)
pg_start "$work/data" "$work/postgres.log" || die "could not start PostgreSQL"
pg_create_db comptoir || die "could not create database comptoir"
if [[ -n $statements_out ]]; then
  psql "$(pg_url comptoir)" -XAtq -c "CREATE EXTENSION pg_stat_statements" ||
    die "BENCH_STATEMENTS: pg_stat_statements could not be created"
fi
port=$(pg_free_port)
export DATABASE_URL HOST=127.0.0.1 PORT=$port BASE_URL=http://127.0.0.1:$port LOG_LEVEL=warn
DATABASE_URL=$(pg_url comptoir)
export COMPTOIR_ENV=test MEDIA_DIR=$work/media COMPTOIR_SECRET_KEYS="bench:$(openssl rand -base64 32)"
export STRIPE_WEBHOOK_SECRET=whsec_bench_secret
unset STRIPE_SECRET_KEY SMTP_URL
"$bin" migrate >/dev/null || die "comptoir migrate failed"
"$bin" seed --demo >/dev/null || die "comptoir seed --demo failed"
# The variants the orders take: tracked variants of active products, one per product (the hot run
# uses the first), with plenty of stock; the hot one gets BENCH_STOCK.
orders=${BENCH_ORDERS:-2000}
variants=$(psql "$DATABASE_URL" -XAtqF ' ' -c \
  "WITH picked AS (SELECT DISTINCT ON (p.id) p.id AS product, v.id AS variant FROM variants v
     JOIN products p ON p.id = v.product_id WHERE p.status = 'active' AND v.track_inventory
     ORDER BY p.id, v.id LIMIT ${BENCH_VARIANTS:-64})
   UPDATE variants v SET stock_on_hand = 10000000 FROM picked WHERE v.id = picked.variant
   RETURNING picked.product, picked.variant" | sort -n -k2 | tr '\n' ' ')
[[ -n $variants ]] || die "no tracked variant of an active product to order"
# The order limits are per session, email and address: one address and one email place them all;
# the WAF only logs (the sold-out orders' 409s would count towards banning the one client).
export COMPTOIR_WAF=log
export COMPTOIR_RATE_LIMITS="order_session=1000000/1s,order_email=1000000/1s,order_ip=1000000/1s,cart_session=1000000/1s,cart_ip=1000000/1s"

"$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
for ((i = 0; i < 100; i++)); do
  curl -fsS -o /dev/null --max-time 1 "$BASE_URL/healthz" 2>/dev/null && break
  sleep 0.1
done

