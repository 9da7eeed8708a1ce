#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/api_query.hpp"

namespace comptoir::catalog::api {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;

ProductQuery parsed(std::string_view query, Locale fallback = Locale::fr) {
  auto params = parse_list_params(query, fallback);
  EXPECT_TRUE(params.has_value()) << query;
  return params ? params->query : ProductQuery{};
}

std::vector<FieldError> errors_of(std::string_view query) {
  auto params = parse_list_params(query, Locale::fr);
  EXPECT_FALSE(params.has_value()) << query;
  return params ? std::vector<FieldError>{} : params.error();
}

auto field_named(std::string name) {
  return Contains(Field(&FieldError::field, name));
}

TEST(ListParams, DefaultsToTheFirstPageOfActiveProductsNewestFirst) {
  auto q = parsed("");
  EXPECT_EQ(q.page, 1);
  EXPECT_EQ(q.page_size, 24);
  EXPECT_EQ(q.sort, Sort::newest);
  EXPECT_THAT(q.statuses, ElementsAre(ProductStatus::active));
  EXPECT_EQ(q.locale, Locale::fr);
  EXPECT_FALSE(q.in_stock_only);
}

TEST(ListParams, ASearchSortsByRelevanceUnlessAskedOtherwise) {
  EXPECT_EQ(parsed("q=th%C3%A9i%C3%A8re").sort, Sort::relevance);
  EXPECT_EQ(parsed("q=th%C3%A9i%C3%A8re").q, "théière");
  EXPECT_EQ(parsed("q=tea+pot").q, "tea pot");
  EXPECT_EQ(parsed("q=tea&sort=-price").sort, Sort::price_desc);
}

TEST(ListParams, ReadsEveryFilter) {
  auto q = parsed(
      "page=3&page_size=100&category=7&min_price=1000&max_price=5000&in_stock=true&sort=price&"
      "locale=en");
  EXPECT_EQ(q.page, 3);
  EXPECT_EQ(q.page_size, 100);
  EXPECT_EQ(q.category_id, 7);
  EXPECT_EQ(q.min_price_cents, 1000);
  EXPECT_EQ(q.max_price_cents, 5000);
  EXPECT_TRUE(q.in_stock_only);
  EXPECT_EQ(q.sort, Sort::price_asc);
  EXPECT_EQ(q.locale, Locale::en);
}

TEST(ListParams, LocaleFallsBackToTheNegotiatedOne) {
  EXPECT_EQ(parsed("", Locale::en).locale, Locale::en);
  EXPECT_EQ(parsed("locale=fr", Locale::en).locale, Locale::fr);
}

TEST(ListParams, PageSizeIsBoundedToOneHundred) {
  EXPECT_THAT(errors_of("page_size=101"), field_named("page_size"));
  EXPECT_THAT(errors_of("page_size=0"), field_named("page_size"));
  EXPECT_THAT(errors_of("page=0"), field_named("page"));
  EXPECT_THAT(errors_of("page=abc"), field_named("page"));
}

TEST(ListParams, ReportsEveryBadValueAtOnce) {
  auto errors = errors_of("sort=cheapest&in_stock=maybe&min_price=-1&locale=de&status=live");
  EXPECT_THAT(errors, field_named("sort"));
  EXPECT_THAT(errors, field_named("in_stock"));
  EXPECT_THAT(errors, field_named("min_price"));
  EXPECT_THAT(errors, field_named("locale"));
  EXPECT_THAT(errors, field_named("status"));
}

TEST(ListParams, MinimumAboveMaximumIsAnError) {
  EXPECT_THAT(errors_of("min_price=500&max_price=100"), field_named("max_price"));
}

TEST(ListParams, StatusFilterIsFlaggedForTheStaffCheck) {
  auto params = parse_list_params("status=draft,archived", Locale::fr);
  ASSERT_TRUE(params);
  EXPECT_TRUE(params->statuses_asked);
  EXPECT_THAT(params->query.statuses, ElementsAre(ProductStatus::draft, ProductStatus::archived));
  EXPECT_FALSE(parse_list_params("", Locale::fr)->statuses_asked);
}

TEST(ListParams, UnknownParametersAreIgnored) {
  EXPECT_EQ(parsed("utm_source=news&page=2").page, 2);
}

TEST(PathIds, OnlyPositiveIntegers) {
  EXPECT_EQ(parse_id("12"), 12);
  EXPECT_EQ(parse_id("0"), std::nullopt);
  EXPECT_EQ(parse_id("-3"), std::nullopt);
  EXPECT_EQ(parse_id("12a"), std::nullopt);
  EXPECT_EQ(parse_id(""), std::nullopt);
  EXPECT_EQ(parse_id("99999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace comptoir::catalog::api

namespace comptoir::catalog::api {
namespace {

TEST(ListParams, ReadsOnlyTheQueryItIsGiven) {
  // As in a request target: the query is a view into a longer buffer.
  std::string target = "locale=en&page=2 HTTP/1.1\r\nHost: x";
  std::string_view query = std::string_view(target).substr(0, 16);
  auto q = parsed(query);
  EXPECT_EQ(q.locale, Locale::en);
  EXPECT_EQ(q.page, 2);
  std::string last = "locale=en";
  std::string buffer = last + "fr";
  EXPECT_EQ(parsed(std::string_view(buffer).substr(0, last.size())).locale, Locale::en);
}

}  // namespace
}  // namespace comptoir::catalog::api
