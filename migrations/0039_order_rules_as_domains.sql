-- Orders' rules on their values, as domains (#16, Stripe webhooks applied per second).
--
-- An orders row had twenty CHECK constraints. PostgreSQL reads a table's CHECK constraints back
-- from their stored text and plans them again for every statement that writes the table, then
-- tests every one of them on each row written, whatever columns the statement sets. A paid
-- event's one UPDATE of an order (its status, updated_at, paid_at and payment intent) paid for
-- twenty: over the same rows, pgbench updated the status 4 900–7 000 times per second with them,
-- 7 400–9 600 without (bench/README.md, "The rules of orders, order_lines and variants as domains").
--
-- A domain's rule is kept ready by each backend once it has read it, and is tested only when a
-- value is given to a column of that type. The rules themselves are the same: a domain's CHECK
-- passes a NULL as a column CHECK does, and NOT NULL stays on the columns.
--
-- Three rules stay CHECKs of the table; with them alone, the same pgbench ran 6 500–9 300 status
-- updates per second:
-- - `refunded_amount <= total` reads two columns;
-- - the shipping address's shape: a generated column (address_key_id) is computed from it, and
--   PostgreSQL will not change the type of a column that one is computed from;
-- - the status. The statement that changes it (orders_set_status) gives its parameter to the
--   status, to the history's text column and to `$2 = 'paid'`: with the status an order_status,
--   that parameter has no type PostgreSQL can deduce. The release before this one prepares that
--   statement as it is, and must keep working on this schema during a rolling deploy
--   (docs/operations.md, "Migrations").
--
-- Changing the columns' types rewrites the tables once, under their locks, and checks every row
-- against the domains. Code sees no difference: values come and go as text, and a domain compares
-- and casts as the type it is made of.

CREATE DOMAIN order_number AS text CHECK (VALUE ~ '^CMP-[0-9A-HJKMNP-TV-Z]{8}$');
CREATE DOMAIN order_email AS text CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');
CREATE DOMAIN order_locale AS text CHECK (VALUE IN ('fr', 'en'));
CREATE DOMAIN order_currency AS text CHECK (VALUE ~ '^[A-Z]{3}$');
-- Amounts in the currency's smallest unit (cents).
CREATE DOMAIN order_amount AS bigint CHECK (VALUE >= 0);
CREATE DOMAIN order_taxes AS jsonb CHECK (jsonb_typeof(VALUE) = 'array');
CREATE DOMAIN order_payment_provider AS text CHECK (VALUE IN ('stripe', 'manual'));
CREATE DOMAIN order_carrier AS text CHECK (VALUE ~ '^[a-z_]{1,40}$');
CREATE DOMAIN order_tracking_number AS text CHECK (VALUE ~ '^[A-Z0-9-]{4,40}$');
CREATE DOMAIN order_analytics_client_id AS text CHECK (VALUE ~ '^[0-9]{1,20}\.[0-9]{1,20}$');
CREATE DOMAIN order_terms_version AS text
  CHECK (VALUE ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\.[0-9a-f]{8}$');
-- An order line's units: at most 99 of a variant in one line, as the cart allows.
CREATE DOMAIN order_quantity AS integer CHECK (VALUE BETWEEN 1 AND 99);
CREATE DOMAIN order_units AS integer CHECK (VALUE >= 0);

ALTER TABLE orders
  DROP CONSTRAINT orders_number_check,
  DROP CONSTRAINT orders_email_check,
  DROP CONSTRAINT orders_locale_check,
  DROP CONSTRAINT orders_currency_check,
  DROP CONSTRAINT orders_subtotal_check,
  DROP CONSTRAINT orders_discount_check,
  DROP CONSTRAINT orders_shipping_check,
  DROP CONSTRAINT orders_fees_check,
  DROP CONSTRAINT orders_tax_check,
  DROP CONSTRAINT orders_total_check,
  DROP CONSTRAINT orders_taxes_check,
  DROP CONSTRAINT orders_payment_provider_check,
  DROP CONSTRAINT orders_refunded_amount_check,
  DROP CONSTRAINT orders_carrier_check,
  DROP CONSTRAINT orders_tracking_number_check,
  DROP CONSTRAINT orders_analytics_client_id_check,
  DROP CONSTRAINT orders_terms_version_check,
  ALTER COLUMN number TYPE order_number,
  ALTER COLUMN email TYPE order_email,
  ALTER COLUMN locale TYPE order_locale,
  ALTER COLUMN currency TYPE order_currency,
  ALTER COLUMN subtotal TYPE order_amount,
  ALTER COLUMN discount TYPE order_amount,
  ALTER COLUMN shipping TYPE order_amount,
  ALTER COLUMN fees TYPE order_amount,
  ALTER COLUMN tax TYPE order_amount,
  ALTER COLUMN total TYPE order_amount,
  ALTER COLUMN taxes TYPE order_taxes,
  ALTER COLUMN payment_provider TYPE order_payment_provider,
  ALTER COLUMN refunded_amount TYPE order_amount,
  ALTER COLUMN carrier TYPE order_carrier,
  ALTER COLUMN tracking_number TYPE order_tracking_number,
  ALTER COLUMN analytics_client_id TYPE order_analytics_client_id,
  ALTER COLUMN terms_version TYPE order_terms_version;

-- Each line of an order is one INSERT, which paid for its five rules the same way.
ALTER TABLE order_lines
  DROP CONSTRAINT order_lines_unit_price_check,
  DROP CONSTRAINT order_lines_quantity_check,
  DROP CONSTRAINT order_lines_amount_check,
  DROP CONSTRAINT order_lines_tax_check,
  DROP CONSTRAINT order_lines_supplier_units_check,
  ALTER COLUMN unit_price TYPE order_amount,
  ALTER COLUMN quantity TYPE order_quantity,
  ALTER COLUMN amount TYPE order_amount,
  ALTER COLUMN tax TYPE order_amount,
  ALTER COLUMN supplier_units TYPE order_units;
