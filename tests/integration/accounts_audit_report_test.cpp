#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "accounts/audit_log.hpp"
#include "accounts/audit_report.hpp"
#include "accounts/user_repository.hpp"
#include "migrated_database_test.hpp"

namespace comptoir::accounts {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class AuditReports : public db::test::MigratedDatabaseTest {
 protected:
  std::int64_t user(std::string email, std::string name = {}) {
    return database().transact_sync([&](db::Connection& conn) {
      UserRepository users(conn);
      auto role = users.find_role("customer");
      return *users.insert(
          {.email = std::move(email), .display_name = std::move(name), .role_id = role->id});
    });
  }

  void append(const AuditEntry& entry) {
    database().transact_sync([&](db::Connection& conn) { append_audit(conn, entry); });
  }

  // An entry at a given instant (the application writes now(); the filters read any instant).
  void append_at(std::string_view when, std::string_view action, std::string_view target_id) {
    connect().exec(db::Query{"test_audit_at",
                             "INSERT INTO audit_log (occurred_at, actor_kind, action, target_kind, "
                             "target_id) VALUES ($1::timestamptz, 'system', $2, 'order', $3)"},
                   when, action, target_id);
  }

  AuditPage list(const AuditFilter& filter) {
    return database().transact_sync(
        [&](db::Connection& conn) { return AuditReport(conn).list(filter); });
  }

