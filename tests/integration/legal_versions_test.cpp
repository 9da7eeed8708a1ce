#include <gtest/gtest.h>

#include <memory>

#include "db/connection.hpp"
#include "db/error.hpp"
#include "legal/legal_repository.hpp"
#include "legal/legal_service.hpp"
#include "migrated_database_test.hpp"
#include "orders/order.hpp"
#include "orders/order_repository.hpp"
#include "settings/settings_store.hpp"
#include "staticfiles/asset_store.hpp"
#include "views/views.hpp"

namespace comptoir::legal {
namespace {

using core::Locale;

// The legal documents' versions in PostgreSQL: each published version written once per locale, a
// new one when a setting the text shows changes, and the version an order records.
class LegalVersions : public db::test::MigratedDatabaseTest {
 protected:
  static void SetUpTestSuite() {
    auto dir = catalog::test::data_dir();
    messages_ = std::make_unique<i18n::Catalog>(i18n::Catalog::load(dir));
    assets_ =
        std::make_unique<staticfiles::AssetStore>(staticfiles::AssetStore::load(dir / "static"));
    views_ = std::make_unique<views::Views>(dir / "templates", *messages_, *assets_,
                                            views::Navigation{});
  }
  static void TearDownTestSuite() {
    views_.reset();
    assets_.reset();
    messages_.reset();
  }

  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    service_ = std::make_unique<LegalService>(
        database(), *views_, Facts{.site_url = "https://shop.example", .card_payments = true});
    auto conn = connect();
    settings::ShopSettings shop;
    shop.name_fr = "Boutique";
    shop.name_en = "Shop";
    shop.contact_email = "bonjour@boutique.example";
    save(conn, shop);
  }
  void TearDown() override {
    service_.reset();
    MigratedDatabaseTest::TearDown();
  }

  static void save(db::Connection& conn, const settings::ShopSettings& shop) {
    conn.exec_script("BEGIN");
    auto saved = settings::save(conn, settings::load(conn).revision, shop);
    conn.exec_script("COMMIT");
    ASSERT_TRUE(saved);
  }

  std::int64_t rows(std::string_view document) {
    return connect()
        .exec(
            db::Query{"legal_test_rows", "SELECT count(*) FROM legal_versions WHERE document = $1"},
            std::string(document))
        .one<std::int64_t>();
  }

  static inline std::unique_ptr<i18n::Catalog> messages_;
  static inline std::unique_ptr<staticfiles::AssetStore> assets_;
  static inline std::unique_ptr<views::Views> views_;
  std::unique_ptr<LegalService> service_;
};

TEST_F(LegalVersions, AVersionIsWrittenOncePerLocale) {
  auto first = db::test::run_on_io(service_->current(Document::terms));
  EXPECT_EQ(rows("terms"), 2);
  auto again = db::test::run_on_io(service_->current(Document::terms));
  EXPECT_EQ(again.version, first.version);
  // Another process (a fresh service) shows the same version and writes nothing more.
  LegalService other(database(), *views_,
                     {.site_url = "https://shop.example", .card_payments = true});
  auto conn = connect();
  EXPECT_EQ(other.current(conn, Document::terms).version, first.version);
  EXPECT_EQ(rows("terms"), 2);
  EXPECT_EQ(rows("privacy"), 0);

  auto fr = find_version(conn, Document::terms, first.version, Locale::fr);
  auto en = find_version(conn, Document::terms, first.version, Locale::en);
  ASSERT_TRUE(fr && en);
  EXPECT_EQ(fr->body, first.text(Locale::fr));
  EXPECT_EQ(en->body, first.text(Locale::en));
  EXPECT_EQ(fr->edition, edition(Document::terms));
  EXPECT_TRUE(first.version.starts_with(std::string(edition(Document::terms)) + "."));
}

TEST_F(LegalVersions, ChangingASettingTheTextShowsMakesANewVersion) {
  auto conn = connect();
  auto before = service_->current(conn, Document::legal_notice);
  auto shop = settings::current(conn);
  shop.legal.neq = "1234567890";
  save(conn, shop);
  auto after = db::test::run_on_io(service_->current(Document::legal_notice));
  EXPECT_NE(after.version, before.version);
  EXPECT_NE(after.text(Locale::fr).find("1234567890"), std::string::npos);
  EXPECT_EQ(before.text(Locale::fr).find("1234567890"), std::string::npos);
  auto all = versions(conn, Document::legal_notice);
  ASSERT_EQ(all.size(), 4U);
  // The earlier version's text stays as it was shown.
  auto old = find_version(conn, Document::legal_notice, before.version, Locale::en);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->body, before.text(Locale::en));
  // The service keeps its last rendering of each document: settings put back as they were make
  // the earlier text and version again, not the last one kept.
  shop.legal.neq.clear();
  save(conn, shop);
  EXPECT_EQ(db::test::run_on_io(service_->current(Document::legal_notice)).version, before.version);
  EXPECT_EQ(service_->current(conn, Document::legal_notice).text(Locale::fr),
            before.text(Locale::fr));

  // A setting the terms do not show leaves their version alone.
  auto terms = service_->current(conn, Document::terms);
  shop.low_stock_threshold = 42;
  save(conn, shop);
  EXPECT_EQ(service_->current(conn, Document::terms).version, terms.version);
}

TEST_F(LegalVersions, AWrittenVersionIsNeverRewritten) {
  auto conn = connect();
  EXPECT_TRUE(record_version(conn, Document::cookies, "2026-12-04.0000abcd", Locale::fr,
                             "2026-12-04", "<p>premier</p>"));
  EXPECT_FALSE(record_version(conn, Document::cookies, "2026-12-04.0000abcd", Locale::fr,
                              "2026-12-04", "<p>second</p>"));
  EXPECT_EQ(find_version(conn, Document::cookies, "2026-12-04.0000abcd", Locale::fr)->body,
            "<p>premier</p>");
  EXPECT_THROW(record_version(conn, Document::cookies, "not a version", Locale::fr, "2026-12-04",
                              "<p>x</p>"),
               db::DbError);
}

TEST_F(LegalVersions, AnOrderKeepsTheTermsItAccepted) {
  auto terms = db::test::run_on_io(service_->terms_version());
  auto conn = connect();
  orders::OrderRepository repo(conn);
  auto with = repo.next_id();
  repo.insert({.id = with,
               .number = orders::new_order_number(),
               .email = "marie@example.ca",
               .currency = "CAD",
               .region_code = "CA-QC",
               .sealed_address = "v1.k1.AAAA",
               .terms_version = terms});
  auto without = repo.next_id();
  repo.insert({.id = without,
               .number = orders::new_order_number(),
               .email = "marie@example.ca",
               .currency = "CAD",
               .region_code = "CA-QC",
               .sealed_address = "v1.k1.AAAA"});
  EXPECT_EQ(repo.find_by_id(with)->order.terms_version, terms);
  EXPECT_EQ(repo.find_by_id(without)->order.terms_version, "");
  // The version an order names is on record, in the order's language and the other.
  EXPECT_TRUE(find_version(conn, Document::terms, terms, Locale::fr));
  EXPECT_TRUE(find_version(conn, Document::terms, terms, Locale::en));
}

}  // namespace
}  // namespace comptoir::legal
