#include "admin/activity_screen.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <tuple>

#include "accounts/audit_report.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/audit_details.hpp"
#include "admin/screen_parts.hpp"
#include "core/csv.hpp"
#include "db/database.hpp"
#include "http/pages.hpp"
#include "i18n/catalog.hpp"
#include "orders/order.hpp"
#include "orders/returns.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;
namespace json = boost::json;

constexpr int kPageSize = 50;
constexpr std::size_t kMaxText = 100;
constexpr std::size_t kMaxKind = 40;

// The filters as the query string gave them (what the form shows again), and what was wrong.
struct ActivityQuery {
  accounts::AuditFilter filter{};
  std::string actor{}, action{}, kind{}, id{}, from{}, to{};
  std::vector<std::string> errors{};  // message keys
};

std::string ascii_lower(std::string text) {
  for (auto& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

ActivityQuery read_query(const Context& ctx) {
  ActivityQuery out;
  auto query = http::query_of(ctx);
  out.filter.limit = kPageSize;
  out.actor = search_of(query.get("actor"), kMaxText);
  out.filter.actor = out.actor;
  out.action = ascii_lower(search_of(query.get("action"), kMaxText));
  if (!out.action.empty()) {
    if (accounts::is_action_filter(out.action)) {
      out.filter.action = out.action;
    } else {
      out.errors.emplace_back("admin.activity.bad_action");
      out.action.clear();
    }
  }
  out.kind = ascii_lower(search_of(query.get("kind"), kMaxKind));
  out.id = search_of(query.get("id"), kMaxText);
  if (!out.id.empty() && out.kind.empty()) {
    out.errors.emplace_back("admin.activity.kind_needed");
    out.id.clear();
  }
  out.filter.target_kind = out.kind;
  out.filter.target_id = out.id;
  for (auto [name, text, target] : {std::tuple{"from", &out.from, &out.filter.from},
                                    std::tuple{"to", &out.to, &out.filter.to}}) {
    *text = std::string(query.get(name));
    if (text->empty()) continue;
    *target = day_of(*text);
    if (!*target) {
      out.errors.emplace_back("admin.orders.bad_date");
      text->clear();
    }
  }
  out.filter.before_id = positive_number(query.get("before"));
  return out;
}

std::string activity_url(std::string_view base, const ActivityQuery& query,
                         std::optional<std::int64_t> before = std::nullopt) {
  auto cursor = before ? std::to_string(*before) : std::string();
  return list_url(base, {{"actor", query.actor},
                         {"action", query.action},
                         {"kind", query.kind},
                         {"id", query.id},
                         {"from", query.from},
                         {"to", query.to},
                         {"before", cursor}});
}

// "API token «integration»", "System", "Marie Tremblay"…
std::string actor_text(const Kit& kit, Locale locale, const accounts::AuditRow& row) {
  if (row.actor_kind == "user") {
    if (!row.actor_name.empty()) return row.actor_name;
    if (!row.actor_email.empty()) return row.actor_email;
  }
  auto kind = kit.t(locale, fmt::format("admin.activity.actor.{}", row.actor_kind));
  if (row.actor_kind == "api_token" && !row.actor_name.empty())
    kind = fmt::format("{} « {} »", kind, row.actor_name);
  if (row.actor_id) kind = fmt::format("{} #{}", kind, *row.actor_id);
  return kind;
}

// The entity's kind in the staff member's language when the back office knows it.
std::string kind_text(const Kit& kit, Locale locale, std::string_view kind) {
  auto key = fmt::format("admin.activity.kind.{}", kind);
  if (kit.deps().messages.contains(locale, key)) return kit.t(locale, key);
  return std::string(kind);
}

// Where the entity has a page of its own in the back office that this staff member may open.
std::string entity_url(const Staff& staff, const accounts::AuditRow& row) {
  if (row.target_kind == "order" && orders::is_order_number(row.target_id) &&
      staff.can("orders:read"))
    return urls::order(row.target_id);
  if (auto id = positive_number(row.target_id);
      row.target_kind == "user" && id && staff.can("customers:read"))
    return urls::customer(*id);
  if (row.target_kind == "return" && orders::is_return_number(row.target_id) &&
      staff.can("orders:read"))
    return urls::return_page(row.target_id);
  if (auto id = positive_number(row.target_id);
      row.target_kind == "product" && id && staff.can("catalog:read"))
    return urls::product(*id);
  if (auto id = positive_number(row.target_id);
      row.target_kind == "category" && id && staff.can("catalog:read"))
    return urls::category(*id);
  return {};
}

void fill_row(views::Dict& row, const Kit& kit, const Staff& staff,
              const accounts::AuditRow& entry) {
  const auto locale = staff.locale;
  views::set(row, "ID"_key, std::to_string(entry.id));
  views::set(row, "WHEN"_key, Kit::when(entry.occurred_at));
  views::set(row, "DATETIME"_key, entry.occurred_at);
  auto who = actor_text(kit, locale, entry);
  if (entry.actor_kind == "user" && !entry.actor_email.empty()) {
    auto& link = *row.AddSectionDictionary("ACTOR_LINK"_key);
    views::set(link, "URL"_key, list_url(urls::kActivity, {{"actor", entry.actor_email}}));
    views::set(link, "TEXT"_key, who);
    if (who != entry.actor_email)
      views::set(*link.AddSectionDictionary("EMAIL_SECTION"_key), "EMAIL"_key, entry.actor_email);
  } else {
    views::set(*row.AddSectionDictionary("ACTOR_TEXT"_key), "TEXT"_key, who);
  }
  views::set(row, "ACTION"_key, entry.action);
  views::set(row, "ACTION_URL"_key, list_url(urls::kActivity, {{"action", entry.action}}));
  if (!entry.target_kind.empty()) {
    auto url = entity_url(staff, entry);
    auto& entity = *row.AddSectionDictionary(url.empty() ? "ENTITY_TEXT" : "ENTITY_LINK");
    views::set(entity, "KIND"_key, kind_text(kit, locale, entry.target_kind));
    views::set(entity, "ENTITY_ID"_key, entry.target_id);
    views::set(entity, "URL"_key, url);
  }
  views::set(row, "IP"_key, entry.ip);
  views::set(row, "REQUEST_ID"_key, entry.request_id);
  auto details = read_audit_details(entry.details);
  if (!details.changes.empty()) {
    auto& list = *row.AddSectionDictionary("CHANGES"_key);
    for (const auto& change : details.changes) {
      auto& item = *list.AddSectionDictionary("CHANGE"_key);
      if (!change.field.empty())
        views::set(*item.AddSectionDictionary("FIELD_SECTION"_key), "FIELD"_key, change.field);
      views::set(item, "BEFORE"_key, change.before);
      views::set(item, "AFTER"_key, change.after);
      views::set(item, "BECOMES"_key, kit.t(locale, "admin.activity.becomes"));
    }
  }
  if (!details.facts.empty()) {
    auto& list = *row.AddSectionDictionary("FACTS"_key);
    for (const auto& fact : details.facts) {
      auto& item = *list.AddSectionDictionary("FACT"_key);
      views::set(item, "NAME"_key, fact.name);
      views::set(item, "VALUE"_key, fact.value);
    }
  }
}

json::object filters_of(const ActivityQuery& query) {
  json::object out;
  for (auto [name, value] : {std::pair{"actor", &query.actor}, std::pair{"action", &query.action},
                             std::pair{"kind", &query.kind}, std::pair{"id", &query.id},
                             std::pair{"from", &query.from}, std::pair{"to", &query.to}})
    if (!value->empty()) out[name] = *value;
  return out;
}

std::string csv_of(const std::vector<accounts::AuditRow>& rows) {
  core::CsvWriter csv;
  for (auto name : {"id", "occurred_at", "actor_kind", "actor_id", "actor_email", "actor_name",
                    "action", "target_kind", "target_id", "ip", "request_id", "details"})
    csv.text(name);
  csv.end_row();
  for (const auto& row : rows) {
    csv.number(row.id).text(row.occurred_at).text(row.actor_kind);
    if (row.actor_id)
      csv.number(*row.actor_id);
    else
      csv.text("");
    csv.text(row.actor_email)
        .text(row.actor_name)
        .text(row.action)
        .text(row.target_kind)
        .text(row.target_id)
        .text(row.ip)
        .text(row.request_id)
        .text(json::serialize(row.details));
    csv.end_row();
  }
  return csv.take();
}

}  // namespace

net::awaitable<Response> ActivityScreen::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "audit:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto query = read_query(ctx);
  auto page = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) { return accounts::AuditReport(conn).list(query.filter); });

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_activity");
  kit_.labels(body, locale,
              {{"FILTERS_LABEL", "admin.activity.filters"},
               {"ACTOR_LABEL", "admin.activity.actor"},
               {"ACTOR_HINT", "admin.activity.actor_hint"},
               {"ACTION_LABEL", "admin.activity.action"},
               {"ACTION_HINT", "admin.activity.action_hint"},
               {"KIND_LABEL", "admin.activity.kind"},
               {"KIND_HINT", "admin.activity.kind_hint"},
               {"ID_LABEL", "admin.activity.entity_id"},
               {"FROM_LABEL", "admin.orders.from"},
               {"TO_LABEL", "admin.orders.to"},
               {"FILTER_BUTTON", "admin.orders.filter"},
               {"RESET", "admin.orders.reset"},
               {"EXPORT", "admin.activity.export"},
               {"EXPORT_HINT", "admin.activity.export_hint"},
               {"CAPTION", "admin.activity.caption"},
               {"WHEN_HEAD", "admin.order.when"},
               {"WHO_HEAD", "admin.order.who"},
               {"ACTION_HEAD", "admin.activity.action"},
               {"ENTITY_HEAD", "admin.activity.entity"},
               {"IP_HEAD", "admin.activity.ip"},
               {"REQUEST_HEAD", "admin.activity.request"},
               {"DETAILS_HEAD", "admin.activity.details"},
               {"PAGES_LABEL", "admin.activity.pages"}});
  views::set(body, "ACTION_URL"_key, urls::kActivity);
  views::set(body, "RESET_URL"_key, urls::kActivity);
  views::set(body, "ACTOR"_key, query.actor);
  views::set(body, "ACTION"_key, query.action);
  views::set(body, "KIND"_key, query.kind);
  views::set(body, "ENTITY_ID"_key, query.id);
  views::set(body, "FROM"_key, query.from);
  views::set(body, "TO"_key, query.to);
  views::set(body, "EXPORT_URL"_key, activity_url(urls::kActivityCsv, query));
  if (!query.actor.empty() && page.actors_matched == 0)
    views::set(*body.AddSectionDictionary("NOTE"_key), "TEXT"_key, t("admin.activity.no_actor"));
  if (page.actors_truncated)
    views::set(*body.AddSectionDictionary("NOTE"_key), "TEXT"_key, t("admin.activity.many_actors"));
  for (const auto& entry : page.rows)
    fill_row(*body.AddSectionDictionary("ROW"_key), kit_, staff, entry);
  if (page.rows.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.activity.none"));
  add_page_links(
      body, query.filter.before_id ? activity_url(urls::kActivity, query) : "",
      t("admin.orders.newest"),
      page.next_before_id ? activity_url(urls::kActivity, query, page.next_before_id) : "",
      t("admin.activity.older"));
  std::string error;
  for (const auto& key : query.errors) error += (error.empty() ? "" : " ") + t(key);
  co_return kit_.page(query.errors.empty() ? Status::ok : Status::bad_request, ctx, staff,
                      Section::activity, t("admin.activity.title"), "activity.tpl", body, {},
                      error);
}

