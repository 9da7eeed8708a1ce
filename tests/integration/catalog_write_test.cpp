#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_repository.hpp"
#include "catalog_test_support.hpp"

namespace comptoir::catalog::test {
namespace {

using ::testing::Contains;
using ::testing::Field;

auto error_at(std::string field, std::string key) {
  return Contains(::testing::AllOf(Field(&FieldError::field, field),
                                   Field(&FieldError::message_key, "catalog.error." + key)));
}

using CatalogWrites = CatalogTest;

TEST_F(CatalogWrites, ACreatedProductReadsBackWithGeneratedSlugs) {
  auto cuisine = create_category("Cuisine", "Kitchen");
  auto created = create({.fr = "Théière en fonte",
                         .en = "Cast iron teapot",
                         .variants = {{"TEA-1", 4599}, {"TEA-2", 3999}},
                         .categories = {cuisine}});
  ASSERT_TRUE(created);
  auto read = run(catalog().product(created->id));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->text[Locale::fr].slug, "theiere-en-fonte");
  EXPECT_EQ(read->text[Locale::en].slug, "cast-iron-teapot");
  EXPECT_EQ(read->variants.size(), 2u);
  EXPECT_EQ(read->cheapest_variant().sku, "TEA-2");
  EXPECT_EQ(read->primary_category_id, cuisine);
  EXPECT_EQ(read->category_ids, std::vector<std::int64_t>{cuisine});
}

TEST_F(CatalogWrites, DraftProductsAreHiddenUnlessAskedFor) {
  auto draft = create({.fr = "Brouillon", .en = "Draft", .status = ProductStatus::draft});
  EXPECT_FALSE(run(catalog().product(draft->id)));
  EXPECT_TRUE(run(catalog().product(draft->id, true)));
}

TEST_F(CatalogWrites, EveryWriteBumpsTheVersion) {
  auto product = create({.fr = "Tasse", .en = "Cup"});
  auto v1 = product->version;
  auto updated = run(catalog().update_product(product->id, {.brand = "Atelier"}, v1));
  ASSERT_TRUE(updated);
  EXPECT_GT((*updated)->version, v1);
  auto v2 = (*updated)->version;
  auto variant =
      run(catalog().create_variant(product->id, {.sku = "CUP-L", .price_cents = 1500}, v2));
  ASSERT_TRUE(variant);
  EXPECT_GT(variant->product->version, v2);
}

TEST_F(CatalogWrites, AStaleVersionIsRefusedAndChangesNothing) {
  auto product = create({.fr = "Tasse", .en = "Cup"});
  auto stale = product->version;
  ASSERT_TRUE(run(catalog().update_product(product->id, {.brand = "A"}, stale)));
  auto second = run(catalog().update_product(product->id, {.brand = "B"}, stale));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, CatalogErrorCode::version_mismatch);
  EXPECT_EQ(run(catalog().product(product->id))->brand, "A");
}

TEST_F(CatalogWrites, UnknownIdsAreNotFound) {
  auto updated = run(catalog().update_product(999, {.brand = "A"}, std::nullopt));
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, CatalogErrorCode::not_found);
  auto product = create({.fr = "Tasse", .en = "Cup"});
  auto variant = run(catalog().update_variant(product->id, 999, {.price_cents = 1}, std::nullopt));
  ASSERT_FALSE(variant);
  EXPECT_EQ(variant.error().message_key, "catalog.error.variant_not_found");
}

TEST_F(CatalogWrites, SameNameGetsANumberedSlugPerLocale) {
  auto first = create({.fr = "Théière", .en = "Teapot"});
  auto second = create({.fr = "Théière", .en = "Teapot"});
  auto third = create({.fr = "Théière", .en = "Kettle"});
  EXPECT_EQ(second->text[Locale::fr].slug, "theiere-2");
  EXPECT_EQ(second->text[Locale::en].slug, "teapot-2");
  EXPECT_EQ(third->text[Locale::fr].slug, "theiere-3");
  EXPECT_EQ(third->text[Locale::en].slug, "kettle");
}

