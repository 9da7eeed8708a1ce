#include "admin/import_screens.hpp"

#include <boost/json/parse.hpp>

#include <fmt/format.h>

#include "accounts/csrf.hpp"
#include "accounts/session.hpp"
#include "admin/admin_urls.hpp"
#include "admin/audit_details.hpp"
#include "admin/product_form.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_imports.hpp"
#include "http/multipart.hpp"
#include "http/pages.hpp"
#include "i18n/catalog.hpp"
#include "staticfiles/asset_store.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using catalog::ImportStatus;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;
namespace json = boost::json;

constexpr http::MultipartLimits kFileLimits{.max_body_bytes = catalog::kMaxImportBytes + 64 * 1024,
                                            .max_parts = 4,
                                            .max_part_header_bytes = 2048,
                                            .max_field_bytes = 4096};

bool running(ImportStatus status) {
  return status == ImportStatus::checking || status == ImportStatus::applying;
}

std::string status_text(const Kit& kit, Locale locale, ImportStatus status) {
  return kit.t(locale, fmt::format("admin.import.status.{}", catalog::to_string(status)));
}

// "1 250 / 10 000 lines"
std::string progress_text(const Kit& kit, Locale locale, const catalog::ImportSummary& summary) {
  auto text = kit.t(locale, "admin.import.progress_text");
  auto put = [&](std::string_view name, std::int64_t value) {
    if (auto at = text.find(name); at != std::string::npos)
      text.replace(at, name.size(), kit.number(value, locale));
  };
  put("{done}", summary.rows_done);
  put("{total}", summary.rows_total);
  return text;
}

std::string error_message(const Kit& kit, Locale locale, const json::object& error) {
  auto text = [&](std::string_view name) {
    const auto* value = error.if_contains(name);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
  };
  auto key = text("key");
  auto message = kit.deps().messages.contains(locale, key) ? kit.t(locale, key) : key;
  if (auto at = message.find("{value}"); at != std::string::npos)
    message.replace(at, 7, text("value"));
  return message;
}

void fill_row(views::Dict& row, const Kit& kit, const Staff& staff,
              const catalog::ImportRowView& line) {
  const auto locale = staff.locale;
  views::set(row, "LINE"_key, std::to_string(line.line));
  views::set(row, "SKU"_key, line.sku);
  auto name =
      line.product_name.empty() ? kit.t(locale, "admin.import.new_product") : line.product_name;
  if (line.product_id) {
    auto& link = *row.AddSectionDictionary("PRODUCT_LINK"_key);
    views::set(link, "URL"_key, urls::product(*line.product_id));
    views::set(link, "TEXT"_key, name);
  } else {
    views::set(*row.AddSectionDictionary("PRODUCT_TEXT"_key), "TEXT"_key, name);
  }
  auto outcome = catalog::to_string(line.outcome);
  views::set(row, "OUTCOME"_key, outcome);
  views::set(row, "OUTCOME_TEXT"_key,
             kit.t(locale, fmt::format("admin.import.outcome.{}", outcome)));
  json::object details;
  try {
    details = json::parse(line.details).as_object();
  } catch (const std::exception&) {
    return;  // written by the job as an object; nothing else writes this column
  }
  if (const auto* errors = details.if_contains("errors"); errors && errors->is_array()) {
    auto& list = *row.AddSectionDictionary("ERRORS"_key);
    for (const auto& error : errors->as_array()) {
      if (!error.is_object()) continue;
      auto& item = *list.AddSectionDictionary("ERROR"_key);
      const auto* field = error.as_object().if_contains("field");
      if (field && field->is_string() && !field->get_string().empty())
        views::set(*item.AddSectionDictionary("COLUMN_SECTION"_key), "COLUMN"_key,
                   std::string(field->get_string()));
      views::set(item, "MESSAGE"_key, error_message(kit, locale, error.as_object()));
    }
    return;
  }
  auto read = read_audit_details(details);
  if (read.changes.empty()) return;
  auto& list = *row.AddSectionDictionary("CHANGES"_key);
  for (const auto& change : read.changes) {
    auto& item = *list.AddSectionDictionary("CHANGE"_key);
    views::set(item, "FIELD"_key, change.field);
    views::set(item, "BEFORE"_key, change.before);
    views::set(item, "AFTER"_key, change.after);
    views::set(item, "BECOMES"_key, kit.t(locale, "admin.activity.becomes"));
  }
}

}  // namespace

