-- The legal pages (privacy policy, terms of sale, legal notice, cookie policy) are text templated
-- from the shop's settings. Each published version is kept, per document and locale, as it was
-- shown: written once, the first time the shop renders it, and never changed (src/legal).
-- A version is "<edition date>.<8 hex digits of the SHA-256 of the rendered texts>", so a change
-- of the prose (a new edition) or of a setting the text shows makes a new version.
CREATE TABLE legal_versions (
  document text NOT NULL CHECK (document IN ('privacy', 'terms', 'legal_notice', 'cookies')),
  version text NOT NULL CHECK (version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\.[0-9a-f]{8}$'),
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  edition date NOT NULL,
  body text NOT NULL,  -- the document's text as HTML, as the page showed it
  first_shown_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document, version, locale)
);

-- The version of the terms of sale in force when the customer placed the order (the checkout says
-- that placing the order accepts them). NULL for orders placed before this column existed.
ALTER TABLE orders ADD COLUMN terms_version text
  CHECK (terms_version IS NULL OR terms_version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\.[0-9a-f]{8}$');
