#include "seo/redirect_import.hpp"

#include <gtest/gtest.h>

namespace comptoir::seo {
namespace {

using Change = PlannedRedirect::Change;

const PathRules& rules() {
  static const PathRules shop = shop_path_rules("https://shop.example");
  return shop;
}

// The refusal of `line`, or "" when that line was not refused.
std::string refusal_of(const ImportPlan& plan, std::size_t line) {
  for (const auto& refusal : plan.refused)
    if (refusal.line == line) return refusal.reason;
  return {};
}

TEST(RedirectImport, ReadsAValidFile) {
  auto plan = plan_import(
      "from,to,status\r\n"
      "/boutique/chaise.html,/fr/produit/chaise,301\r\n"
      "/old-shop/*,/fr/produits,302\r\n"
      "/promo-2019,,410\r\n"
      "\"/a,b\",https://blog.example/ab,301\r\n",
      {}, rules());
  ASSERT_TRUE(plan.ok()) << plan.refused.front().reason;
  ASSERT_EQ(plan.rows.size(), 4u);
  EXPECT_EQ(plan.count(Change::add), 4u);
  EXPECT_EQ(plan.rows[1].redirect.from, "/old-shop/");
  EXPECT_TRUE(plan.rows[1].redirect.prefix);
  EXPECT_EQ(plan.rows[1].line, 3u);
  EXPECT_EQ(plan.rows[2].redirect.status, 410);
  EXPECT_EQ(plan.rows[2].redirect.target, "");
  EXPECT_EQ(plan.rows[3].redirect.from, "/a,b");
}

TEST(RedirectImport, SemicolonsAndAByteOrderMarkAsSpreadsheetsWrite) {
  auto plan = plan_import(
      "\xEF\xBB\xBF"
      "From;To;Status\n/x;/fr/;301\n",
      {}, rules());
  ASSERT_TRUE(plan.ok()) << plan.refused.front().reason;
  EXPECT_EQ(plan.rows.size(), 1u);
}

TEST(RedirectImport, HeaderIsRequired) {
  auto plan = plan_import("/x,/fr/,301\n", {}, rules());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.refused[0].line, 1u);
  EXPECT_NE(plan.refused[0].reason.find("from,to,status"), std::string::npos);
  EXPECT_FALSE(plan_import("", {}, rules()).ok());
  EXPECT_FALSE(plan_import("from,to,status\n\"/x,/fr/,301\n", {}, rules()).ok());  // unclosed
}

TEST(RedirectImport, EachBadLineIsRefusedWithItsNumberAndReason) {
  auto plan = plan_import(
      "from,to,status\n"
      "/okay,/fr/,301\n"           // 2: two letters alone would be a language (/ok → /fr/)
      "no-slash,/fr/,301\n"        // 3
      "/fr/old,/fr/,301\n"         // 4: a live page
      "/x,ftp://x.example/,301\n"  // 5
      "/y,/fr/,307\n"              // 6
      "/gone,/fr/,410\n"           // 7: a 410 has no target
      "/two,fields\n"              // 8
      "/okay,/en/,302\n"           // 9: repeats line 2
      "/api/v1/x,/fr/,301\n",      // 10
      {}, rules());
  EXPECT_FALSE(plan.ok());
  EXPECT_EQ(refusal_of(plan, 2), "");
  for (std::size_t line = 3; line <= 10; ++line)
    EXPECT_NE(refusal_of(plan, line), "") << "line " << line;
  EXPECT_NE(refusal_of(plan, 9).find("line 2"), std::string::npos) << refusal_of(plan, 9);
  EXPECT_NE(refusal_of(plan, 6).find("307"), std::string::npos);
  EXPECT_EQ(plan.refused.size(), 8u);
}

TEST(RedirectImport, ChainsAndLoopsWithinTheFileAreRefused) {
  auto plan = plan_import(
      "from,to,status\n"
      "/a,/b,301\n"                          // 2: /b is redirected
      "/b,/fr/produits,301\n"                // 3
      "/loop1,/loop2,301\n"                  // 4
      "/loop2,/loop1,301\n"                  // 5
      "/c,https://shop.example/old/x,301\n"  // 6: the prefix /old/ takes it
      "/old/*,/fr/,301\n",                   // 7
      {}, rules());
  EXPECT_NE(refusal_of(plan, 2).find("chain"), std::string::npos) << refusal_of(plan, 2);
  EXPECT_EQ(refusal_of(plan, 3), "");
  EXPECT_NE(refusal_of(plan, 4).find("loop"), std::string::npos) << refusal_of(plan, 4);
  EXPECT_NE(refusal_of(plan, 5).find("loop"), std::string::npos);
  EXPECT_NE(refusal_of(plan, 6).find("chain"), std::string::npos) << refusal_of(plan, 6);
  EXPECT_EQ(refusal_of(plan, 7), "");
}

TEST(RedirectImport, ChainsThroughStoredRedirectsAreRefused) {
  std::vector<Redirect> stored{
      {.from = "/stored", .prefix = false, .target = "/new", .status = 301},
      {.from = "/kept", .prefix = false, .target = "/fr/", .status = 301}};
  // The file's target is a stored old path; a stored target becomes one of the file's old paths.
  auto plan = plan_import("from,to,status\n/a,/kept,301\n/new,/fr/,301\n", stored, rules());
  EXPECT_NE(refusal_of(plan, 2).find("chain"), std::string::npos) << refusal_of(plan, 2);
  EXPECT_NE(refusal_of(plan, 3).find("/stored"), std::string::npos) << refusal_of(plan, 3);

  // Changing the stored redirect in the same file ends the chain: accepted.
  auto fixed = plan_import("from,to,status\n/new,/fr/,301\n/stored,/fr/,301\n", stored, rules());
  EXPECT_TRUE(fixed.ok()) << fixed.refused.front().reason;

  // With --replace the stored redirects no longer count.
  auto replaced = plan_import("from,to,status\n/a,/kept,301\n", stored, rules(), true);
  EXPECT_TRUE(replaced.ok());
  EXPECT_EQ(replaced.removed.size(), 2u);
}

TEST(RedirectImport, SaysWhatChanges) {
  std::vector<Redirect> stored{{.from = "/same", .prefix = false, .target = "/fr/", .status = 301},
                               {.from = "/moved", .prefix = false, .target = "/fr/", .status = 301},
                               {.from = "/other", .prefix = true, .target = "/en/", .status = 302}};
  auto plan = plan_import("from,to,status\n/same,/fr/,301\n/moved,/en/,302\n/new,/fr/,301\n",
                          stored, rules());
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan.rows[0].change, Change::same);
  EXPECT_EQ(plan.rows[1].change, Change::change);
  ASSERT_TRUE(plan.rows[1].before);
  EXPECT_EQ(plan.rows[1].before->target, "/fr/");
  EXPECT_EQ(plan.rows[2].change, Change::add);
  EXPECT_TRUE(plan.removed.empty());  // not --replace: /other* stays
}

}  // namespace
}  // namespace comptoir::seo