net::awaitable<Response> ImportScreens::index(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  co_return co_await render_index(ctx, *admitted, Status::ok, {});
}

net::awaitable<Response> ImportScreens::render_index(Context& ctx, const Staff& staff,
                                                     Status status, std::string_view error) const {
  const auto locale = staff.locale;
  auto recent = co_await kit_.deps().imports.recent(20);
  views::Dict body("admin_import");
  kit_.labels(body, locale,
              {{"INTRO", "admin.import.intro"},
               {"RULES_TITLE", "admin.import.rules_title"},
               {"RULE_COLUMNS", "admin.import.rule_columns"},
               {"RULE_EMPTY", "admin.import.rule_empty"},
               {"RULE_MATCH", "admin.import.rule_match"},
               {"RULE_NUMBERS", "admin.import.rule_numbers"},
               {"RULE_NEVER_DELETES", "admin.import.rule_never_deletes"},
               {"EXPORT_LINK", "admin.import.export_link"},
               {"FILE_LABEL", "admin.import.file"},
               {"FILE_HINT", "admin.import.file_hint"},
               {"SEND", "admin.import.send"},
               {"CAPTION", "admin.import.recent"},
               {"WHEN_HEAD", "admin.order.when"},
               {"FILE_HEAD", "admin.import.file_head"},
               {"WHO_HEAD", "admin.order.who"},
               {"STATUS_HEAD", "admin.import.status_head"},
               {"COUNTS_HEAD", "admin.import.counts_head"}});
  views::set(body, "ACTION_URL"_key, urls::kProductsImport);
  views::set(body, "EXPORT_URL"_key, urls::kProductsCsv);
  views::set(body, "CSRF"_key, staff.csrf());
  if (!error.empty()) {
    views::set(*body.AddSectionDictionary("FILE_ERROR"_key), "TEXT"_key, error);
    views::set(body, "FILE_INVALID"_key, "true");
  } else {
    views::set(body, "FILE_INVALID"_key, "false");
  }
  for (const auto& summary : recent) {
    auto& row = *body.AddSectionDictionary("IMPORT"_key);
    views::set(row, "URL"_key, urls::product_import(summary.id));
    views::set(row, "FILE"_key, summary.file_name);
    views::set(row, "WHEN"_key, Kit::when(summary.created_at));
    views::set(row, "WHO"_key, summary.created_by);
    views::set(row, "STATUS"_key, status_text(kit_, locale, summary.status));
    views::set(row, "COUNTS"_key,
               fmt::format("{} {} · {} {} · {} {}", kit_.number(summary.created, locale),
                           kit_.t(locale, "admin.import.count.created"),
                           kit_.number(summary.changed, locale),
                           kit_.t(locale, "admin.import.count.changed"),
                           kit_.number(summary.refused, locale),
                           kit_.t(locale, "admin.import.count.refused")));
  }
  if (recent.empty())
    views::set(*body.AddSectionDictionary("NO_IMPORT"_key), "TEXT"_key,
               kit_.t(locale, "admin.import.none"));
  co_return kit_.page(status, ctx, staff, Section::products, kit_.t(locale, "admin.import.title"),
                      "import.tpl", body, kit_.notice(ctx, locale), error);
}

net::awaitable<Response> ImportScreens::submit(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto parsed =
      http::parse_multipart(ctx.header(http::Field::content_type), ctx.request.body(), kFileLimits);
  if (!parsed) {
    auto key = fmt::format("multipart.error.{}", http::name(parsed.error()));
    throw http::multipart_refusal(parsed.error(), kit_.t(locale, key));
  }
  const auto* token = parsed->find(accounts::kCsrfField);
  auto form = http::Form::parse(
      fmt::format("{}={}", accounts::kCsrfField,
                  http::form_encode(token && !token->filename ? token->data : "")));
  if (!kit_.csrf_ok(ctx, staff, form)) throw http::HttpError(Status::forbidden);
  const auto* file = parsed->find("file");
  if (!file || !file->filename || (file->filename->empty() && file->data.empty())) {
    auto message = kit_.t(locale, "admin.import.error.no_file");
    co_return co_await render_index(ctx, staff, Status::unprocessable_entity, message);
  }
  std::string file_name(*file->filename);
  std::string content(file->data);
  auto author = *author_of(ctx, staff);
  std::string email = staff.user().email;
  auto submitted = co_await kit_.deps().imports.submit(std::move(file_name), std::move(content),
                                                       std::move(author), std::move(email));
  if (!submitted) {
    const auto& problem = submitted.error();
    auto message = kit_.t(locale, fmt::format("admin.import.error.{}", problem.code));
    for (const auto& [name, value] :
         {std::pair<std::string_view, std::string>{"{line}", std::to_string(problem.line)},
          {"{value}", problem.detail}})
      if (auto at = message.find(name); at != std::string::npos)
        message.replace(at, name.size(), value);
    co_return co_await render_index(ctx, staff, Status::unprocessable_entity, message);
  }
  co_return http::see_other(urls::product_import(*submitted));
}

