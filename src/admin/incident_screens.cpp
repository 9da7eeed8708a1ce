#include "admin/incident_screens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "accounts/account_admin.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/screen_parts.hpp"
#include "db/database.hpp"
#include "http/form.hpp"
#include "http/pages.hpp"
#include "privacy/incident_register.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
using privacy::Incident;
using privacy::IncidentDraft;
namespace net = boost::asio;

enum class Kind { date, area, number, risk };

// One field of the form: its name (in the form, the draft and the problems), its label and hint
// (message keys), its kind, its length limit, whether it is required.
struct FieldSpec {
  std::string_view name;
  std::string_view label;
  std::string_view hint;
  Kind kind = Kind::area;
  int max = 5000;
  bool required = false;
};

constexpr FieldSpec kFields[] = {
    {"discovered_on", "admin.incidents.field.discovered_on", "", Kind::date, 10, true},
    {"occurred_on", "admin.incidents.field.occurred_on", "admin.incidents.field.occurred_on_hint",
     Kind::date, 10},
    {"description", "admin.incidents.field.description", "admin.incidents.field.description_hint",
     Kind::area, 5000, true},
    {"data_categories", "admin.incidents.field.data_categories",
     "admin.incidents.field.data_categories_hint", Kind::area, 1000, true},
    {"people_affected", "admin.incidents.field.people_affected",
     "admin.incidents.field.people_affected_hint", Kind::number, 10},
    {"serious_risk", "admin.incidents.field.serious_risk", "", Kind::risk, 20},
    {"risk_assessment", "admin.incidents.field.risk_assessment",
     "admin.incidents.field.risk_assessment_hint", Kind::area, 5000},
    {"authority_notified_on", "admin.incidents.field.authority_notified_on",
     "admin.incidents.field.notified_hint", Kind::date, 10},
    {"people_notified_on", "admin.incidents.field.people_notified_on",
     "admin.incidents.field.notified_hint", Kind::date, 10},
    {"measures", "admin.incidents.field.measures", "admin.incidents.field.measures_hint",
     Kind::area, 5000},
};

// The draft's value of field `name`.
const std::string& value_of(const IncidentDraft& d, std::string_view name) {
  if (name == "discovered_on") return d.discovered_on;
  if (name == "occurred_on") return d.occurred_on;
  if (name == "description") return d.description;
  if (name == "data_categories") return d.data_categories;
  if (name == "people_affected") return d.people_affected;
  if (name == "serious_risk") return d.serious_risk;
  if (name == "risk_assessment") return d.risk_assessment;
  if (name == "authority_notified_on") return d.authority_notified_on;
  if (name == "people_notified_on") return d.people_notified_on;
  return d.measures;
}

IncidentDraft draft_from(const http::Form& form) {
  return {.discovered_on = std::string(form.get("discovered_on")),
          .occurred_on = std::string(form.get("occurred_on")),
          .description = std::string(form.get("description")),
          .data_categories = std::string(form.get("data_categories")),
          .people_affected = std::string(form.get("people_affected")),
          .serious_risk = std::string(form.get("serious_risk")),
          .risk_assessment = std::string(form.get("risk_assessment")),
          .authority_notified_on = std::string(form.get("authority_notified_on")),
          .people_notified_on = std::string(form.get("people_notified_on")),
          .measures = std::string(form.get("measures"))};
}

std::chrono::sys_days today() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

std::string incident_url(std::int64_t id) {
  return fmt::format("{}/{}", urls::kIncidents, id);
}

std::string with_id(std::string text, std::int64_t id) {
  if (auto at = text.find("{id}"); at != std::string::npos) text.replace(at, 4, std::to_string(id));
  return text;
}

// "Label : text" in French, "Label: text" in English.
std::string labelled(Locale locale, std::string_view label, std::string_view text) {
  return fmt::format("{}{} {}", label, locale == Locale::fr ? " :" : ":", text);
}

std::string shown(const Kit& kit, Locale locale, const FieldSpec& field, const std::string& v) {
  if (field.kind == Kind::risk) return kit.t(locale, fmt::format("admin.incidents.risk.{}", v));
  return v.empty() ? std::string("—") : v;
}

// "Measures taken: now … — you typed …", for each field saved differently meanwhile.
std::vector<std::string> differences(const Kit& kit, Locale locale, const IncidentDraft& now,
                                     const IncidentDraft& typed) {
  std::vector<std::string> out;
  for (const auto& field : kFields) {
    const auto& a = value_of(now, field.name);
    const auto& b = value_of(typed, field.name);
    if (a == b) continue;
    out.push_back(
        labelled(locale, kit.t(locale, field.label),
                 fmt::format("{} {} — {} {}", kit.t(locale, "admin.incidents.now"),
                             shown(kit, locale, field, a), kit.t(locale, "admin.incidents.typed"),
                             shown(kit, locale, field, b))));
  }
  return out;
}

