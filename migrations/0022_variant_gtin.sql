-- A variant's GTIN (the barcode number: GTIN-8, UPC-A GTIN-12, EAN GTIN-13 or GTIN-14), '' when it
-- has none. Kept as entered; two spellings of one trade item (a UPC-A and the same number as an
-- EAN-13 with a leading zero) are the same GTIN, so uniqueness and lookups use the 14-digit form.
-- The catalog checks the check digit; the supplier engine maps its suppliers' variants by it.
ALTER TABLE variants ADD COLUMN gtin text NOT NULL DEFAULT ''
  CHECK (gtin = '' OR gtin ~ '^([0-9]{8}|[0-9]{12,14})$');
CREATE UNIQUE INDEX variants_gtin ON variants (lpad(gtin, 14, '0')) WHERE gtin <> '';