net::awaitable<Response> ImportScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto id = id_param(ctx, "id");
  auto found = co_await kit_.deps().imports.find(id);
  if (!found) throw http::HttpError(Status::not_found);
  const auto& summary = *found;
  auto query = http::query_of(ctx);
  auto show = catalog::parse_import_outcome(query.get("show"));
  auto page = positive_number(query.get("page")).value_or(1);
  if (page > 1'000) page = 1'000;
  auto offset = static_cast<int>((page - 1) * kRowsPerPage);
  std::vector<catalog::ImportRowView> rows;
  if (!running(summary.status))
    rows = co_await kit_.deps().imports.rows(id, show, offset, kRowsPerPage + 1);

  views::Dict body("admin_import_show");
  kit_.labels(body, locale,
              {{"STATUS_LABEL", "admin.import.status_head"},
               {"FILE_LABEL", "admin.import.file_head"},
               {"WHO_LABEL", "admin.order.who"},
               {"WHEN_LABEL", "admin.order.when"},
               {"PROGRESS_LABEL", "admin.import.progress"},
               {"REFRESH", "admin.import.refresh"},
               {"SUMMARY_LABEL", "admin.import.summary"},
               {"CREATED_LABEL", "admin.import.outcome.created"},
               {"CHANGED_LABEL", "admin.import.outcome.changed"},
               {"UNCHANGED_LABEL", "admin.import.outcome.unchanged"},
               {"REFUSED_LABEL", "admin.import.outcome.refused"},
               {"ALL_LABEL", "admin.import.all_lines"},
               {"FILTER_LABEL", "admin.import.filter"},
               {"CAPTION", "admin.import.lines"},
               {"LINE_HEAD", "admin.import.line_head"},
               {"SKU_HEAD", "admin.import.sku_head"},
               {"PRODUCT_HEAD", "admin.import.product_head"},
               {"OUTCOME_HEAD", "admin.import.outcome_head"},
               {"DETAILS_HEAD", "admin.activity.details"},
               {"PAGES_LABEL", "admin.activity.pages"},
               {"BACK", "admin.import.back"}});
  views::set(body, "BACK_URL"_key, urls::kProductsImport);
  views::set(body, "FILE"_key, summary.file_name);
  views::set(body, "WHO"_key, summary.created_by);
  views::set(body, "WHEN"_key, Kit::when(summary.created_at));
  views::set(body, "STATUS"_key, std::string(catalog::to_string(summary.status)));
  views::set(body, "STATUS_TEXT"_key, status_text(kit_, locale, summary.status));
  const auto here = urls::product_import(id);
  if (running(summary.status)) {
    auto& bar = *body.AddSectionDictionary("RUNNING"_key);
    views::set(bar, "DONE"_key, std::to_string(summary.rows_done));
    views::set(bar, "TOTAL"_key, std::to_string(std::max(summary.rows_total, 1)));
    views::set(bar, "TEXT"_key, progress_text(kit_, locale, summary));
    views::set(bar, "PROGRESS_URL"_key, here + "/progress");
    views::set(bar, "REFRESH_URL"_key, here);
    views::set(bar, "SCRIPT_URL"_key, kit_.deps().assets.url("js/admin-import.js"));
  } else if (summary.status == ImportStatus::failed) {
    views::set(*body.AddSectionDictionary("FAILED"_key), "TEXT"_key,
               kit_.t(locale, "admin.import.failed"));
  } else {
    auto& counts = *body.AddSectionDictionary("SUMMARY"_key);
    auto filter = [&](std::string_view section, std::string_view outcome, int count) {
      auto& item = *counts.AddSectionDictionary(std::string(section));
      views::set(item, "COUNT"_key, kit_.number(count, locale));
      views::set(item, "URL"_key, list_url(here, {{"show", outcome}}));
    };
    filter("CREATED", "created", summary.created);
    filter("CHANGED", "changed", summary.changed);
    filter("UNCHANGED", "unchanged", summary.unchanged);
    filter("REFUSED", "refused", summary.refused);
    views::set(counts, "ALL_URL"_key, here);
  }
  if (summary.status == ImportStatus::checked) {
    if (summary.created + summary.changed > 0) {
      auto& apply = *body.AddSectionDictionary("APPLY"_key);
      views::set(apply, "URL"_key, here + "/apply");
      views::set(apply, "CSRF"_key, staff.csrf());
      views::set(apply, "VERSION"_key, std::to_string(summary.version));
      auto button = kit_.t(locale, "admin.import.apply");
      views::set(apply, "BUTTON"_key, button);
      views::set(apply, "EXPLAIN"_key, kit_.t(locale, "admin.import.apply_explain"));
      if (summary.refused > 0)
        views::set(*apply.AddSectionDictionary("REFUSED_NOTE"_key), "TEXT"_key,
                   kit_.t(locale, "admin.import.apply_refused"));
    } else {
      views::set(*body.AddSectionDictionary("NOTHING"_key), "TEXT"_key,
                 kit_.t(locale, "admin.import.nothing_to_apply"));
    }
  }
  if (!running(summary.status) && summary.status != ImportStatus::failed) {
    auto& table = *body.AddSectionDictionary("LINES"_key);
    const bool more = static_cast<int>(rows.size()) > kRowsPerPage;
    if (more) rows.pop_back();
    for (const auto& line : rows)
      fill_row(*table.AddSectionDictionary("ROW"_key), kit_, staff, line);
    if (rows.empty())
      views::set(*table.AddSectionDictionary("EMPTY"_key), "TEXT"_key,
                 kit_.t(locale, "admin.import.no_line"));
    auto shown = show ? std::string(catalog::to_string(*show)) : std::string();
    auto& pages = table;
    if (page > 1)
      views::set(*pages.AddSectionDictionary("FIRST_PAGE"_key), "URL"_key,
                 list_url(here, {{"show", shown}}));
    if (more)
      views::set(*pages.AddSectionDictionary("NEXT_PAGE"_key), "URL"_key,
                 list_url(here, {{"show", shown}, {"page", std::to_string(page + 1)}}));
    views::set(table, "FIRST_TEXT"_key, kit_.t(locale, "admin.import.first_page"));
    views::set(table, "NEXT_TEXT"_key, kit_.t(locale, "admin.import.next_page"));
  }
  co_return kit_.page(Status::ok, ctx, staff, Section::products,
                      kit_.t(locale, "admin.import.title_one"), "import_show.tpl", body,
                      kit_.notice(ctx, locale));
}

