-- Catalog: categories (a tree), products with variants, images, per-locale translations, slug
-- history, full-text search, and the API tokens that guard catalog writes until staff accounts.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE (it reads a dictionary chosen by search_path); pinning the dictionary makes
-- it safe to use in generated columns and indexes.
CREATE FUNCTION comptoir_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Accent-insensitive full-text configurations: words pass through unaccent before stemming, so
-- « théière » and "theiere" give the same lexeme, and ts_headline still marks the accented text.
CREATE TEXT SEARCH CONFIGURATION comptoir_french (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION comptoir_french
  ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION comptoir_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION comptoir_english
  ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;

CREATE FUNCTION comptoir_search_config(locale text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE locale WHEN 'fr' THEN 'public.comptoir_french'::regconfig
                           ELSE 'public.comptoir_english'::regconfig END $$;

CREATE TABLE categories (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id   bigint REFERENCES categories (id) ON DELETE RESTRICT,
  position    integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true,
  featured    boolean NOT NULL DEFAULT false,
  image_path  text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent ON categories (parent_id, position);

CREATE TABLE category_translations (
  category_id      bigint NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  locale           text NOT NULL CHECK (locale IN ('fr', 'en')),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Slugs are ASCII: the "C" collation keeps `slug LIKE 'base-%'` on the unique index.
  slug             text COLLATE "C" NOT NULL
                   CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  description      text NOT NULL DEFAULT '',
  meta_title       text NOT NULL DEFAULT '',
  meta_description text NOT NULL DEFAULT '',
  PRIMARY KEY (category_id, locale),
  UNIQUE (locale, slug)
);

CREATE TABLE products (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  fulfillment_type    text NOT NULL DEFAULT 'LOCAL_STOCK'
                      CHECK (fulfillment_type IN ('LOCAL_STOCK', 'DROPSHIPPING', 'PRINT_ON_DEMAND')),
  brand               text NOT NULL DEFAULT '',
  tax_class           text NOT NULL DEFAULT 'standard',
  weight_grams        integer NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
  primary_category_id bigint REFERENCES categories (id) ON DELETE SET NULL,
  featured            boolean NOT NULL DEFAULT false,
  popularity          integer NOT NULL DEFAULT 0,
  -- Option axes, e.g. [{"code": "size", "name": {"fr": "Taille", "en": "Size"}}]
  options             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(options) = 'array'),
  -- The cheapest variant's offer and whether any variant can be bought, kept by the variants
  -- triggers below: listings filter and sort on them without visiting variants.
  cheapest_price_cents      bigint NOT NULL DEFAULT 0,
  cheapest_compare_at_cents bigint,
  currency                  text NOT NULL DEFAULT 'CAD',
  in_stock                  boolean NOT NULL DEFAULT false,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
-- One index per listing order, each led by status so the storefront's `status = 'active'` walks it.
CREATE INDEX products_newest ON products (status, created_at DESC, id DESC);
CREATE INDEX products_popularity ON products (status, popularity DESC, id);
CREATE INDEX products_price ON products (status, cheapest_price_cents, id);
CREATE INDEX products_featured ON products (popularity DESC, id) WHERE featured AND status = 'active';
CREATE INDEX products_primary_category ON products (primary_category_id);

CREATE TABLE product_translations (
  product_id        bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  locale            text NOT NULL CHECK (locale IN ('fr', 'en')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Slugs are ASCII: the "C" collation keeps `slug LIKE 'base-%'` on the unique index.
  slug              text COLLATE "C" NOT NULL
                    CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  short_description text NOT NULL DEFAULT '',
  description       text NOT NULL DEFAULT '',
  meta_title        text NOT NULL DEFAULT '',
  meta_description  text NOT NULL DEFAULT '',
  search            tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector(comptoir_search_config(locale), name), 'A') ||
      setweight(to_tsvector(comptoir_search_config(locale), short_description), 'B') ||
      setweight(to_tsvector(comptoir_search_config(locale), description), 'C')
  ) STORED,
  -- Copies of products.status = 'active' and products.popularity, kept by the triggers below, so
  -- a storefront search reads one table: its partial indexes hold published rows only.
  published         boolean NOT NULL DEFAULT false,
  popularity        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, locale),
  UNIQUE (locale, slug)
);
-- Any status (staff searches).
CREATE INDEX product_translations_search ON product_translations USING gin (search);
-- Storefront searches, one index per language. A common word matches a large share of a big
-- catalog: the search then walks the popularity index and stops after enough matches, instead of
-- ranking every match (see product_list_query.cpp).
CREATE INDEX product_translations_search_fr ON product_translations USING gin (search)
  WHERE locale = 'fr' AND published;
CREATE INDEX product_translations_search_en ON product_translations USING gin (search)
  WHERE locale = 'en' AND published;
CREATE INDEX product_translations_popular_fr ON product_translations (popularity DESC, product_id)
  WHERE locale = 'fr' AND published;
CREATE INDEX product_translations_popular_en ON product_translations (popularity DESC, product_id)
  WHERE locale = 'en' AND published;
-- Sort by name: ICU root collation, so « Écharpe » sorts with the e's, whatever the database locale.
CREATE INDEX product_translations_name
  ON product_translations (locale, name COLLATE "und-x-icu", product_id);

CREATE FUNCTION product_translation_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.status = 'active', p.popularity INTO NEW.published, NEW.popularity
    FROM products p WHERE p.id = NEW.product_id;
  RETURN NEW;
END $$;
CREATE TRIGGER product_translations_copies BEFORE INSERT ON product_translations
  FOR EACH ROW EXECUTE FUNCTION product_translation_copies();

CREATE FUNCTION products_published_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE product_translations t
     SET published = n.status = 'active', popularity = n.popularity
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE t.product_id = n.id
     AND (n.status IS DISTINCT FROM o.status OR n.popularity IS DISTINCT FROM o.popularity);
  RETURN NULL;
END $$;
CREATE TRIGGER products_published AFTER UPDATE ON products
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION products_published_changed();

-- The words of published product names, per language, with how many products use each: the
-- dictionary "did you mean" suggestions come from (pg_trgm similarity), small whatever the
-- catalog's size. Kept by statement triggers on product_translations.
CREATE TABLE search_words (
  locale   text NOT NULL,
  word     text COLLATE "C" NOT NULL,  -- unaccented, lower case: what similarity compares
  display  text NOT NULL,              -- lower case with its accents: what is suggested
  products integer NOT NULL,
  PRIMARY KEY (locale, word)
);
CREATE INDEX search_words_trgm ON search_words USING gin (word gin_trgm_ops);

CREATE FUNCTION name_words(name text) RETURNS TABLE (word text, display text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT DISTINCT comptoir_unaccent(w), w
    FROM regexp_split_to_table(lower(name), '[^[:alnum:]]+') AS w
   WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
$$;

CREATE FUNCTION search_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words AS s (locale, word, display, products)
  SELECT n.locale, w.word, min(w.display), count(*)
    FROM new_rows n, name_words(n.name) AS w WHERE n.published GROUP BY n.locale, w.word
  ON CONFLICT (locale, word) DO UPDATE SET products = s.products + EXCLUDED.products;
  RETURN NULL;
END $$;
CREATE FUNCTION search_words_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_words s SET products = s.products - d.products
    FROM (SELECT o.locale, w.word, count(*) AS products
            FROM old_rows o, name_words(o.name) AS w WHERE o.published
           GROUP BY o.locale, w.word) d
   WHERE s.locale = d.locale AND s.word = d.word;
  DELETE FROM search_words WHERE products <= 0;
  RETURN NULL;
END $$;
-- A row counts when it is published; only a change of name or of publication moves counts.
CREATE FUNCTION search_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words AS s (locale, word, display, products)
  SELECT c.locale, w.word, min(w.display), sum(c.delta)
    FROM (SELECT o.locale, o.name, -1 AS delta
            FROM old_rows o JOIN new_rows n USING (product_id, locale)
           WHERE o.published AND NOT (n.published AND n.name = o.name)
          UNION ALL
          SELECT n.locale, n.name, 1
            FROM new_rows n JOIN old_rows o USING (product_id, locale)
           WHERE n.published AND NOT (o.published AND o.name = n.name)) c,
         name_words(c.name) AS w
   GROUP BY c.locale, w.word
  HAVING sum(c.delta) <> 0
  ON CONFLICT (locale, word) DO UPDATE SET products = s.products + EXCLUDED.products;
  DELETE FROM search_words WHERE products <= 0;
  RETURN NULL;
END $$;
CREATE TRIGGER search_words_insert AFTER INSERT ON product_translations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_inserted();
CREATE TRIGGER search_words_update AFTER UPDATE ON product_translations
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_updated();
CREATE TRIGGER search_words_delete AFTER DELETE ON product_translations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_deleted();

CREATE TABLE product_categories (
  product_id  bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  category_id bigint NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
  position    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_categories_category ON product_categories (category_id, product_id);

-- A category page lists its subcategories' products too, sorted by price, date or popularity.
-- With a million products, walking a products index while testing membership, or sorting every
-- member, costs hundreds of milliseconds when a category's prices cluster at one end. So every
-- (category or ancestor of it, product) pair is kept here with the product's sort keys: a page
-- is one range of one index. Kept by the triggers below.
CREATE TABLE category_listings (
  category_id bigint NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  product_id  bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  status      text NOT NULL,
  price_cents bigint NOT NULL,
  in_stock    boolean NOT NULL,
  popularity  integer NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (category_id, product_id)
);
CREATE INDEX category_listings_newest
  ON category_listings (category_id, status, created_at DESC, product_id DESC);
CREATE INDEX category_listings_price ON category_listings (category_id, status, price_cents, product_id);
CREATE INDEX category_listings_popular
  ON category_listings (category_id, status, popularity DESC, product_id);
CREATE INDEX category_listings_product ON category_listings (product_id);

CREATE FUNCTION refresh_category_listings(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM category_listings WHERE product_id = ANY (ids);
  INSERT INTO category_listings (category_id, product_id, status, price_cents, in_stock,
                                 popularity, created_at)
  WITH RECURSIVE up (category_id, product_id) AS (
    SELECT pc.category_id, pc.product_id FROM product_categories pc WHERE pc.product_id = ANY (ids)
    UNION
    SELECT c.parent_id, up.product_id FROM up JOIN categories c ON c.id = up.category_id
     WHERE c.parent_id IS NOT NULL
  )
  SELECT up.category_id, p.id, p.status, p.cheapest_price_cents, p.in_stock, p.popularity,
         p.created_at
    FROM up JOIN products p ON p.id = up.product_id;
$$;

CREATE FUNCTION product_categories_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_category_listings(ARRAY(SELECT DISTINCT product_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION product_categories_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_category_listings(ARRAY(SELECT product_id FROM new_rows
                                          UNION SELECT product_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION product_categories_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_category_listings(ARRAY(SELECT DISTINCT product_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER product_categories_listed_insert AFTER INSERT ON product_categories
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_categories_inserted();
CREATE TRIGGER product_categories_listed_update AFTER UPDATE ON product_categories
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_categories_updated();
CREATE TRIGGER product_categories_listed_delete AFTER DELETE ON product_categories
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_categories_deleted();

-- A product's new sort keys, in place.
CREATE FUNCTION products_listing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE category_listings l
     SET status = n.status, price_cents = n.cheapest_price_cents, in_stock = n.in_stock,
         popularity = n.popularity, created_at = n.created_at
    FROM new_rows n
   WHERE l.product_id = n.id
     AND (l.status, l.price_cents, l.in_stock, l.popularity, l.created_at)
         IS DISTINCT FROM (n.status, n.cheapest_price_cents, n.in_stock, n.popularity, n.created_at);
  RETURN NULL;
END $$;
CREATE TRIGGER products_listed AFTER UPDATE ON products
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION products_listing_changed();

-- A category that moves takes its products to new ancestors: every product listed under it.
CREATE FUNCTION categories_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_category_listings(ARRAY(
    SELECT DISTINCT l.product_id FROM category_listings l
     WHERE l.category_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                              WHERE n.parent_id IS DISTINCT FROM o.parent_id)));
  RETURN NULL;
END $$;
CREATE TRIGGER categories_listed AFTER UPDATE ON categories
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION categories_moved();

CREATE TABLE variants (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id       bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  sku              text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  -- Values per option code, e.g. {"size": {"fr": "Grand", "en": "Large"}}
  option_values    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(option_values) = 'object'),
  price_cents      bigint NOT NULL CHECK (price_cents >= 0),
  compare_at_cents bigint CHECK (compare_at_cents IS NULL OR compare_at_cents > price_cents),
  currency         text NOT NULL DEFAULT 'CAD' CHECK (currency ~ '^[A-Z]{3}$'),
  stock_on_hand    integer NOT NULL DEFAULT 0,
  track_inventory  boolean NOT NULL DEFAULT true,
  position         integer NOT NULL DEFAULT 0,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX variants_sku ON variants (upper(sku));
CREATE INDEX variants_product ON variants (product_id, position);

-- products.cheapest_* and in_stock follow the variants. Statement-level with transition tables, so
-- a bulk load of a million variants refreshes each product once, not once per row. A change of
-- offer or stock also changes the product's representation, hence its version (the ETag).
CREATE FUNCTION refresh_product_offers(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE products p
     SET cheapest_price_cents = c.price_cents,
         cheapest_compare_at_cents = c.compare_at_cents,
         currency = c.currency,
         in_stock = c.in_stock,
         version = p.version + 1
    FROM (SELECT DISTINCT ON (v.product_id) v.product_id, v.price_cents, v.compare_at_cents,
                 v.currency,
                 bool_or(NOT v.track_inventory OR v.stock_on_hand > 0)
                   OVER (PARTITION BY v.product_id) AS in_stock
            FROM variants v
           WHERE v.product_id = ANY (ids)
           ORDER BY v.product_id, v.price_cents, v.position, v.id) c
   WHERE p.id = c.product_id
$$;

CREATE FUNCTION variants_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_product_offers(ARRAY(SELECT DISTINCT product_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION variants_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_product_offers(ARRAY(SELECT product_id FROM new_rows
                                       UNION SELECT product_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION variants_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_product_offers(ARRAY(SELECT DISTINCT product_id FROM old_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER variants_offer_insert AFTER INSERT ON variants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION variants_inserted();
CREATE TRIGGER variants_offer_update AFTER UPDATE ON variants
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION variants_updated();
CREATE TRIGGER variants_offer_delete AFTER DELETE ON variants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION variants_deleted();

CREATE TABLE product_images (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  position   integer NOT NULL DEFAULT 0,
  path       text NOT NULL,                   -- under MEDIA_DIR, served at /media/{path}
  width      integer NOT NULL CHECK (width > 0),
  height     integer NOT NULL CHECK (height > 0),
  alt        jsonb NOT NULL DEFAULT '{}',      -- {"fr": "…", "en": "…"}
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_images_product ON product_images (product_id, position);

-- An old slug keeps answering with a 301 to the current one, per locale.
CREATE TABLE slug_redirects (
  entity     text NOT NULL CHECK (entity IN ('product', 'category')),
  locale     text NOT NULL CHECK (locale IN ('fr', 'en')),
  old_slug   text COLLATE "C" NOT NULL,
  entity_id  bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, locale, old_slug)
);
CREATE INDEX slug_redirects_entity ON slug_redirects (entity, entity_id);

-- The key column differs per table, so each translation table has its own trigger function.
CREATE FUNCTION remember_old_product_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.slug IS DISTINCT FROM OLD.slug THEN
    INSERT INTO slug_redirects (entity, locale, old_slug, entity_id)
    VALUES ('product', OLD.locale, OLD.slug, OLD.product_id)
    ON CONFLICT (entity, locale, old_slug) DO UPDATE SET entity_id = EXCLUDED.entity_id,
                                                         created_at = now();
    DELETE FROM slug_redirects WHERE entity = 'product' AND locale = NEW.locale AND old_slug = NEW.slug;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION remember_old_category_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.slug IS DISTINCT FROM OLD.slug THEN
    INSERT INTO slug_redirects (entity, locale, old_slug, entity_id)
    VALUES ('category', OLD.locale, OLD.slug, OLD.category_id)
    ON CONFLICT (entity, locale, old_slug) DO UPDATE SET entity_id = EXCLUDED.entity_id,
                                                         created_at = now();
    DELETE FROM slug_redirects WHERE entity = 'category' AND locale = NEW.locale AND old_slug = NEW.slug;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER product_slug_history AFTER UPDATE OF slug ON product_translations
  FOR EACH ROW EXECUTE FUNCTION remember_old_product_slug();
CREATE TRIGGER category_slug_history AFTER UPDATE OF slug ON category_translations
  FOR EACH ROW EXECUTE FUNCTION remember_old_category_slug();

-- Every process caches the catalog and drops its cache on this notification (LISTEN
-- catalog_changed), so a write made anywhere shows everywhere within a moment.
CREATE FUNCTION notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['categories', 'category_translations', 'products',
                           'product_translations', 'product_categories', 'variants',
                           'product_images', 'slug_redirects']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed()',
                   t || '_notify', t);
  END LOOP;
END $$;

-- Bearer tokens for the catalog API. Only a SHA-256 of the secret is stored; the public prefix
-- finds the row without scanning.
CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix       text NOT NULL UNIQUE,
  secret_hash  text NOT NULL,
  scopes       text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  CHECK (prefix ~ '^[a-z0-9]{8,32}$' AND secret_hash ~ '^[0-9a-f]{64}$')
);
