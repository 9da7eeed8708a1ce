-- Cheap throttles (#16). Every order, cart write and Stripe webhook takes from one to three token
-- buckets; in bench/checkout the bucket upsert was PostgreSQL's largest cost (27 600 calls a run,
-- 0.15 ms each), most of it spent waiting on a hot bucket's row lock (every webhook of Stripe's
-- addresses, every order of one office's address), held for one round trip per bucket taken
-- after it and one for COMMIT.

-- A bucket's count is not worth a write-ahead log record: an unlogged table writes none, so
-- neither the upsert nor its commit waits for the log (a transaction that wrote only unlogged
-- rows commits without a flush). What it gives up: after a crash of PostgreSQL (not of
-- Comptoir, not a clean restart) the table starts empty, i.e. every bucket full, and a standby
-- has no copy of it (throttles only ever use the primary). Room left on each page lets an update
-- stay on its page (a HOT update: the key's index is not touched).
ALTER TABLE rate_limit_buckets SET UNLOGGED;
ALTER TABLE rate_limit_buckets SET (fillfactor = 50);

-- Takes one token from each bucket in turn and stops at the first that refuses, in one
-- statement: an attempt's buckets (most specific first) cost one round trip, not one each.
-- Refill for the time elapsed (capped at the burst), then take one token if there is one; a new
-- bucket starts full. PostgreSQL's upsert either inserts or updates even when a reset (a
-- successful login) deletes the row meanwhile. Returns the position (from 1) of the bucket that
-- decided (the one that refused, or the last), its tokens left and its refusals in a row (0: the
-- attempt is allowed).
CREATE FUNCTION rate_limit_take(p_buckets text[], p_bursts float8[], p_rates float8[],
                                OUT decided integer, OUT tokens_left float8,
                                OUT refusals integer)
  LANGUAGE plpgsql AS $$
BEGIN
  decided := 0;
  refusals := 0;
  FOR i IN 1 .. coalesce(array_length(p_buckets, 1), 0) LOOP
    decided := i;
    INSERT INTO rate_limit_buckets AS b (bucket, tokens, strikes, updated_at)
    VALUES (p_buckets[i],
            CASE WHEN p_bursts[i] >= 1 THEN p_bursts[i] - 1 ELSE p_bursts[i] END,
            CASE WHEN p_bursts[i] >= 1 THEN 0 ELSE 1 END, statement_timestamp())
    ON CONFLICT (bucket) DO UPDATE SET
      tokens = LEAST(p_bursts[i], b.tokens + extract(epoch FROM statement_timestamp()
                     - b.updated_at)::float8 * p_rates[i])
               - CASE WHEN LEAST(p_bursts[i], b.tokens + extract(epoch FROM statement_timestamp()
                          - b.updated_at)::float8 * p_rates[i]) >= 1 THEN 1 ELSE 0 END,
      strikes = CASE WHEN LEAST(p_bursts[i], b.tokens + extract(epoch FROM statement_timestamp()
                          - b.updated_at)::float8 * p_rates[i]) >= 1 THEN 0
                     ELSE b.strikes + 1 END,
      updated_at = statement_timestamp()
    RETURNING b.tokens, b.strikes INTO tokens_left, refusals;
    EXIT WHEN refusals > 0;
  END LOOP;
END
$$;
