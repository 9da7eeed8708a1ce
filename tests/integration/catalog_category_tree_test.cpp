// The category tree's writes as the back office makes them: new and moved categories go after
// their siblings, a move never builds a cycle, a reorder renumbers the siblings, a deletion hands
// its products and subcategories to the category chosen (listings follow), a stale version writes
// nothing — and each write with an author is audited with what changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "catalog_test_support.hpp"
#include "db/connection.hpp"

namespace comptoir::catalog::test {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;

class CategoryTreeWrites : public CatalogTest {
 protected:
  static std::optional<Author> staff() {
    return Author{.actor = accounts::Actor::user(7), .ip = "203.0.113.7", .request_id = "req-9"};
  }

  Category category(std::int64_t id) {
    auto found = run(catalog().category(id));
    EXPECT_TRUE(found.has_value()) << id;
    return found.value_or(Category{});
  }

  // The ids of the children of `parent`, in the tree's order.
  std::vector<std::int64_t> children(std::optional<std::int64_t> parent) {
    // Hold the tree: a range-for over a temporary's member would free it before the loop reads
    // the children it points into (the cache may drop its own copy after a write).
    const auto tree = run(catalog().categories());
    std::vector<std::int64_t> out;
    for (const auto* child : tree->children(parent)) out.push_back(child->id);
    return out;
  }

  // The audit entries about category `id`: action and details.
  std::vector<std::pair<std::string, json::object>> entries(std::int64_t id) {
    constexpr db::Query kEntries{
        "test_category_audit",
        "SELECT action || '|' || actor_kind || '|' || coalesce(actor_id::text, '') || '|' || "
        "request_id, details::text FROM audit_log "
        "WHERE target_kind = 'category' AND target_id = $1 ORDER BY id"};
    auto rows = connect().exec(kEntries, std::to_string(id));
    std::vector<std::pair<std::string, json::object>> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
      out.emplace_back(rows.get<std::string>(i, 0),
                       json::parse(rows.get<std::string>(i, 1)).as_object());
    return out;
  }

  static CategoryInput under(std::optional<std::int64_t> parent) {
    return {.parent_id = std::optional<std::optional<std::int64_t>>(parent)};
  }
};

TEST_F(CategoryTreeWrites, NewAndMovedCategoriesGoAfterTheirSiblings) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto garden = create_category("Jardin", "Garden");
  auto tea = create_category("Thé", "Tea", kitchen);
  auto coffee = create_category("Café", "Coffee", kitchen);
  EXPECT_EQ(category(kitchen).position, 0);
  EXPECT_EQ(category(garden).position, 1);
  EXPECT_THAT(children(kitchen), ElementsAre(tea, coffee));
  EXPECT_EQ(category(coffee).position, 1);

  auto moved = run(catalog().update_category(garden, under(kitchen), category(garden).version));
  ASSERT_TRUE(moved) << moved.error().message_key;
  EXPECT_EQ(moved->parent_id, kitchen);
  EXPECT_THAT(children(kitchen), ElementsAre(tea, coffee, garden));
  EXPECT_THAT(children(std::nullopt), ElementsAre(kitchen));
}

TEST_F(CategoryTreeWrites, AMoveUnderItselfOrADescendantOrFromAStalePageWritesNothing) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto tea = create_category("Thé", "Tea", kitchen);
  auto teapots = create_category("Théières", "Teapots", tea);
  const auto version = category(kitchen).version;
  for (auto parent : {kitchen, tea, teapots}) {
    auto refused = run(catalog().update_category(kitchen, under(parent), version, staff()));
    ASSERT_FALSE(refused) << parent;
    EXPECT_EQ(refused.error().code, CatalogErrorCode::invalid);
    EXPECT_THAT(
        refused.error().fields,
        ::testing::AllOf(::testing::Not(::testing::IsEmpty()),
                         ::testing::Each(::testing::Field(&FieldError::field, "parent_id"))));
  }
  auto stale = run(catalog().update_category(teapots, under(std::nullopt), 99, staff()));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, CatalogErrorCode::version_mismatch);
  EXPECT_EQ(category(kitchen).version, version);
  EXPECT_EQ(category(teapots).parent_id, tea);
  EXPECT_TRUE(entries(kitchen).empty());
  EXPECT_TRUE(entries(teapots).empty());

  // A move that is allowed is audited as a move.
  auto current = category(teapots);
  ASSERT_TRUE(
      run(catalog().update_category(teapots, under(std::nullopt), current.version, staff())));
  auto log = entries(teapots);
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].first, "category.moved|user|7|req-9");
  EXPECT_EQ(log[0].second.at("changes").as_object().at("parent_id"),
            (json::object{{"before", tea}, {"after", nullptr}}));
}

