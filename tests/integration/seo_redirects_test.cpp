// The previous site's redirects against PostgreSQL: imports all or nothing, dry runs that write
// nothing, the audit row, and every process's in-memory copy following an import through NOTIFY.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "db/connection.hpp"
#include "migrated_database_test.hpp"
#include "seo/redirect_service.hpp"

namespace comptoir::seo {
namespace {

using namespace std::chrono_literals;

class Redirects : public db::test::MigratedDatabaseTest {
 protected:
  ImportPlan import(std::string csv, bool dry_run = false, bool replace = false) {
    RedirectImport request{.csv = std::move(csv),
                           .dry_run = dry_run,
                           .replace = replace,
                           .actor = accounts::Actor::system(),
                           .source = "old-site.csv"};
    return database().transact_sync(
        [&](db::Connection& conn) { return import_redirects(conn, request, rules_); });
  }
  std::vector<Redirect> stored() {
    return database().transact_sync([](db::Connection& conn) { return list_redirects(conn); });
  }
  std::int64_t audit_rows() {
    return database().transact_sync([](db::Connection& conn) {
      return conn
          .exec(db::Query{"test_redirect_audits",
                          "SELECT count(*) FROM audit_log WHERE action = 'redirects.imported'"})
          .one<std::int64_t>();
    });
  }

  template <class F>
  static bool wait_until(F done, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

  const PathRules rules_ = shop_path_rules("https://shop.example");
};

constexpr std::string_view kFile =
    "from,to,status\n"
    "/boutique/chaise.html,/fr/produit/chaise,301\n"
    "/old-shop/*,/fr/produits,302\n"
    "/promo-2019,,410\n";

TEST_F(Redirects, ImportStoresEveryLineAndIsAudited) {
  auto plan = import(std::string(kFile));
  ASSERT_TRUE(plan.ok()) << plan.refused.front().reason;
  auto all = stored();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].from, "/boutique/chaise.html");
  EXPECT_EQ(all[1].from, "/old-shop/");
  EXPECT_TRUE(all[1].prefix);
  EXPECT_EQ(all[1].status, 302);
  EXPECT_EQ(all[2].status, 410);
  EXPECT_EQ(all[2].target, "");
  EXPECT_EQ(audit_rows(), 1);
  EXPECT_EQ(redirects_csv(all),
            "from,to,status\r\n/boutique/chaise.html,/fr/produit/chaise,301\r\n"
            "/old-shop/*,/fr/produits,302\r\n/promo-2019,,410\r\n");

  // The same file again changes nothing; a changed line is updated, the others stay.
  auto again = import(std::string(kFile));
  EXPECT_EQ(again.count(PlannedRedirect::Change::same), 3u);
  auto changed = import("from,to,status\n/promo-2019,/fr/produits,301\n");
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed.count(PlannedRedirect::Change::change), 1u);
  all = stored();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].status, 301);
  EXPECT_EQ(all[2].target, "/fr/produits");
}

TEST_F(Redirects, ADryRunWritesNothing) {
  auto plan = import(std::string(kFile), /*dry_run=*/true);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan.count(PlannedRedirect::Change::add), 3u);
  EXPECT_TRUE(stored().empty());
  EXPECT_EQ(audit_rows(), 0);
}

TEST_F(Redirects, OneBadLineAndNothingIsImported) {
  ASSERT_TRUE(import("from,to,status\n/kept,/fr/,301\n").ok());
  auto plan = import(
      "from,to,status\n"
      "/new-1,/fr/,301\n"
      "/kept,/en/,301\n"
      "/fr/produits,/en/,301\n");  // a live page: refused
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_EQ(plan.refused[0].line, 4u);
  auto all = stored();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].target, "/fr/");
  EXPECT_EQ(audit_rows(), 1);
}

TEST_F(Redirects, AChainThroughAStoredRedirectIsRefused) {
  ASSERT_TRUE(import("from,to,status\n/a,/b,301\n").ok());
  auto plan = import("from,to,status\n/b,/fr/,301\n");
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.refused[0].reason.find("/a"), std::string::npos) << plan.refused[0].reason;
  EXPECT_EQ(stored().size(), 1u);
}

TEST_F(Redirects, ReplaceRemovesWhatTheFileLacks) {
  ASSERT_TRUE(import(std::string(kFile)).ok());
  auto plan = import("from,to,status\n/promo-2019,,410\n", false, /*replace=*/true);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan.removed.size(), 2u);
  auto all = stored();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].from, "/promo-2019");
}

TEST_F(Redirects, EveryProcessReloadsAfterAnImport) {
  auto other_db = open();
  RedirectTable here(database());
  RedirectTable there(*other_db);
  here.start_listening(url());
  there.start_listening(url());
  // Each loads once its listener is connected.
  ASSERT_TRUE(wait_until([&] { return here.loads() >= 1 && there.loads() >= 1; }, 10s));
  EXPECT_EQ(there.current()->find("/boutique/chaise.html"), nullptr);

  ASSERT_TRUE(import(std::string(kFile)).ok());
  for (auto* table : {&here, &there}) {
    ASSERT_TRUE(
        wait_until([&] { return table->current()->find("/old-shop/anything") != nullptr; }, 10s));
    EXPECT_EQ(table->current()->find("/boutique/chaise.html")->target, "/fr/produit/chaise");
    EXPECT_EQ(table->current()->size(), 3u);
  }
  // A dry run sends nothing to reload.
  auto loads = there.loads();
  ASSERT_TRUE(import("from,to,status\n/other,/fr/,301\n", /*dry_run=*/true).ok());
  ASSERT_TRUE(import("from,to,status\n/last,/en/,301\n").ok());
  ASSERT_TRUE(wait_until([&] { return there.current()->find("/last") != nullptr; }, 10s));
  EXPECT_EQ(there.current()->find("/other"), nullptr);
  EXPECT_EQ(there.loads(), loads + 1);
}

}  // namespace
}  // namespace comptoir::seo
