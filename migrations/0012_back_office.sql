-- The back office's dashboard asks for the variants of active products whose tracked stock is at
-- or below the shop's threshold: this index keeps that a walk of the low end of the stock,
-- however large the catalog (catalog/stock_report.cpp).
CREATE INDEX variants_low_stock ON variants (stock_on_hand, id) WHERE track_inventory;

-- The dashboard's sales figures read orders paid over the last 30 days.
CREATE INDEX orders_paid_idx ON orders (paid_at) WHERE paid_at IS NOT NULL;
