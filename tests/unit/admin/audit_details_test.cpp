#include "admin/audit_details.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <string>
#include <vector>

namespace comptoir::admin {
namespace {

AuditDetails read(std::string_view json) {
  return read_audit_details(boost::json::parse(json).as_object());
}

std::vector<std::string> changes(const AuditDetails& details) {
  std::vector<std::string> out;
  for (const auto& c : details.changes) out.push_back(c.field + ": " + c.before + " → " + c.after);
  return out;
}

std::vector<std::string> facts(const AuditDetails& details) {
  std::vector<std::string> out;
  for (const auto& f : details.facts) out.push_back(f.name + "=" + f.value);
  return out;
}

TEST(AuditDetails, BeforeAndAfterMapsBecomeOneChangePerField) {
  auto details = read(R"({"before": {"name": "Théière", "price": 4500, "active": true},
                          "after": {"name": "Théière en fonte", "price": 4900, "slug": "theiere"},
                          "sessions_ended": 2})");
  EXPECT_EQ(changes(details),
            (std::vector<std::string>{"name: Théière → Théière en fonte", "price: 4500 → 4900",
                                      "active: true → —", "slug: — → theiere"}));
  EXPECT_EQ(facts(details), std::vector<std::string>{"sessions_ended=2"});
}

TEST(AuditDetails, TheCatalogsChangesAreOneChangePerField) {
  auto details = read(R"({"changes": {"text.fr.name": {"before": "Bol", "after": "Bol en grès"},
                                      "variants.12.price_cents": {"before": null, "after": 2800}},
                          "version": 4})");
  EXPECT_EQ(changes(details), (std::vector<std::string>{"text.fr.name: Bol → Bol en grès",
                                                        "variants.12.price_cents: — → 2800"}));
  EXPECT_EQ(facts(details), std::vector<std::string>{"version=4"});
}

TEST(AuditDetails, ScalarBeforeAfterAndFromToAreOneUnnamedChange) {
  EXPECT_EQ(changes(read(R"({"before": "customer", "after": "admin", "sessions_ended": 0})")),
            std::vector<std::string>{": customer → admin"});
  auto order =
      read(R"({"from": "paid", "to": "fulfilled", "tracking_url": "https://t.example/1"})");
  EXPECT_EQ(changes(order), std::vector<std::string>{": paid → fulfilled"});
  EXPECT_EQ(facts(order), std::vector<std::string>{"tracking_url=https://t.example/1"});
  EXPECT_EQ(changes(read(R"({"before": null, "after": "2026-12-02T10:00:00Z"})")),
            std::vector<std::string>{": — → 2026-12-02T10:00:00Z"});
}

TEST(AuditDetails, PrefixedPairsAreChangesOfTheirField) {
  auto details = read(R"({"clerk_user_id": "user_1", "before_role": "customer",
                          "after_role": "support", "svix_id": "msg_1"})");
  EXPECT_EQ(changes(details), std::vector<std::string>{"role: customer → support"});
  EXPECT_EQ(facts(details), (std::vector<std::string>{"clerk_user_id=user_1", "svix_id=msg_1"}));
}

TEST(AuditDetails, OtherValuesAreFactsWithoutJsonQuotes) {
  auto details = read(R"({"permission": "orders:read", "n": 3, "ok": false, "none": null,
                          "list": [1, "a"], "nested": {"k": "v"}})");
  EXPECT_TRUE(details.changes.empty());
  EXPECT_EQ(facts(details),
            (std::vector<std::string>{"permission=orders:read", "n=3", "ok=false", "none=—",
                                      R"(list=[1,"a"])", R"(nested={"k":"v"})"}));
  EXPECT_TRUE(read("{}").facts.empty());
}

}  // namespace
}  // namespace comptoir::admin