// Who recorded the entry, as staff know them.
std::string recorder(db::Connection& conn, const Incident& incident) {
  if (!incident.recorded_by) return {};
  auto facts = accounts::AccountAdmin(conn).facts(*incident.recorded_by);
  if (!facts) return {};
  const auto& user = facts->user;
  return user.display_name.empty() ? user.email
                                   : fmt::format("{} ({})", user.display_name, user.email);
}

}  // namespace

net::awaitable<Response> IncidentScreens::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "audit:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto query = http::query_of(ctx);
  std::optional<std::int64_t> before;
  if (auto text = query.get("before"); !text.empty()) before = positive_number(text);
  auto page = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) { return privacy::IncidentRegister(conn).list(before); });

  views::Dict body("admin_incidents");
  kit_.labels(body, locale,
              {{"INTRO", "admin.incidents.intro"},
               {"DUTIES", "admin.incidents.duties"},
               {"CAPTION", "admin.incidents.caption"},
               {"NUMBER_HEAD", "admin.incidents.col_number"},
               {"DISCOVERED_HEAD", "admin.incidents.col_discovered"},
               {"DESCRIPTION_HEAD", "admin.incidents.col_description"},
               {"PEOPLE_HEAD", "admin.incidents.col_people"},
               {"RISK_HEAD", "admin.incidents.col_risk"},
               {"NOTIFIED_HEAD", "admin.incidents.col_notified"},
               {"PAGES_LABEL", "admin.incidents.caption"}});
  if (staff.can("settings:manage")) {
    auto& record = *body.AddSectionDictionary("RECORD"_key);
    views::set(record, "URL"_key, urls::kIncidentNew);
    views::set(record, "TEXT"_key, kit_.t(locale, "admin.incidents.record"));
  }
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  for (const auto& incident : page.items) {
    auto& row = *body.AddSectionDictionary("INCIDENT_ROW"_key);
    views::set(row, "URL"_key, incident_url(incident.id));
    views::set(row, "NUMBER"_key, std::to_string(incident.id));
    views::set(row, "DISCOVERED"_key, incident.discovered_on);
    auto text = incident.description;
    if (text.size() > 120) {
      std::size_t end = 120;
      while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      text = text.substr(0, end) + "…";
    }
    views::set(row, "DESCRIPTION"_key, text);
    views::set(row, "PEOPLE"_key,
               incident.people_affected ? kit_.number(*incident.people_affected, locale)
                                        : t("admin.incidents.unknown"));
    views::set(row, "RISK"_key,
               t(fmt::format("admin.incidents.risk.{}", privacy::name(incident.serious_risk))));
    auto notified = [&](const std::string& day) {
      return day.empty() ? t("admin.incidents.not_notified") : day;
    };
    views::set(
        row, "NOTIFIED"_key,
        fmt::format("{} : {} · {} : {}", t("admin.incidents.authority_short"),
                    notified(incident.authority_notified_on), t("admin.incidents.people_short"),
                    notified(incident.people_notified_on)));
  }
  if (page.items.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.incidents.none"));
  auto older = page.next_before
                   ? list_url(urls::kIncidents, {{"before", std::to_string(*page.next_before)}})
                   : std::string{};
  add_page_links(body, before ? urls::kIncidents : std::string_view{}, t("admin.orders.newest"),
                 older, t("admin.incidents.next"));
  co_return kit_.page(Status::ok, ctx, staff, Section::incidents, t("admin.incidents.title"),
                      "incidents.tpl", body, kit_.notice(ctx, locale));
}

net::awaitable<Response> IncidentScreens::blank(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "settings:manage");
  if (!admitted) co_return std::move(admitted.error());
  const std::chrono::year_month_day day{today()};
  IncidentDraft draft{.discovered_on = fmt::format(
                          "{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                          static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()))};
  co_return render(ctx, *admitted, Status::ok, nullptr, {}, &draft, nullptr);
}

net::awaitable<Response> IncidentScreens::create(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "settings:manage");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  auto draft = draft_from(admitted->form);
  auto read = privacy::read_draft(draft, today());
  if (!read) {
    Refusal refusal{.message = kit_.t(staff.locale, "admin.incidents.invalid"),
                    .fields = std::move(read.error())};
    co_return render(ctx, staff, Status::unprocessable_entity, nullptr, {}, &draft, &refusal);
  }
  auto recorded = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    auto stored = privacy::IncidentRegister(conn).record(*read, staff.user().id);
    // What was typed stays in the register; the log names the entry and its assessment.
    kit_.audit(conn, ctx, staff, "incident.recorded", "incident", std::to_string(stored.id),
               {{"discovered_on", stored.discovered_on},
                {"serious_risk", privacy::name(stored.serious_risk)}});
    return stored;
  });
  co_return http::see_other(http::with_notice(incident_url(recorded.id), "incident_recorded"));
}