  std::vector<std::string> targets(const AuditPage& page) {
    std::vector<std::string> out;
    for (const auto& row : page.rows) out.push_back(row.target_id);
    return out;
  }
};

TEST_F(AuditReports, PagesGoNewestFirstByCursorWithoutRepeatingOrSkippingAnEntry) {
  // 130 entries: some in one transaction (one now() for all), others one by one.
  database().transact_sync([&](db::Connection& conn) {
    for (int i = 0; i < 70; ++i)
      append_audit(conn, {.action = "order.status_changed",
                          .target_kind = "order",
                          .target_id = fmt::format("T{:03}", i)});
  });
  for (int i = 70; i < 130; ++i)
    append({.action = "order.status_changed",
            .target_kind = "order",
            .target_id = fmt::format("T{:03}", i)});
  std::vector<std::string> seen;
  AuditFilter filter{.limit = 50};
  int pages = 0;
  while (true) {
    auto page = list(filter);
    ++pages;
    for (const auto& row : page.rows) seen.push_back(row.target_id);
    if (!page.next_before_id) break;
    filter.before_id = page.next_before_id;
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 130u);
  for (int i = 0; i < 130; ++i)
    EXPECT_EQ(seen[static_cast<std::size_t>(i)], fmt::format("T{:03}", 129 - i));
}

TEST_F(AuditReports, AnActionIsMatchedWholeOrAsAFamily) {
  append({.action = "order.status_changed", .target_kind = "order", .target_id = "A"});
  append({.action = "order.address_viewed", .target_kind = "order", .target_id = "B"});
  append({.action = "orders.other", .target_kind = "order", .target_id = "C"});
  append({.action = "login.failed", .target_kind = "user", .target_id = "1"});
  EXPECT_THAT(targets(list({.action = "order.status_changed"})), ElementsAre("A"));
  EXPECT_THAT(targets(list({.action = "order."})), ElementsAre("B", "A"));
  EXPECT_THAT(targets(list({.action = "order"})), ElementsAre("B", "A"));
  EXPECT_THAT(targets(list({.action = "order.status."})), IsEmpty());
  EXPECT_THAT(targets(list({.action = "login.failed"})), ElementsAre("1"));
  EXPECT_THAT(targets(list({.action = "order.status"})), IsEmpty());
}

TEST_F(AuditReports, AnEntityIsItsKindAndId) {
  append({.action = "order.status_changed", .target_kind = "order", .target_id = "CMP-1"});
  append({.action = "order.address_viewed", .target_kind = "order", .target_id = "CMP-2"});
  append({.action = "user.created", .target_kind = "user", .target_id = "CMP-1"});
  append({.action = "keys.rotated"});
  auto one = list({.target_kind = "order", .target_id = "CMP-1"});
  ASSERT_EQ(one.rows.size(), 1u);
  EXPECT_EQ(one.rows[0].action, "order.status_changed");
  EXPECT_THAT(targets(list({.target_kind = "order"})), ElementsAre("CMP-2", "CMP-1"));
  auto both = list({.action = "order.", .target_kind = "order", .target_id = "CMP-2"});
  EXPECT_THAT(targets(both), ElementsAre("CMP-2"));
  EXPECT_EQ(list({}).rows.size(), 4u);
}

TEST_F(AuditReports, AnActorIsFoundByEmailOrNameAndOnlyTheirEntriesAreShown) {
  auto marie = user("marie.tremblay@example.ca", "Marie Tremblay");
  auto marc = user("marc@example.ca", "Marc Gagnon");
  append({.actor = Actor::user(marie), .action = "order.status_changed", .target_id = "m1"});
  append({.actor = Actor::user(marc), .action = "order.status_changed", .target_id = "c1"});
  append({.actor = Actor::user(marie), .action = "login.succeeded", .target_id = "m2"});
  append({.actor = Actor::system(), .action = "keys.rotated", .target_id = "s1"});

  auto by_email = list({.actor = "Marie.Tremblay@example.ca"});
  EXPECT_EQ(by_email.actors_matched, 1);
  EXPECT_THAT(targets(by_email), ElementsAre("m2", "m1"));
  EXPECT_EQ(by_email.rows[0].actor_email, "marie.tremblay@example.ca");
  EXPECT_EQ(by_email.rows[0].actor_name, "Marie Tremblay");
  // "mar" is in both names: both accounts' entries, newest first.
  EXPECT_THAT(targets(list({.actor = "MAR"})), ElementsAre("m2", "c1", "m1"));
  EXPECT_THAT(targets(list({.actor = "gagnon"})), ElementsAre("c1"));
  auto with_action = list({.actor = "tremblay", .action = "login."});
  EXPECT_THAT(targets(with_action), ElementsAre("m2"));
  // '%' and '_' are matched as typed.
  auto nobody = list({.actor = "%"});
  EXPECT_EQ(nobody.actors_matched, 0);
  EXPECT_THAT(nobody.rows, IsEmpty());
}

TEST_F(AuditReports, MoreMatchingAccountsThanShownIsSaid) {
  for (int i = 0; i <= AuditReport::kMaxActors; ++i) {
    auto id = user(fmt::format("lot-{}@example.ca", i));
    append({.actor = Actor::user(id), .action = "login.succeeded"});
  }
  auto page = list({.actor = "lot-"});
  EXPECT_EQ(page.actors_matched, AuditReport::kMaxActors);
  EXPECT_TRUE(page.actors_truncated);
  EXPECT_EQ(page.rows.size(), static_cast<std::size_t>(AuditReport::kMaxActors));
  EXPECT_FALSE(list({.actor = "lot-1@"}).actors_truncated);
}

TEST_F(AuditReports, DatesAreWholeUtcDaysBothIncludedAndBoundTheCursor) {
  append_at("2026-03-01 23:59:59.999+00", "order.status_changed", "before");
  append_at("2026-03-02 00:00:00+00", "order.status_changed", "first");
  append_at("2026-03-02 12:00:00+00", "order.status_changed", "noon");
  append_at("2026-03-02 23:59:59.999999+00", "order.status_changed", "last");
  append_at("2026-03-03 00:00:00+00", "order.status_changed", "after");
  auto day = std::chrono::sys_days{2026y / 3 / 2};
  EXPECT_THAT(targets(list({.from = day, .to = day})), ElementsAre("last", "noon", "first"));
  EXPECT_THAT(targets(list({.from = day + std::chrono::days{1}})), ElementsAre("after"));
  EXPECT_THAT(targets(list({.to = day - std::chrono::days{1}})), ElementsAre("before"));
  // A cursor and an end date together: whichever comes first bounds the page.
  auto first = list({.from = day, .to = day, .limit = 2});
  ASSERT_TRUE(first.next_before_id);
  EXPECT_THAT(targets(list({.from = day, .to = day, .before_id = first.next_before_id})),
              ElementsAre("first"));
  // A cursor that names no entry starts from the newest.
  EXPECT_EQ(list({.before_id = 999'999}).rows.size(), 5u);
}

TEST_F(AuditReports, EachRowSaysWhoFromWhereAndWhatChanged) {
  auto marie = user("marie@example.ca", "Marie");
  auto token = connect()
                   .exec(db::Query{"test_token",
                                   "INSERT INTO api_tokens (name, prefix, secret_hash, scopes) "
                                   "VALUES ('intégration', 'abcdefgh', repeat('a', 64), "
                                   "'{orders:read}') RETURNING id"})
                   .one<std::int64_t>();
  append({.actor = Actor::user(marie),
          .action = "user.role_changed",
          .target_kind = "user",
          .target_id = "12",
          .ip = "203.0.113.9",
          .request_id = "req-1",
          .details = {{"before", "customer"}, {"after", "support"}}});
  append({.actor = Actor::token(token), .action = "order.status_changed"});
  append({.actor = Actor::anonymous(), .action = "login.failed", .ip = "2001:db8::1"});
  auto page = list({});
  ASSERT_EQ(page.rows.size(), 3u);
  const auto& anonymous = page.rows[0];
  EXPECT_EQ(anonymous.actor_kind, "anonymous");
  EXPECT_FALSE(anonymous.actor_id);
  EXPECT_EQ(anonymous.ip, "2001:db8::1");
  EXPECT_EQ(anonymous.target_kind, "");
  EXPECT_EQ(page.rows[1].actor_kind, "api_token");
  EXPECT_EQ(page.rows[1].actor_name, "intégration");
  const auto& change = page.rows[2];
  EXPECT_EQ(change.actor_id, marie);
  EXPECT_EQ(change.actor_email, "marie@example.ca");
  EXPECT_EQ(change.ip, "203.0.113.9");
  EXPECT_EQ(change.request_id, "req-1");
  EXPECT_EQ(change.target_kind, "user");
  EXPECT_EQ(change.target_id, "12");
  EXPECT_EQ(change.details.at("after").as_string(), "support");
  EXPECT_EQ(change.occurred_at.size(), 20u);  // 2026-12-02T14:05:09Z
}

}  // namespace
}  // namespace comptoir::accounts
