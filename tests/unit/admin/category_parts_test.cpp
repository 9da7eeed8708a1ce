#include "admin/category_parts.hpp"

#include <gtest/gtest.h>

namespace comptoir::admin {
namespace {

using catalog::Category;
using core::Locale;

Category category(std::int64_t id, std::optional<std::int64_t> parent, std::string fr) {
  Category c;
  c.id = id;
  c.parent_id = parent;
  c.text[Locale::fr].name = std::move(fr);
  c.text[Locale::en].name = "en-" + c.text[Locale::fr].name;
  return c;
}

TEST(CategoryPath, NamesTheCategoryFromTheRootDown) {
  catalog::CategoryTree tree{
      {category(1, std::nullopt, "Cuisine"), category(2, 1, "Thé"), category(3, 2, "Théières")}};
  EXPECT_EQ(category_path(tree, 3, Locale::fr), "Cuisine › Thé › Théières");
  EXPECT_EQ(category_path(tree, 1, Locale::en), "en-Cuisine");
  EXPECT_EQ(category_path(tree, 9, Locale::fr), "");
}

TEST(CategoryChoice, BlankIsNoneAnIdIsAChoiceAnythingElseAnError) {
  catalog::FieldErrors errors;
  auto form = http::Form::parse("parent=&reassign_to=12&bad=-3&worse=x1");
  EXPECT_EQ(read_category_choice(form, "parent", "parent_id", errors), std::nullopt);
  EXPECT_EQ(read_category_choice(form, "reassign_to", "reassign_to", errors), 12);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(read_category_choice(form, "bad", "parent_id", errors), std::nullopt);
  EXPECT_EQ(read_category_choice(form, "worse", "reassign_to", errors), std::nullopt);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].field, "parent_id");
  EXPECT_EQ(errors[1].message_key, "catalog.error.unknown_category");
}

TEST(CategoryForms, ANewCategoryLeavesBlankSlugsToTheCatalog) {
  catalog::FieldErrors errors;
  auto input = read_new_category(
      http::Form::parse("fr_name=+Th%C3%A9+&en_name=Tea&fr_slug=&en_slug=tea-time&parent=4"),
      errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_TRUE(input.parent_id.has_value());
  EXPECT_EQ(*input.parent_id, 4);
  EXPECT_EQ(input.text[Locale::fr]->name, "Thé");
  EXPECT_FALSE(input.text[Locale::fr]->slug.has_value());
  EXPECT_EQ(input.text[Locale::en]->slug, "tea-time");
  EXPECT_FALSE(input.position.has_value());  // after its siblings: the catalog's rule
}

TEST(CategoryForms, TheCategoryFormSetsItsStatusAndKeepsABlankSlug) {
  auto input = read_category(http::Form::parse(
      "featured=yes&fr_name=Th%C3%A9&fr_slug=&fr_description=Une%0Aligne&en_name=Tea&en_slug=tea"));
  EXPECT_EQ(input.active, false);  // unticked
  EXPECT_EQ(input.featured, true);
  EXPECT_FALSE(input.text[Locale::fr]->slug.has_value());
  EXPECT_EQ(input.text[Locale::fr]->description, "Une\nligne");
  EXPECT_EQ(input.text[Locale::en]->slug, "tea");
  EXPECT_FALSE(input.parent_id.has_value());  // a move is its own form
}

}  // namespace
}  // namespace comptoir::admin