net::awaitable<Response> IncidentScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "audit:read");
  if (!admitted) co_return std::move(admitted.error());
  auto id = positive_number(ctx.param("id"));
  if (!id) throw http::HttpError(Status::not_found);
  auto found = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) -> std::optional<std::pair<Incident, std::string>> {
        auto incident = privacy::IncidentRegister(conn).find(*id);
        if (!incident) return std::nullopt;
        auto who = recorder(conn, *incident);
        return std::pair{std::move(*incident), std::move(who)};
      });
  if (!found) throw http::HttpError(Status::not_found);
  co_return render(ctx, *admitted, Status::ok, &found->first, found->second, nullptr, nullptr);
}

net::awaitable<Response> IncidentScreens::save(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "settings:manage");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto locale = staff.locale;
  auto id = positive_number(ctx.param("id"));
  if (!id) throw http::HttpError(Status::not_found);
  auto version = positive_number(admitted->form.get("version"));
  if (!version || *version > 1'000'000'000) throw http::HttpError(Status::bad_request);
  auto draft = draft_from(admitted->form);
  auto load = [&]() {
    return kit_.deps().db.transact(
        [&](db::Connection& conn) -> std::optional<std::pair<Incident, std::string>> {
          auto incident = privacy::IncidentRegister(conn).find(*id);
          if (!incident) return std::nullopt;
          auto who = recorder(conn, *incident);
          return std::pair{std::move(*incident), std::move(who)};
        });
  };
  auto read = privacy::read_draft(draft, today());
  if (!read) {
    auto stored = co_await load();
    if (!stored) throw http::HttpError(Status::not_found);
    Refusal refusal{.message = kit_.t(locale, "admin.incidents.invalid"),
                    .fields = std::move(read.error())};
    co_return render(ctx, staff, Status::unprocessable_entity, &stored->first, stored->second,
                     &draft, &refusal);
  }
  auto saved = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) -> std::expected<boost::json::object, privacy::SaveError> {
        Incident before;
        auto out =
            privacy::IncidentRegister(conn).update(*id, static_cast<int>(*version), *read, &before);
        if (!out) return std::unexpected(out.error());
        auto changed = privacy::changes(before, *out);
        if (!changed.empty())
          kit_.audit(conn, ctx, staff, "incident.updated", "incident", std::to_string(*id),
                     {{"changes", changed}, {"version", out->version}});
        return changed;
      });
  if (!saved) {
    if (saved.error() == privacy::SaveError::unknown) throw http::HttpError(Status::not_found);
    // Someone saved first: nothing written; the page shows the entry as it is now, what was
    // typed, and the differences, and takes the new version so saving again is deliberate.
    auto now = co_await load();
    if (!now) throw http::HttpError(Status::not_found);
    Refusal refusal{.message = kit_.t(locale, "admin.incidents.stale"),
                    .differences = differences(kit_, locale, privacy::draft_of(now->first), draft)};
    co_return render(ctx, staff, Status::conflict, &now->first, now->second, &draft, &refusal);
  }
  co_return http::see_other(http::with_notice(
      incident_url(*id), saved->empty() ? "incident_unchanged" : "incident_saved"));
}

