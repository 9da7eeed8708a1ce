-- Variants' rules on their values, as domains (#16, orders per second), as 0039 did for orders.
--
-- Every order reserves its variants' stock with one UPDATE of each (catalog/inventory.cpp), and
-- PostgreSQL planned and tested the table's seven CHECK constraints for each of them, three of
-- them regular expressions over columns the UPDATE does not set. As domains, the rules are kept
-- ready by each backend and tested only for the columns a statement gives: the stock UPDATE tests
-- the one it sets, the suppliers' count. The rules are the same; NOT NULL and the defaults stay on
-- the columns.
--
-- `compare_at_cents > price_cents` reads two columns and stays a CHECK.

CREATE DOMAIN variant_sku AS text CHECK (VALUE ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
-- Empty, or a GTIN-8, UPC (12), EAN (13) or GTIN-14.
CREATE DOMAIN variant_gtin AS text CHECK (VALUE = '' OR VALUE ~ '^([0-9]{8}|[0-9]{12,14})$');
CREATE DOMAIN variant_currency AS text CHECK (VALUE ~ '^[A-Z]{3}$');
CREATE DOMAIN variant_option_values AS jsonb CHECK (jsonb_typeof(VALUE) = 'object');
-- In the currency's smallest unit (cents).
CREATE DOMAIN variant_price AS bigint CHECK (VALUE >= 0);
CREATE DOMAIN variant_units AS integer CHECK (VALUE >= 0);

ALTER TABLE variants
  DROP CONSTRAINT variants_sku_check,
  DROP CONSTRAINT variants_gtin_check,
  DROP CONSTRAINT variants_currency_check,
  DROP CONSTRAINT variants_option_values_check,
  DROP CONSTRAINT variants_price_cents_check,
  DROP CONSTRAINT variants_supplier_stock_check,
  ALTER COLUMN sku TYPE variant_sku,
  ALTER COLUMN gtin TYPE variant_gtin,
  ALTER COLUMN currency TYPE variant_currency,
  ALTER COLUMN option_values TYPE variant_option_values,
  ALTER COLUMN price_cents TYPE variant_price,
  ALTER COLUMN supplier_stock TYPE variant_units;
