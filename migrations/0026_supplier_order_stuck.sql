-- When a supplier order is stuck — still open (PENDING to IN_PRODUCTION) and longer in its state
-- than its supplier's shipping days (0: never) — said once, for the order queue's column and
-- filter and for dispatch's ORDER_STUCK alert.
CREATE FUNCTION supplier_order_stuck(state text, in_state interval, shipping_days integer)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN state IN ('PENDING', 'SENT_TO_SUPPLIER', 'CONFIRMED', 'IN_PRODUCTION')
         AND shipping_days > 0 AND in_state > make_interval(days => shipping_days);
