// Catalog writes given an author are audited in their own transaction: the entry names the actor,
// the address and request id, the version after the write and each changed field before and
// after; a refused write (stale version, invalid input) leaves no entry; a write without an author
// (seeding) none either.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "catalog_test_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::test {
namespace {

namespace json = boost::json;

class CatalogAudit : public CatalogTest {
 protected:
  static std::optional<Author> staff(std::int64_t user_id) {
    return Author{
        .actor = accounts::Actor::user(user_id), .ip = "203.0.113.7", .request_id = "req-1"};
  }

  // The audit entries about product `id`: "action|actor_kind|actor_id|ip|request_id" and details.
  std::vector<std::pair<std::string, json::object>> entries(std::int64_t id) {
    constexpr db::Query kEntries{
        "test_catalog_audit",
        "SELECT action || '|' || actor_kind || '|' || coalesce(actor_id::text, '') || '|' || "
        "coalesce(host(ip), '') || '|' || request_id, details::text FROM audit_log "
        "WHERE target_kind = 'product' AND target_id = $1 ORDER BY id"};
    auto rows = connect().exec(kEntries, std::to_string(id));
    std::vector<std::pair<std::string, json::object>> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
      out.emplace_back(rows.get<std::string>(i, 0),
                       json::parse(rows.get<std::string>(i, 1)).as_object());
    return out;
  }
};

TEST_F(CatalogAudit, AWriteWithAnAuthorRecordsWhoAndWhatChanged) {
  auto created = run(catalog().create_product(
      product_input({.fr = "Bol", .en = "Bowl", .variants = {{"BOL-1", 2400}}}), staff(7)));
  ASSERT_TRUE(created);
  const auto id = (*created)->id;
  ProductInput patch;
  patch.brand = "Atelier Nord";
  patch.text[Locale::en] = ProductTextInput{.name = "Stoneware bowl"};
  auto updated = run(catalog().update_product(id, patch, (*created)->version, staff(7)));
  ASSERT_TRUE(updated);
  auto variant_id = (*updated)->variants.front().id;
  ASSERT_TRUE(run(catalog().update_variant(id, variant_id, {.price_cents = 2600},
                                           (*updated)->version, staff(8))));

  auto log = entries(id);
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[0].first, "product.created|user|7|203.0.113.7|req-1");
  EXPECT_EQ(log[0].second.at("changes").as_object().at("text.fr.name"),
            (json::object{{"before", nullptr}, {"after", "Bol"}}));
  EXPECT_EQ(log[1].first, "product.updated|user|7|203.0.113.7|req-1");
  const auto& changes = log[1].second.at("changes").as_object();
  EXPECT_EQ(changes.size(), 2U) << json::serialize(changes);
  EXPECT_EQ(changes.at("brand"), (json::object{{"before", ""}, {"after", "Atelier Nord"}}));
  EXPECT_EQ(changes.at("text.en.name"),
            (json::object{{"before", "Bowl"}, {"after", "Stoneware bowl"}}));
  EXPECT_EQ(log[1].second.at("version"), (*updated)->version);
  EXPECT_EQ(log[2].first, "product.updated|user|8|203.0.113.7|req-1");
  EXPECT_EQ(log[2].second.at("changes").as_object().at(
                fmt::format("variants.{}.price_cents", variant_id)),
            (json::object{{"before", 2400}, {"after", 2600}}));
}

TEST_F(CatalogAudit, ARefusedWriteOrOneWithoutAuthorLeavesNoEntry) {
  auto product = create({.fr = "Tasse", .en = "Cup"});  // no author: seeding
  ASSERT_TRUE(product);
  EXPECT_TRUE(entries(product->id).empty());
  ProductInput patch;
  patch.brand = "A";
  auto stale = run(catalog().update_product(product->id, patch, product->version + 5, staff(1)));
  ASSERT_FALSE(stale);
  ProductInput bad;
  bad.weight_grams = -1;
  ASSERT_FALSE(run(catalog().update_product(product->id, bad, product->version, staff(1))));
  // A save that changes nothing is not worth an entry.
  ProductInput same;
  same.brand = product->brand;
  ASSERT_TRUE(run(catalog().update_product(product->id, same, product->version, staff(1))));
  EXPECT_TRUE(entries(product->id).empty());
}

TEST_F(CatalogAudit, DeletingRecordsWhatWasThere) {
  auto product = create({.fr = "Tasse", .en = "Cup", .variants = {{"CUP-1", 1500}}});
  ASSERT_TRUE(product);
  ASSERT_TRUE(run(catalog().delete_product(product->id, product->version, staff(3))));
  auto log = entries(product->id);
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].first, "product.deleted|user|3|203.0.113.7|req-1");
  const auto& changes = log[0].second.at("changes").as_object();
  EXPECT_EQ(changes.at("text.en.name"), (json::object{{"before", "Cup"}, {"after", nullptr}}));
  EXPECT_FALSE(log[0].second.contains("version"));
}

}  // namespace
}  // namespace comptoir::catalog::test
