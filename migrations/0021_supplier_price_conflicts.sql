-- A shop variant whose price no longer leaves the margin floor with any of its suppliers in stock
-- (their costs rose, or the price was lowered): PRICE_CONFLICT, for staff to reprice or remap.
ALTER TABLE supplier_alerts DROP CONSTRAINT supplier_alerts_kind_check;
ALTER TABLE supplier_alerts ADD CONSTRAINT supplier_alerts_kind_check
  CHECK (kind IN ('LOW_STOCK', 'SYNC_FAILED', 'API_FAILING', 'RATE_LIMITED', 'ORDER_STUCK',
                  'ORDER_FAILED', 'ORDER_UNROUTED', 'CANCEL_AT_SUPPLIER', 'PRICE_CONFLICT'));
