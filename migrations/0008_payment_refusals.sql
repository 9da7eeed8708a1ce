-- Verified payment events that must not act (design.md §5): a Checkout Session that is not the
-- one stored for the order it names, an amount or currency other than the order's, a refund
-- larger than the payment. They are applied (nothing more to do) with outcome 'refused' and the
-- reason here, and the back office lists them.
ALTER TABLE stripe_events ADD COLUMN refusal text
  CHECK (refusal IS NULL OR refusal IN ('foreign_session', 'amount_mismatch', 'currency_mismatch',
                                        'refund_exceeds_payment'));
CREATE INDEX stripe_events_refused_idx ON stripe_events (received_at DESC) WHERE outcome = 'refused';
