-- How an order left: its carrier (a code of orders/shipment.cpp: canada_post, purolator, ups,
-- fedex, dhl, colissimo, chronopost, other) and the parcel's tracking number, beside the
-- tracking link orders already had (made from the two when staff give no link).
ALTER TABLE orders
  ADD COLUMN carrier text CHECK (carrier IS NULL OR carrier ~ '^[a-z_]{1,40}$'),
  ADD COLUMN tracking_number text CHECK (tracking_number IS NULL OR tracking_number ~ '^[A-Z0-9-]{4,40}$');
