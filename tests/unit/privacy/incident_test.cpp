#include <gtest/gtest.h>

#include <algorithm>

#include "privacy/incident.hpp"

namespace comptoir::privacy {
namespace {

using namespace std::chrono;

const sys_days kToday = sys_days{year{2026} / December / 4};

IncidentDraft valid() {
  return {.discovered_on = "2026-12-01",
          .occurred_on = "2026-11-28",
          .description = "  A backup file was left readable on the web server.  ",
          .data_categories = "emails, names",
          .people_affected = "42",
          .serious_risk = "low",
          .risk_assessment = "The file was not downloaded according to the logs.",
          .authority_notified_on = "",
          .people_notified_on = "2026-12-03",
          .measures = "File removed; permissions checked."};
}

bool names(const std::vector<IncidentProblem>& problems, std::string_view field,
           std::string_view key) {
  return std::ranges::any_of(
      problems, [&](const IncidentProblem& p) { return p.field == field && p.message_key == key; });
}

TEST(IncidentDraft, AValidDraftIsReadTrimmed) {
  auto read = read_draft(valid(), kToday);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->discovered_on, "2026-12-01");
  EXPECT_EQ(read->occurred_on, "2026-11-28");
  EXPECT_EQ(read->description, "A backup file was left readable on the web server.");
  EXPECT_EQ(read->people_affected, 42);
  EXPECT_EQ(read->serious_risk, RiskLevel::low);
  EXPECT_EQ(read->authority_notified_on, "");
  EXPECT_EQ(read->people_notified_on, "2026-12-03");
}

TEST(IncidentDraft, UnknownFieldsMayStayEmpty) {
  auto draft = valid();
  draft.occurred_on = "";
  draft.people_affected = " ";
  draft.serious_risk = "not_assessed";
  auto read = read_draft(draft, kToday);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->occurred_on, "");
  EXPECT_FALSE(read->people_affected);
  EXPECT_EQ(read->serious_risk, RiskLevel::not_assessed);
}

TEST(IncidentDraft, EachWrongFieldIsNamed) {
  IncidentDraft draft{.discovered_on = "",
                      .occurred_on = "2026-02-30",
                      .description = " ",
                      .data_categories = "",
                      .people_affected = "-3",
                      .serious_risk = "huge",
                      .authority_notified_on = "04/12/2026",
                      .people_notified_on = "2027-01-01"};
  auto read = read_draft(draft, kToday);
  ASSERT_FALSE(read);
  const auto& p = read.error();
  EXPECT_TRUE(names(p, "discovered_on", "privacy.incident.error.required"));
  EXPECT_TRUE(names(p, "occurred_on", "privacy.incident.error.date"));
  EXPECT_TRUE(names(p, "description", "privacy.incident.error.required"));
  EXPECT_TRUE(names(p, "data_categories", "privacy.incident.error.required"));
  EXPECT_TRUE(names(p, "people_affected", "privacy.incident.error.people"));
  EXPECT_TRUE(names(p, "serious_risk", "privacy.incident.error.risk"));
  EXPECT_TRUE(names(p, "authority_notified_on", "privacy.incident.error.date"));
  EXPECT_TRUE(names(p, "people_notified_on", "privacy.incident.error.future"));
}

TEST(IncidentDraft, AnIncidentCannotHappenAfterItsDiscovery) {
  auto draft = valid();
  draft.occurred_on = "2026-12-02";
  auto read = read_draft(draft, kToday);
  ASSERT_FALSE(read);
  EXPECT_TRUE(names(read.error(), "occurred_on", "privacy.incident.error.occurred_after"));
}

TEST(IncidentDraft, TextsAreBoundedInCharactersNotBytes) {
  auto draft = valid();
  draft.description = std::string(kLongText, 'x');
  draft.data_categories = "";
  for (std::size_t i = 0; i < kCategoriesText; ++i) draft.data_categories += "é";
  EXPECT_TRUE(read_draft(draft, kToday)) << "5 000 and 1 000 characters fit";
  draft.description += "x";
  auto read = read_draft(draft, kToday);
  ASSERT_FALSE(read);
  EXPECT_TRUE(names(read.error(), "description", "privacy.incident.error.too_long"));
}

TEST(IncidentChanges, OnlyTheFieldsThatDifferAreListed) {
  auto before = *read_draft(valid(), kToday);
  auto after = before;
  EXPECT_TRUE(changes(before, after).empty());
  after.authority_notified_on = "2026-12-04";
  after.serious_risk = RiskLevel::serious;
  auto diff = changes(before, after);
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff.at("authority_notified_on").at("before"), "");
  EXPECT_EQ(diff.at("authority_notified_on").at("after"), "2026-12-04");
  EXPECT_EQ(diff.at("serious_risk").at("before"), "low");
  EXPECT_EQ(diff.at("serious_risk").at("after"), "serious");
}

TEST(IncidentChanges, LongTextsAreCutOnACharacter) {
  auto before = *read_draft(valid(), kToday);
  auto after = before;
  after.measures = "a";
  for (int i = 0; i < 200; ++i) after.measures += "é";  // 401 bytes; byte 300 is inside a "é"
  auto diff = changes(before, after);
  auto cut = std::string(diff.at("measures").at("after").as_string());
  EXPECT_EQ(cut.size(), 299u);
  EXPECT_EQ(cut, after.measures.substr(0, 299));
}

}  // namespace
}  // namespace comptoir::privacy