net::awaitable<Response> ImportScreens::progress(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  auto id = id_param(ctx, "id");
  auto found = co_await kit_.deps().imports.find(id);
  if (!found) throw http::HttpError(Status::not_found);
  auto res =
      http::json(Status::ok, json::object{{"status", catalog::to_string(found->status)},
                                          {"rows_done", found->rows_done},
                                          {"rows_total", found->rows_total},
                                          {"text", progress_text(kit_, admitted->locale, *found)}});
  res.set(http::Field::cache_control, "no-store");
  co_return res;
}

net::awaitable<Response> ImportScreens::apply(Context& ctx) const {
  auto posted = co_await kit_.admit_form(ctx, "catalog:write");
  if (!posted) co_return std::move(posted.error());
  const auto& [staff, form] = *posted;
  auto id = id_param(ctx, "id");
  auto version = read_version(form);
  if (!version) throw http::HttpError(Status::bad_request);
  auto author = *author_of(ctx, staff);
  auto applied = co_await kit_.deps().imports.apply(id, *version, std::move(author));
  if (applied)
    co_return http::see_other(http::with_notice(urls::product_import(id), "import_applying"));
  switch (applied.error()) {
    case catalog::ApplyRefusal::not_found:
      throw http::HttpError(Status::not_found);
    case catalog::ApplyRefusal::stale:
    case catalog::ApplyRefusal::not_checked:
      co_return http::see_other(http::with_notice(urls::product_import(id), "import_stale"));
    case catalog::ApplyRefusal::nothing_to_apply:
      break;
  }
  co_return http::see_other(http::with_notice(urls::product_import(id), "import_nothing"));
}

}  // namespace comptoir::admin