TEST_F(CatalogWrites, AnAskedSlugAlreadyTakenIsAConflict) {
  create({.fr = "Théière", .en = "Teapot"});
  auto other = create({.fr = "Bouilloire", .en = "Kettle"});
  auto renamed =
      run(catalog().put_product_text(other->id, Locale::fr, {.slug = "theiere"}, std::nullopt));
  ASSERT_FALSE(renamed);
  EXPECT_EQ(renamed.error().code, CatalogErrorCode::conflict);
  EXPECT_THAT(renamed.error().fields, error_at("slug", "slug_taken"));
  // The same slug in the other language is fine: slugs are unique per locale.
  EXPECT_TRUE(
      run(catalog().put_product_text(other->id, Locale::en, {.slug = "theiere"}, std::nullopt)));
}

TEST_F(CatalogWrites, AnOldSlugRedirectsToTheCurrentOne) {
  auto product = create({.fr = "Théière en fonte", .en = "Teapot"});
  ASSERT_TRUE(run(catalog().put_product_text(product->id, Locale::fr,
                                             {.slug = "theiere-fonte-noire"}, std::nullopt)));
  auto old = run(catalog().product_by_slug(Locale::fr, "theiere-en-fonte"));
  EXPECT_FALSE(old.found);
  EXPECT_EQ(old.moved_to, "theiere-fonte-noire");
  auto current = run(catalog().product_by_slug(Locale::fr, "theiere-fonte-noire"));
  ASSERT_TRUE(current.found);
  EXPECT_EQ((*current.found)->id, product->id);
  // Moving again keeps the oldest slug pointing at the newest one.
  ASSERT_TRUE(run(
      catalog().put_product_text(product->id, Locale::fr, {.slug = "theiere-3"}, std::nullopt)));
  EXPECT_EQ(run(catalog().product_by_slug(Locale::fr, "theiere-en-fonte")).moved_to, "theiere-3");
  // The old slug is free again for a new product, which then wins over the redirect.
  auto newcomer = create({.fr = "Théière en fonte", .en = "Another teapot"});
  EXPECT_EQ(newcomer->text[Locale::fr].slug, "theiere-en-fonte");
  auto resolved = run(catalog().product_by_slug(Locale::fr, "theiere-en-fonte"));
  ASSERT_TRUE(resolved.found);
  EXPECT_EQ((*resolved.found)->id, newcomer->id);
}

// A product page that neither cache holds reads the slug's match and its product in one
// statement: the same product as by id, the redirect of an old slug, and nothing for an unknown.
TEST_F(CatalogWrites, ASlugIsReadWithItsProductInOneStatement) {
  auto product = create({.fr = "Théière en fonte", .en = "Teapot"});
  ASSERT_TRUE(run(catalog().put_product_text(product->id, Locale::fr,
                                             {.slug = "theiere-fonte-noire"}, std::nullopt)));
  db::Connection connection = connect();
  CatalogRepository repository(connection);

  auto current = repository.product_read_at_slug(Locale::fr, "theiere-fonte-noire");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->match.product_id, product->id);
  EXPECT_FALSE(current->match.moved_to);
  auto by_id = repository.product(product->id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(current->product.id, by_id->id);
  EXPECT_EQ(current->product.version, by_id->version);
  EXPECT_EQ(current->product.text[Locale::fr].slug, "theiere-fonte-noire");
  EXPECT_EQ(current->product.text[Locale::en].name, "Teapot");
  EXPECT_EQ(current->product.variants.size(), by_id->variants.size());
  EXPECT_EQ(current->product.category_ids, by_id->category_ids);

  auto old = repository.product_read_at_slug(Locale::fr, "theiere-en-fonte");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->match.moved_to, "theiere-fonte-noire");
  EXPECT_EQ(old->product.id, product->id);
  EXPECT_FALSE(repository.product_read_at_slug(Locale::fr, "nulle-part"));
  EXPECT_FALSE(repository.product_read_at_slug(Locale::en, "theiere-fonte-noire")) << "per locale";
}

