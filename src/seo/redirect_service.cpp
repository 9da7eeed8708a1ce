#include "seo/redirect_service.hpp"

#include <boost/json/object.hpp>

#include "catalog/change_listener.hpp"
#include "core/csv.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "i18n/negotiate.hpp"
#include "observe/log.hpp"
#include "seo/redirect_repository.hpp"

namespace comptoir::seo {

ImportPlan import_redirects(db::Connection& conn, const RedirectImport& request,
                            const PathRules& rules) {
  RedirectRepository repository(conn);
  repository.lock_for_import();
  auto plan = plan_import(request.csv, repository.all(), rules, request.replace);
  if (!plan.ok() || request.dry_run) return plan;

  std::vector<Redirect> writes;
  for (const auto& row : plan.rows)
    if (row.change != PlannedRedirect::Change::same) writes.push_back(row.redirect);
  repository.upsert(writes);
  repository.remove(plan.removed);

  using Change = PlannedRedirect::Change;
  accounts::append_audit(conn,
                         {.actor = request.actor,
                          .action = "redirects.imported",
                          .target_kind = "redirects",
                          .target_id = request.source,
                          .ip = request.ip,
                          .request_id = request.request_id,
                          .details = boost::json::object{{"added", plan.count(Change::add)},
                                                         {"changed", plan.count(Change::change)},
                                                         {"unchanged", plan.count(Change::same)},
                                                         {"removed", plan.removed.size()},
                                                         {"replace", request.replace}}});
  return plan;
}

std::vector<Redirect> list_redirects(db::Connection& conn) {
  return RedirectRepository(conn).all();
}

std::string redirects_csv(const std::vector<Redirect>& redirects) {
  core::CsvWriter csv;
  csv.text("from").text("to").text("status").end_row();
  for (const auto& redirect : redirects) {
    csv.text(redirect.from_text()).text(redirect.target).number(redirect.status);
    csv.end_row();
  }
  return csv.take();
}

RedirectTable::RedirectTable(db::Database& database)
    : database_(database), index_(std::make_shared<const RedirectIndex>()) {}

RedirectTable::~RedirectTable() {
  listener_.reset();  // joins its thread before the rest goes
}

void RedirectTable::load() {
  std::lock_guard lock(load_mutex_);
  auto redirects =
      database_.transact_sync([](db::Connection& conn) { return list_redirects(conn); });
  index_.store(std::make_shared<const RedirectIndex>(std::move(redirects)));
  loads_.fetch_add(1);
}

void RedirectTable::reload() noexcept {
  try {
    load();
  } catch (const std::exception& e) {
    observe::warn("redirects could not be reloaded; the previous ones stay", {{"error", e.what()}});
  }
}

void RedirectTable::start_listening(std::string conninfo) {
  catalog::ChangeListenerOptions options;
  options.conninfo = std::move(conninfo);
  options.channel = "redirects_changed";
  options.name = "redirects";
  listener_ = std::make_unique<catalog::ChangeListener>(
      std::move(options), catalog::ChangeListener::Callbacks{
                              // Imports made while we were not listening were missed.
                              .on_connected = [this] { reload(); },
                              .on_change = [this](const std::vector<std::string>&) { reload(); },
                              .on_disconnected = {},
                          });
}

http::Handler redirect_fallback(const RedirectTable& table) {
  return [&table](http::Context& ctx) -> http::net::awaitable<http::Response> {
    auto method = ctx.request.method();
    if (method != http::Method::get && method != http::Method::head)
      throw http::HttpError(http::Status::not_found);
    auto index = table.current();
    const Redirect* redirect =
        index->size() == 0 ? nullptr : index->find(http::percent_decode(ctx.path));
    if (redirect == nullptr) throw http::HttpError(http::Status::not_found);
    ctx.route_pattern = "(redirect)";
    if (redirect->status == 410) {
      // An old path is never under a locale prefix (parse_from): the visitor's language, then
      // French.
      ctx.locale = i18n::negotiate_locale(ctx.header(http::Field::accept_language));
      throw http::HttpError(http::Status::gone);
    }
    auto status = redirect->status == 301 ? http::Status::moved_permanently : http::Status::found;
    co_return http::redirect(status, location_of(*redirect, ctx.query));
  };
}

}  // namespace comptoir::seo