net::awaitable<Response> ActivityScreen::export_csv(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "audit:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  auto query = read_query(ctx);
  if (!query.errors.empty())
    throw http::HttpError(Status::bad_request, kit_.t(staff.locale, query.errors.front()));
  // The newest entries of the filtered view, whatever page the list was on.
  query.filter.before_id.reset();
  query.filter.limit = accounts::AuditReport::kMaxRows;
  auto page = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    auto read = accounts::AuditReport(conn).list(query.filter);
    // Reading the log is on record too, with what was asked and how much was taken.
    kit_.audit(conn, ctx, staff, "audit.exported", "", "",
               {{"filters", filters_of(query)},
                {"rows", static_cast<std::int64_t>(read.rows.size())},
                {"truncated", read.next_before_id.has_value()}});
    return read;
  });
  auto stamp =
      fmt::format("{:%Y%m%d-%H%M%S}",
                  std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  auto res = http::text(Status::ok, csv_of(page.rows), "text/csv; charset=utf-8");
  res.set(http::Field::content_disposition,
          fmt::format("attachment; filename=\"activity-{}.csv\"", stamp));
  res.set(http::Field::cache_control, "no-store");
  if (page.next_before_id) res.set("Comptoir-Export-Truncated", "true");
  co_return res;
}

}  // namespace comptoir::admin