// The texts come as one join per locale: every field lands in its locale, and a locale without
// text (removed behind the service's back) reads as empty, the other intact.
TEST_F(CatalogWrites, EveryTextFieldIsReadInItsLocale) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  ASSERT_TRUE(run(catalog().put_product_text(product->id, Locale::fr,
                                             {.short_description = "Fonte « noire »",
                                              .description = "<p>Ligne 1\nLigne 2</p>",
                                              .meta_title = "Titre FR",
                                              .meta_description = "Méta FR"},
                                             std::nullopt)));
  ASSERT_TRUE(run(catalog().put_product_text(
      product->id, Locale::en,
      {.short_description = "Black \"cast\" iron", .meta_title = "EN title"}, std::nullopt)));
  db::Connection connection = connect();
  CatalogRepository repository(connection);
  auto read = repository.product(product->id);
  ASSERT_TRUE(read);
  const auto& fr = read->text[Locale::fr];
  const auto& en = read->text[Locale::en];
  EXPECT_EQ(fr.name, "Théière");
  EXPECT_EQ(fr.slug, "theiere");
  EXPECT_EQ(fr.short_description, "Fonte « noire »");
  EXPECT_EQ(fr.description, "<p>Ligne 1\nLigne 2</p>");
  EXPECT_EQ(fr.meta_title, "Titre FR");
  EXPECT_EQ(fr.meta_description, "Méta FR");
  EXPECT_EQ(en.name, "Teapot");
  EXPECT_EQ(en.slug, "teapot");
  EXPECT_EQ(en.short_description, "Black \"cast\" iron");
  EXPECT_EQ(en.meta_title, "EN title");

  connection.exec(db::Query{"catalog_test_drop_text",
                            "DELETE FROM product_translations WHERE product_id = $1 AND locale = "
                            "'en'"},
                  product->id);
  auto without = repository.product(product->id);
  ASSERT_TRUE(without);
  EXPECT_EQ(without->text[Locale::en].name, "");
  EXPECT_EQ(without->text[Locale::en].slug, "");
  EXPECT_EQ(without->text[Locale::fr].description, "<p>Ligne 1\nLigne 2</p>");
  EXPECT_EQ(without->variants.size(), read->variants.size());
}

TEST_F(CatalogWrites, ADraftFoundBySlugIsShownOnlyToStaff) {
  auto draft =
      create({.fr = "Théière brouillon", .en = "Draft teapot", .status = ProductStatus::draft});
  EXPECT_FALSE(run(catalog().product_by_slug(Locale::fr, "theiere-brouillon")).found);
  // Cached by the visitor's lookup, read again for staff: still the draft.
  auto for_staff = run(catalog().product_by_slug(Locale::fr, "theiere-brouillon", true));
  ASSERT_TRUE(for_staff.found);
  EXPECT_EQ((*for_staff.found)->id, draft->id);
  EXPECT_FALSE(run(catalog().product_by_slug(Locale::fr, "theiere-brouillon")).found);
}

TEST_F(CatalogWrites, RenamingKeepsTheSlug) {
  auto product = create({.fr = "Théière", .en = "Teapot"});
  auto renamed = run(catalog().put_product_text(product->id, Locale::fr, {.name = "Grande théière"},
                                                std::nullopt));
  ASSERT_TRUE(renamed);
  EXPECT_EQ((*renamed)->text[Locale::fr].name, "Grande théière");
  EXPECT_EQ((*renamed)->text[Locale::fr].slug, "theiere");
}

TEST_F(CatalogWrites, SkusAreUniqueWhateverTheirCase) {
  auto product = create({.fr = "Thé", .en = "Tea", .variants = {{"TEA-1", 100}}});
  auto duplicate = run(
      catalog().create_variant(product->id, {.sku = "tea-1", .price_cents = 200}, std::nullopt));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, CatalogErrorCode::conflict);
  EXPECT_THAT(duplicate.error().fields, error_at("sku", "sku_taken"));
  auto other = run(catalog().create_product(
      product_input({.fr = "Autre", .en = "Other", .variants = {{"Tea-1", 1}}})));
  ASSERT_FALSE(other);
  EXPECT_THAT(other.error().fields, error_at("variants[0].sku", "sku_taken"));
  // A variant keeps its own SKU when it changes, even in another case.
  auto own = run(catalog().update_variant(product->id, product->variants[0].id, {.sku = "tea-1"},
                                          std::nullopt));
  EXPECT_TRUE(own);
}