Response IncidentScreens::render(const Context& ctx, const Staff& staff, Status status,
                                 const Incident* stored, const std::string& recorded_by,
                                 const IncidentDraft* typed, const Refusal* refusal) const {
  const auto locale = staff.locale;
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_incident");
  views::set(body, "BACK_URL"_key, urls::kIncidents);
  views::set(body, "BACK"_key, t("admin.incidents.title"));

  if (stored) {
    auto& entry = *body.AddSectionDictionary("ENTRY"_key);
    views::set(entry, "TITLE"_key, t("admin.incidents.facts"));
    auto fact = [&](std::string_view label, std::string value) {
      auto& item = *entry.AddSectionDictionary("FACT"_key);
      views::set(item, "LABEL"_key, label);
      views::set(item, "VALUE"_key, value.empty() ? std::string("—") : value);
    };
    auto draft = privacy::draft_of(*stored);
    for (const auto& field : kFields) {
      auto value = value_of(draft, field.name);
      if (field.kind == Kind::risk)
        value = shown(kit_, locale, field, value);
      else if (field.name == "people_affected" && value.empty())
        value = t("admin.incidents.unknown");
      else if (field.name.ends_with("notified_on") && value.empty())
        value = t("admin.incidents.not_notified");
      fact(t(field.label), std::move(value));
    }
    fact(t("admin.incidents.recorded_by"), recorded_by);
    fact(t("admin.incidents.created"), Kit::when(stored->created_at));
    fact(t("admin.incidents.updated"), Kit::when(stored->updated_at));
    fact(t("admin.incidents.version"), std::to_string(stored->version));
    // Five years after the discovery (Law 25's regulation; the table refuses deletion before).
    auto kept = stored->discovered_on;
    if (kept.size() == 10) {
      int year = std::stoi(kept.substr(0, 4)) + 5;
      kept = fmt::format("{}{}", year, kept.substr(4));
    }
    auto text = t("admin.incidents.kept");
    if (auto at = text.find("{date}"); at != std::string::npos) text.replace(at, 6, kept);
    views::set(entry, "KEPT"_key, text);
  }

  if (staff.can("settings:manage")) {
    auto& form = *body.AddSectionDictionary("FORM"_key);
    views::set(form, "ACTION"_key,
               stored ? incident_url(stored->id) : std::string(urls::kIncidents));
    views::set(form, "CSRF"_key, staff.csrf());
    views::set(form, "TITLE"_key, t(stored ? "admin.incidents.edit" : "admin.incidents.new_title"));
    views::set(form, "SUBMIT"_key,
               t(stored ? "admin.incidents.submit_save" : "admin.incidents.submit_new"));
    if (stored)
      views::set(*form.AddSectionDictionary("VERSION"_key), "VALUE"_key,
                 std::to_string(stored->version));
    auto values = typed ? *typed : (stored ? privacy::draft_of(*stored) : IncidentDraft{});
    auto invalid = [&](std::string_view name) {
      return refusal && std::ranges::any_of(refusal->fields, [&](const auto& problem) {
               return problem.field == name;
             });
    };
    for (const auto& field : kFields) {
      auto& item = *form.AddSectionDictionary("ITEM"_key);
      const char* kind = field.kind == Kind::area   ? "AREA"
                         : field.kind == Kind::risk ? "SELECT"
                                                    : "INPUT";
      auto& control = *item.AddSectionDictionary(kind);
      views::set(control, "NAME"_key, field.name);
      views::set(control, "LABEL"_key, t(field.label));
      views::set(control, "VALUE"_key, value_of(values, field.name));
      views::set(control, "MAX"_key, std::to_string(field.max));
      views::set(control, "TYPE"_key, field.kind == Kind::date ? "date" : "text");
      if (field.kind == Kind::number) control.ShowSection("NUMERIC"_key);
      if (field.required) control.ShowSection("REQUIRED"_key);
      if (!field.hint.empty())
        views::set(*control.AddSectionDictionary("HINT"_key), "TEXT"_key, t(field.hint));
      if (invalid(field.name)) control.ShowSection("INVALID"_key);
      if (field.kind == Kind::risk)
        for (auto level : privacy::kRiskLevels) {
          auto code = privacy::name(level);
          add_option(control, "OPTION", code, t(fmt::format("admin.incidents.risk.{}", code)),
                     value_of(values, field.name) == code);
        }
    }
  }

  if (refusal && !refusal->fields.empty()) {
    auto& list = *body.AddSectionDictionary("FIELD_ERRORS"_key);
    views::set(list, "TITLE"_key, t("admin.incidents.errors"));
    for (const auto& problem : refusal->fields) {
      auto spec =
          std::ranges::find_if(kFields, [&](const auto& f) { return f.name == problem.field; });
      auto& item = *list.AddSectionDictionary("FIELD_ERROR"_key);
      views::set(item, "NAME"_key, problem.field);
      views::set(item, "TEXT"_key,
                 spec != std::end(kFields)
                     ? labelled(locale, t(spec->label), t(problem.message_key))
                     : t(problem.message_key));
    }
  }
  if (refusal && !refusal->differences.empty()) {
    auto& stale = *body.AddSectionDictionary("DIFFERENCES"_key);
    views::set(stale, "TITLE"_key, t("admin.incidents.stale_title"));
    views::set(stale, "HINT"_key, t("admin.incidents.stale_hint"));
    for (const auto& line : refusal->differences)
      views::set(*stale.AddSectionDictionary("DIFFERENCE"_key), "TEXT"_key, line);
  }
  auto title = stored ? with_id(t("admin.incidents.show_title"), stored->id)
                      : t("admin.incidents.new_title");
  return kit_.page(status, ctx, staff, Section::incidents, title, "incident.tpl", body,
                   kit_.notice(ctx, locale),
                   refusal ? std::string_view(refusal->message) : std::string_view());
}

}  // namespace comptoir::admin
