-- Taxes and shipping by destination: the rules cart/totals applies (cart/tax_rules reads them).
-- Rates are in millionths of the taxable amount (5 % = 50 000): basis points cannot hold
-- Québec's QST of 9.975 %. Each tax is computed on the whole taxable amount and rounded half-up.
CREATE TABLE tax_regions (
  code               text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  country            text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  -- France shows prices with TVA included; Canada shows them before taxes.
  prices_include_tax boolean NOT NULL DEFAULT false,
  shipping_fee       bigint NOT NULL CHECK (shipping_fee >= 0),
  free_shipping_from bigint CHECK (free_shipping_from >= 0),
  shipping_taxable   boolean NOT NULL DEFAULT true,
  active             boolean NOT NULL DEFAULT true
);

CREATE TABLE tax_rates (
  region_code text NOT NULL REFERENCES tax_regions (code) ON DELETE CASCADE,
  code        text NOT NULL CHECK (code ~ '^[a-z_]{2,20}$'),
  position    smallint NOT NULL DEFAULT 0,
  millionths  integer NOT NULL CHECK (millionths BETWEEN 0 AND 500000),
  PRIMARY KEY (region_code, code)
);

-- Canada, 2026: GST 5 % everywhere, harmonized HST in the Atlantic provinces and Ontario
-- (Nova Scotia 14 % since April 2025), provincial sales taxes beside GST in British Columbia,
-- Manitoba, Saskatchewan and Québec. France: TVA 20 % (taux normal). Shops change these rows.
INSERT INTO tax_regions (code, country, prices_include_tax, shipping_fee, free_shipping_from) VALUES
  ('CA-QC', 'CA', false, 995, 7500),
  ('CA-ON', 'CA', false, 1495, 10000),
  ('CA-AB', 'CA', false, 1495, 10000),
  ('CA-BC', 'CA', false, 1495, 10000),
  ('CA-MB', 'CA', false, 1495, 10000),
  ('CA-NB', 'CA', false, 1495, 10000),
  ('CA-NL', 'CA', false, 1495, 10000),
  ('CA-NS', 'CA', false, 1495, 10000),
  ('CA-NT', 'CA', false, 1995, 10000),
  ('CA-NU', 'CA', false, 1995, 10000),
  ('CA-PE', 'CA', false, 1495, 10000),
  ('CA-SK', 'CA', false, 1495, 10000),
  ('CA-YT', 'CA', false, 1995, 10000),
  ('FR', 'FR', true, 2495, 15000);

INSERT INTO tax_rates (region_code, code, position, millionths) VALUES
  ('CA-QC', 'gst', 1, 50000), ('CA-QC', 'qst', 2, 99750),
  ('CA-ON', 'hst', 1, 130000),
  ('CA-AB', 'gst', 1, 50000),
  ('CA-BC', 'gst', 1, 50000), ('CA-BC', 'pst', 2, 70000),
  ('CA-MB', 'gst', 1, 50000), ('CA-MB', 'rst', 2, 70000),
  ('CA-NB', 'hst', 1, 150000),
  ('CA-NL', 'hst', 1, 150000),
  ('CA-NS', 'hst', 1, 140000),
  ('CA-NT', 'gst', 1, 50000),
  ('CA-NU', 'gst', 1, 50000),
  ('CA-PE', 'hst', 1, 150000),
  ('CA-SK', 'gst', 1, 50000), ('CA-SK', 'pst', 2, 60000),
  ('CA-YT', 'gst', 1, 50000),
  ('FR', 'tva', 1, 200000);