TEST_F(CatalogWrites, GtinsAreUniqueInTheirFourteenDigitForm) {
  auto product = create({.fr = "Tasse", .en = "Mug", .variants = {{"MUG-1", 100}}});
  auto mug = product->variants[0].id;
  auto set =
      run(catalog().update_variant(product->id, mug, {.gtin = "036000291452"}, std::nullopt));
  ASSERT_TRUE(set);
  EXPECT_EQ(set->product->variants[0].gtin, "036000291452");
  // The same trade item written as an EAN-13 is taken, by a new variant or another product's.
  auto again = run(catalog().create_variant(
      product->id, {.sku = "MUG-2", .gtin = "0036000291452", .price_cents = 200}, std::nullopt));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, CatalogErrorCode::conflict);
  EXPECT_THAT(again.error().fields, error_at("gtin", "gtin_taken"));
  auto other = create({.fr = "Bol", .en = "Bowl", .variants = {{"BOWL-1", 100}}});
  auto taken = run(catalog().update_variant(other->id, other->variants[0].id,
                                            {.gtin = "0036000291452"}, std::nullopt));
  ASSERT_FALSE(taken);
  EXPECT_THAT(taken.error().fields, error_at("gtin", "gtin_taken"));
  // A variant keeps its own; "" removes it, and then it is free for another.
  EXPECT_TRUE(
      run(catalog().update_variant(product->id, mug, {.gtin = "0036000291452"}, std::nullopt)));
  EXPECT_TRUE(run(catalog().update_variant(product->id, mug, {.gtin = ""}, std::nullopt)));
  auto moved = run(catalog().update_variant(other->id, other->variants[0].id,
                                            {.gtin = "036000291452"}, std::nullopt));
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->product->variants[0].gtin, "036000291452");
}

TEST_F(CatalogWrites, InvalidValuesComeBackAsAFieldList) {
  auto created = run(catalog().create_product(
      product_input({.fr = "", .en = "Cup", .variants = {{"bad sku", -1}}})));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, CatalogErrorCode::invalid);
  EXPECT_THAT(created.error().fields, error_at("text.fr.name", "required"));
  EXPECT_THAT(created.error().fields, error_at("variants[0].sku", "sku_format"));
  EXPECT_THAT(created.error().fields, error_at("variants[0].price_cents", "price_negative"));
}

TEST_F(CatalogWrites, AProductKeepsAtLeastOneVariant) {
  auto product = create({.fr = "Thé", .en = "Tea", .variants = {{"T-1", 100}, {"T-2", 200}}});
  auto first = run(catalog().delete_variant(product->id, product->variants[0].id, std::nullopt));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->product->variants.size(), 1u);
  auto last = run(catalog().delete_variant(product->id, product->variants[1].id, std::nullopt));
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().message_key, "catalog.error.last_variant");
}

TEST_F(CatalogWrites, PriceChangesMoveTheListingPrice) {
  auto product = create({.fr = "Thé", .en = "Tea", .variants = {{"T-1", 500}}});
  ASSERT_TRUE(
      run(catalog().update_variant(product->id, product->variants[0].id,
                                   {.price_cents = 700, .compare_at_cents = 900}, std::nullopt)));
  auto listed = list({.locale = Locale::fr});
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].price.cents, 700);
  EXPECT_EQ(listed.items[0].compare_at_cents, 900);
}