TEST_F(CategoryTreeWrites, AReorderMovesACategoryAmongItsSiblingsOnly) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto a = create_category("A", "A", kitchen);
  auto b = create_category("B", "B", kitchen);
  auto c = create_category("C", "C", kitchen);
  auto other = create_category("Jardin", "Garden");
  // Positions written by hand, with a tie: the order is (position, id), and a reorder numbers
  // the siblings again from 0.
  sql(fmt::format("UPDATE categories SET position = 5 WHERE id IN ({}, {}, {})", a, b, c));
  catalog().invalidate();
  const auto other_version = category(other).version;

  auto up = run(catalog().reorder_category(c, -1, category(c).version, staff()));
  ASSERT_TRUE(up) << up.error().message_key;
  EXPECT_THAT(children(kitchen), ElementsAre(a, c, b));
  EXPECT_EQ(category(a).position, 0);
  EXPECT_EQ(category(c).position, 1);
  EXPECT_EQ(category(b).position, 2);
  EXPECT_EQ(category(other).version, other_version);

  // At the top already: nothing written, nothing audited.
  const auto a_version = category(a).version;
  auto top = run(catalog().reorder_category(a, -1, a_version, staff()));
  ASSERT_TRUE(top);
  EXPECT_EQ(category(a).version, a_version);
  EXPECT_TRUE(entries(a).empty());

  auto down = run(catalog().reorder_category(a, 1, a_version, staff()));
  ASSERT_TRUE(down);
  EXPECT_THAT(children(kitchen), ElementsAre(c, a, b));
  auto stale = run(catalog().reorder_category(a, 1, a_version, staff()));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, CatalogErrorCode::version_mismatch);
  EXPECT_THAT(children(kitchen), ElementsAre(c, a, b));

  auto log = entries(c);
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].first, "category.reordered|user|7|req-9");
  EXPECT_EQ(log[0].second.at("order"),
            (json::object{{"before", json::array{a, b, c}}, {"after", json::array{a, c, b}}}));
}

TEST_F(CategoryTreeWrites, ADeletionHandsProductsAndSubcategoriesToTheChosenCategory) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto tea = create_category("Thé", "Tea", kitchen);
  auto teapots = create_category("Théières", "Teapots", tea);
  auto garden = create_category("Jardin", "Garden");
  auto pot = create({.fr = "Théière", .en = "Teapot", .categories = {tea}});
  auto cup = create({.fr = "Tasse", .en = "Cup", .categories = {teapots}});
  EXPECT_EQ(run(catalog().category_product_counts()),
            (std::map<std::int64_t, std::int64_t>{{tea, 1}, {teapots, 1}}));

  const auto version = category(tea).version;
  // Not to itself nor below itself; never without a home for its products.
  for (auto target : {tea, teapots}) {
    auto refused = run(catalog().delete_category(tea, target, version, staff()));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "reassign_to");
  }
  auto homeless = run(catalog().delete_category(tea, std::nullopt, version, staff()));
  ASSERT_FALSE(homeless);
  EXPECT_EQ(homeless.error().code, CatalogErrorCode::conflict);
  auto stale = run(catalog().delete_category(tea, garden, version + 1, staff()));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, CatalogErrorCode::version_mismatch);
  ASSERT_TRUE(run(catalog().category(tea)));

  ASSERT_TRUE(run(catalog().delete_category(tea, garden, version, staff())));
  EXPECT_FALSE(run(catalog().category(tea)));
  EXPECT_EQ(category(teapots).parent_id, garden);
  auto moved = run(catalog().product(pot->id));
  EXPECT_EQ(moved->category_ids, std::vector<std::int64_t>{garden});
  EXPECT_EQ(moved->primary_category_id, garden);
  // The garden's listing now holds the pot and, through its new subcategory, the cup; the
  // kitchen's holds neither.
  ProductQuery in_garden;
  in_garden.category_id = garden;
  EXPECT_EQ(list(in_garden).total, 2);
  ProductQuery in_kitchen;
  in_kitchen.category_id = kitchen;
  EXPECT_EQ(list(in_kitchen).total, 0);
  EXPECT_EQ(run(catalog().product(cup->id))->category_ids, std::vector<std::int64_t>{teapots});

  auto log = entries(tea);
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log[0].first, "category.deleted|user|7|req-9");
  const auto& details = log[0].second;
  EXPECT_EQ(details.at("reassigned_to"), garden);
  EXPECT_EQ(details.at("products"), 1);
  EXPECT_EQ(details.at("subcategories"), json::array{teapots});
  EXPECT_EQ(details.at("changes").as_object().at("text.fr.name"),
            (json::object{{"before", "Thé"}, {"after", nullptr}}));
}

TEST_F(CategoryTreeWrites, ARenameIsAuditedAndTheOldSlugRedirects) {
  CategoryInput input;
  input.text[Locale::fr] = CategoryTextInput{.name = "Thé"};
  input.text[Locale::en] = CategoryTextInput{.name = "Tea"};
  auto created = run(catalog().create_category(input, staff()));
  ASSERT_TRUE(created);
  CategoryInput patch;
  patch.text[Locale::fr] = CategoryTextInput{.name = "Thés", .slug = "thes"};
  patch.text[Locale::en] = CategoryTextInput{.name = "Tea"};
  auto renamed = run(catalog().update_category(created->id, patch, created->version, staff()));
  ASSERT_TRUE(renamed) << renamed.error().message_key;
  EXPECT_EQ(run(catalog().category_by_slug(Locale::fr, "the")).moved_to, "thes");
  auto log = entries(created->id);
  ASSERT_EQ(log.size(), 2U);
  EXPECT_EQ(log[0].first, "category.created|user|7|req-9");
  EXPECT_EQ(log[1].first, "category.updated|user|7|req-9");
  const auto& changes = log[1].second.at("changes").as_object();
  EXPECT_EQ(changes.size(), 2U) << json::serialize(changes);
  EXPECT_EQ(changes.at("text.fr.slug"), (json::object{{"before", "the"}, {"after", "thes"}}));
  EXPECT_EQ(log[1].second.at("version"), renamed->version);
}

}  // namespace
}  // namespace comptoir::catalog::test