TEST_F(CatalogWrites, ImagesAreOrderedWithAltTexts) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  ImageInput image{.path = "products/1/a.jpg", .width = 800, .height = 600};
  image.alt[Locale::fr] = "Une tasse";
  auto first = run(catalog().create_image(product->id, image, std::nullopt));
  ASSERT_TRUE(first);
  auto second = run(catalog().create_image(
      product->id, {.path = "products/1/b.jpg", .width = 10, .height = 10}, std::nullopt));
  ASSERT_TRUE(second);
  const auto& images = second->product->images;
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].alt[Locale::fr], "Une tasse");
  EXPECT_LT(images[0].position, images[1].position);
  auto moved =
      run(catalog().update_image(product->id, first->subject_id, {.position = 5}, std::nullopt));
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->product->images.back().id, first->subject_id);
  EXPECT_TRUE(run(catalog().delete_image(product->id, first->subject_id, std::nullopt)));
  EXPECT_FALSE(run(catalog().delete_image(product->id, first->subject_id, std::nullopt)));
}

TEST_F(CatalogWrites, DeletedProductsAreGone) {
  auto product = create({.fr = "Thé", .en = "Tea"});
  ASSERT_TRUE(run(catalog().delete_product(product->id, product->version)));
  EXPECT_FALSE(run(catalog().product(product->id, true)));
  EXPECT_FALSE(run(catalog().product_by_slug(Locale::fr, "the")).found);
}

TEST_F(CatalogWrites, CategoriesFormATreeWithoutCycles) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto tea = create_category("Thé", "Tea", kitchen);
  auto teapots = create_category("Théières", "Teapots", tea);
  auto cycle = run(catalog().update_category(
      kitchen, {.parent_id = std::optional<std::int64_t>{teapots}}, std::nullopt));
  ASSERT_FALSE(cycle);
  EXPECT_THAT(cycle.error().fields, error_at("parent_id", "category_cycle"));
  auto unknown = run(catalog().update_category(tea, {.parent_id = std::optional<std::int64_t>{999}},
                                               std::nullopt));
  ASSERT_FALSE(unknown);
  EXPECT_THAT(unknown.error().fields, error_at("parent_id", "unknown_category"));
  auto tree = run(catalog().categories());
  ASSERT_EQ(tree->path_to(teapots).size(), 3u);
}

TEST_F(CatalogWrites, ACategoryWithProductsIsDeletedOnlyWithAReassignment) {
  auto kitchen = create_category("Cuisine", "Kitchen");
  auto tea = create_category("Thé", "Tea");
  auto product = create({.fr = "Théière", .en = "Teapot", .categories = {tea}});
  auto refused = run(catalog().delete_category(tea, std::nullopt, std::nullopt));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, CatalogErrorCode::conflict);
  EXPECT_EQ(refused.error().message_key, "catalog.error.category_has_products");
  ASSERT_TRUE(run(catalog().delete_category(tea, kitchen, std::nullopt)));
  auto moved = run(catalog().product(product->id));
  EXPECT_EQ(moved->primary_category_id, kitchen);
  EXPECT_EQ(moved->category_ids, std::vector<std::int64_t>{kitchen});
  EXPECT_FALSE(run(catalog().category(tea)));
}

TEST_F(CatalogWrites, CategorySlugsHaveHistoryToo) {
  auto tea = create_category("Thé", "Tea");
  CategoryTextInput text{.slug = "thes"};
  ASSERT_TRUE(run(catalog().put_category_text(tea, Locale::fr, text, std::nullopt)));
  auto old = run(catalog().category_by_slug(Locale::fr, "the"));
  EXPECT_FALSE(old.found);
  EXPECT_EQ(old.moved_to, "thes");
  EXPECT_TRUE(run(catalog().category_by_slug(Locale::fr, "thes")).found);
}

TEST_F(CatalogWrites, BothTranslationsAreRequired) {
  ProductInput input = product_input({.fr = "Thé", .en = "Tea"});
  input.text[Locale::en].reset();
  auto created = run(catalog().create_product(input));
  ASSERT_FALSE(created);
  EXPECT_THAT(created.error().fields, error_at("text.en", "required"));
}

}  // namespace
}  // namespace comptoir::catalog::test
