#include "admin/return_screens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "accounts/user.hpp"
#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/refund_screen.hpp"
#include "admin/screen_parts.hpp"
#include "core/text.hpp"
#include "db/database.hpp"
#include "http/pages.hpp"
#include "orders/return_errors.hpp"
#include "orders/return_service.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
using orders::ReturnState;
namespace net = boost::asio;

constexpr int kPageSize = 50;
constexpr std::size_t kMaxSearch = 20;

constexpr std::array kStates{ReturnState::requested, ReturnState::approved, ReturnState::refused,
                             ReturnState::received,  ReturnState::refunded, ReturnState::closed};

std::string state_text(const Kit& kit, Locale locale, ReturnState state) {
  return kit.t(locale, fmt::format("admin.return.state.{}", orders::name(state)));
}

// The list's filters as the query string gave them.
struct ListQuery {
  orders::ReturnFilter filter{};
  std::string state{}, search{};
  bool bad = false;
};

ListQuery read_list_query(const Context& ctx) {
  ListQuery out;
  auto query = http::query_of(ctx);
  out.filter.limit = kPageSize;
  out.state = std::string(query.get("state"));
  if (!out.state.empty()) {
    out.filter.state = orders::parse_return_state(out.state);
    if (!out.filter.state) {
      out.bad = true;
      out.state.clear();
    }
  }
  auto search = std::string(core::trim_blanks(query.get("q")));
  if (search.size() > kMaxSearch) search.clear();
  out.search = search;
  out.filter.search = search;
  out.filter.before_id = positive_number(query.get("before"));
  return out;
}

std::string page_url(const ListQuery& query, std::optional<std::int64_t> before) {
  auto cursor = before ? std::to_string(*before) : std::string();
  return list_url(urls::kReturns,
                  {{"state", query.state}, {"q", query.search}, {"before", cursor}});
}

// The changes staff may make from `state` (refunds have their own form).
std::vector<ReturnState> actions_from(ReturnState state) {
  std::vector<ReturnState> out;
  for (auto to :
       {ReturnState::approved, ReturnState::refused, ReturnState::received, ReturnState::closed})
    if (orders::transition_allowed(state, to)) out.push_back(to);
  return out;
}

orders::Actor actor_of(const Staff& staff) {
  return {.kind = "user", .id = std::to_string(staff.user().id)};
}

}  // namespace

net::awaitable<Response> ReturnScreens::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "orders:read");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = *admitted;
  const auto locale = staff.locale;
  auto query = read_list_query(ctx);
  auto page = co_await kit_.deps().returns.list(query.filter);

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_returns");
  kit_.labels(body, locale,
              {{"FILTERS_LABEL", "admin.orders.filters"},
               {"SEARCH_LABEL", "admin.returns.search"},
               {"SEARCH_HINT", "admin.returns.search_hint"},
               {"STATE_LABEL", "returns.state_label"},
               {"FILTER_BUTTON", "admin.orders.filter"},
               {"RESET", "admin.orders.reset"},
               {"CAPTION", "admin.returns.caption"},
               {"NUMBER_HEAD", "returns.number"},
               {"ORDER_HEAD", "admin.returns.order"},
               {"DATE_HEAD", "admin.orders.date"},
               {"CUSTOMER_HEAD", "admin.orders.customer"},
               {"STATE_HEAD", "returns.state_label"},
               {"REASON_HEAD", "admin.returns.reason"},
               {"AMOUNT_HEAD", "returns.refund_amount"},
               {"PAGES_LABEL", "admin.orders.pages"}});
  views::set(body, "ACTION"_key, urls::kReturns);
  views::set(body, "RESET_URL"_key, urls::kReturns);
  views::set(body, "SEARCH"_key, query.search);
  add_option(body, "STATE_OPTION", "", t("admin.returns.any_state"), query.state.empty());
  for (auto state : kStates)
    add_option(body, "STATE_OPTION", orders::name(state), state_text(kit_, locale, state),
               query.filter.state == state);
  for (const auto& row : page.items) {
    auto& line = *body.AddSectionDictionary("RETURN_ROW"_key);
    views::set(line, "URL"_key, urls::return_page(row.number));
    views::set(line, "NUMBER"_key, row.number);
    views::set(line, "ORDER_URL"_key, urls::order(row.order_number));
    views::set(line, "ORDER"_key, row.order_number);
    views::set(line, "DATE"_key, Kit::when(row.created_at));
    views::set(line, "EMAIL"_key, row.email);
    views::set(line, "STATE"_key, state_text(kit_, locale, row.state));
    views::set(line, "STATE_CLASS"_key, orders::name(row.state));
    views::set(line, "REASON"_key, t(fmt::format("returns.reason.{}", orders::name(row.reason))));
    views::set(line, "AMOUNT"_key, kit_.money(row.refund_amount, row.currency, locale));
  }
  if (page.items.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.returns.none"));
  add_page_links(
      body, query.filter.before_id ? page_url(query, std::nullopt) : "", t("admin.orders.newest"),
      page.next_before ? page_url(query, page.next_before) : "", t("admin.orders.older"));
  co_return kit_.page(query.bad ? Status::bad_request : Status::ok, ctx, staff, Section::returns,
                      t("admin.returns.title"), "returns.tpl", body, {},
                      query.bad ? t("admin.products.bad_filter") : std::string());
}

net::awaitable<Response> ReturnScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "orders:read");
  if (!admitted) co_return std::move(admitted.error());
  std::string number(ctx.param("number"));
  auto notice = kit_.notice(ctx, admitted->locale);
  co_return co_await render(ctx, *admitted, std::move(number), Status::ok, std::move(notice),
                            false);
}

net::awaitable<Response> ReturnScreens::render(Context& ctx, const Staff& staff, std::string number,
                                               Status status, std::string message,
                                               bool is_error) const {
  const auto locale = staff.locale;
  if (!orders::is_return_number(number)) throw http::HttpError(Status::not_found);
  auto& returns = kit_.deps().returns;
  auto found = co_await returns.find(number);
  if (!found) throw http::HttpError(Status::not_found);
  const auto& ret = *found;
  std::int64_t refundable = 0;
  if (ret.state == ReturnState::received && staff.can("orders:refund")) {
    auto amount = co_await returns.refundable_amount(number);
    refundable = amount.value_or(0);
  }

  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_return");
  kit_.labels(body, locale,
              {{"BACK", "admin.returns.back"},
               {"FACTS_TITLE", "admin.order.summary"},
               {"LINES_TITLE", "admin.return.lines"},
               {"PRODUCT_HEAD", "cart.product"},
               {"SKU_HEAD", "orders.sku"},
               {"QUANTITY_HEAD", "cart.quantity"},
               {"RESTOCK_HEAD", "admin.return.restock"},
               {"HISTORY_TITLE", "admin.order.history"},
               {"WHEN_HEAD", "admin.order.when"},
               {"WHO_HEAD", "admin.order.who"},
               {"CHANGE_HEAD", "admin.order.change"},
               {"NOTE_HEAD", "admin.order.note"}});
  views::set(body, "BACK_URL"_key, urls::kReturns);
  auto fact = [&](std::string_view label, std::string_view value, std::string_view url = {}) {
    auto& row = *body.AddSectionDictionary("FACT"_key);
    views::set(row, "LABEL"_key, label);
    auto& shown = *row.AddSectionDictionary(url.empty() ? "PLAIN" : "LINK");
    views::set(shown, "VALUE"_key, value);
    if (!url.empty()) views::set(shown, "URL"_key, url);
  };
  fact(t("returns.state_label"), state_text(kit_, locale, ret.state));
  fact(t("admin.returns.order"), ret.order_number, urls::order(ret.order_number));
  fact(t("admin.orders.customer"), ret.email);
  fact(t("admin.orders.date"), Kit::when(ret.created_at));
  fact(t("admin.returns.reason"), t(fmt::format("returns.reason.{}", orders::name(ret.reason))));
  fact(t("returns.refund_amount"), kit_.money(ret.refund_amount, ret.currency, locale));
  if (ret.refunded_amount)
    fact(t("admin.return.refunded"), kit_.money(*ret.refunded_amount, ret.currency, locale));
  if (!ret.refund_reference.empty()) fact(t("admin.order.reference"), ret.refund_reference);
  if (!ret.received_at.empty()) fact(t("admin.return.received_at"), Kit::when(ret.received_at));
  if (!ret.comment.empty()) {
    auto& comment = *body.AddSectionDictionary("COMMENT"_key);
    views::set(comment, "TITLE"_key, t("admin.return.comment"));
    views::set(comment, "TEXT"_key, ret.comment);
  }
  for (const auto& line : ret.lines) {
    auto& row = *body.AddSectionDictionary("LINE"_key);
    views::set(row, "NAME"_key,
               line.variant_label.empty() ? line.name
                                          : fmt::format("{} ({})", line.name, line.variant_label));
    views::set(row, "SKU"_key, line.sku);
    views::set(row, "QUANTITY"_key, kit_.number(line.quantity, locale));
    views::set(row, "RESTOCK"_key,
               !line.restock   ? std::string("—")
               : *line.restock ? t("admin.return.restocked")
                               : t("admin.return.not_restocked"));
  }
  for (const auto& entry : ret.history) {
    auto& row = *body.AddSectionDictionary("HISTORY"_key);
    views::set(row, "WHEN"_key, Kit::when(entry.occurred_at));
    views::set(row, "WHO"_key,
               entry.actor_id.empty() ? entry.actor_kind
                                      : fmt::format("{} #{}", entry.actor_kind, entry.actor_id));
    auto to = orders::parse_return_state(entry.to_state);
    auto from = orders::parse_return_state(entry.from_state);
    views::set(row, "CHANGE"_key,
               fmt::format("{}{}", from ? state_text(kit_, locale, *from) + " → " : "",
                           to ? state_text(kit_, locale, *to) : entry.to_state));
    views::set(row, "NOTE"_key, entry.note);
  }

  auto actions = staff.can("orders:write") ? actions_from(ret.state) : std::vector<ReturnState>{};
  const bool can_refund = refundable > 0;
  if (!actions.empty() || can_refund) {
    auto& section = *body.AddSectionDictionary("ACTIONS"_key);
    views::set(section, "TITLE"_key, t("admin.order.actions"));
    for (auto to : actions) {
      auto& form = *section.AddSectionDictionary("ACTION"_key);
      auto key = orders::name(to);
      views::set(form, "URL"_key, urls::return_page(ret.number, "/status"));
      views::set(form, "CSRF"_key, staff.csrf());
      views::set(form, "TO"_key, key);
      views::set(form, "EXPECTED"_key, orders::name(ret.state));
      views::set(form, "LEGEND"_key, t(fmt::format("admin.return.action.{}", key)));
      views::set(form, "SUBMIT"_key, t(fmt::format("admin.return.action.{}", key)));
      views::set(form, "HINT"_key, t(fmt::format("admin.return.action_hint.{}", key)));
      views::set(
          form, "NOTE_LABEL"_key,
          t(to == ReturnState::refused ? "admin.return.reason_required" : "admin.order.note"));
      if (to == ReturnState::refused) form.ShowSection("NOTE_REQUIRED"_key);
      if (to == ReturnState::refused || to == ReturnState::closed) form.ShowSection("DANGER"_key);
      if (to == ReturnState::received)
        for (const auto& line : ret.lines) {
          auto& restock = *form.AddSectionDictionary("RESTOCK_LINE"_key);
          views::set(restock, "POSITION"_key, std::to_string(line.position));
          views::set(restock, "LABEL"_key,
                     fmt::format("{} — {} × {}", t("admin.return.restock_line"),
                                 kit_.number(line.quantity, locale), line.name));
        }
    }
    if (can_refund) {
      auto& form = *section.AddSectionDictionary("REFUND"_key);
      views::set(form, "URL"_key, urls::return_page(ret.number, "/refund"));
      views::set(form, "CSRF"_key, staff.csrf());
      kit_.labels(form, locale,
                  {{"LEGEND", "admin.return.refund"},
                   {"AMOUNT_LABEL", "admin.refund.amount"},
                   {"NOTE_LABEL", "admin.order.note"},
                   {"CONFIRM_LABEL", "admin.refund.confirm"},
                   {"SUBMIT", "admin.return.refund_submit"}});
      views::set(form, "HINT"_key,
                 fmt::format("{} {}", t("admin.return.refund_hint"), t("admin.refund.format")));
      views::set(form, "AMOUNT"_key, amount_text(refundable, locale));
      if (kit_.needs_fresh_code(staff))
        kit_.labels(*form.AddSectionDictionary("CODE"_key), locale,
                    {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});
    }
  }
  auto title = fmt::format("{} {}", t("admin.return.title"), ret.number);
  co_return kit_.page(status, ctx, staff, Section::returns, title, "return.tpl", body,
                      is_error ? std::string_view{} : std::string_view(message),
                      is_error ? std::string_view(message) : std::string_view{});
}

net::awaitable<Response> ReturnScreens::change(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "orders:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  const auto locale = staff.locale;
  std::string number(ctx.param("number"));
  if (!orders::is_return_number(number)) throw http::HttpError(Status::not_found);
  auto to = orders::parse_return_state(form.get("to"));
  auto expected = orders::parse_return_state(form.get("expected"));
  if (!to || !expected || *to == ReturnState::requested || *to == ReturnState::refunded)
    throw http::HttpError(Status::bad_request);
  orders::StaffChange change{.to = *to,
                             .expected = *expected,
                             .actor = actor_of(staff),
                             .note = std::string(core::trim_blanks(form.get("note")))};
  for (const auto& [name, value] : form.fields()) {
    if (name != "restock") continue;
    int position = -1;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), position);
    if (error != std::errc{} || end != value.data() + value.size() || position < 0)
      throw http::HttpError(Status::bad_request);
    change.restock.push_back({.position = position, .restock = true});
  }
  if (*to == ReturnState::received) {
    // Every line is named: those not ticked are received without going back on sale.
    auto found = co_await kit_.deps().returns.find(number);
    if (!found) throw http::HttpError(Status::not_found);
    for (const auto& line : found->lines)
      if (std::ranges::find(change.restock, line.position, &orders::Restock::position) ==
          change.restock.end())
        change.restock.push_back({.position = line.position, .restock = false});
  }
  auto& service = kit_.deps().returns;
  auto changed = co_await kit_.deps().db.transact(
      [&](db::Connection& conn) -> std::expected<orders::Return, orders::ReturnFailure> {
        auto done = service.change(conn, number, change);
        if (!done) return done;
        boost::json::object details{{"from", orders::name(*expected)}, {"to", orders::name(*to)}};
        if (!change.note.empty()) details["note"] = change.note;
        if (*to == ReturnState::received) {
          boost::json::array restocked;
          for (const auto& line : change.restock)
            if (line.restock) restocked.emplace_back(line.position);
          details["restocked_positions"] = std::move(restocked);
        }
        kit_.audit(conn, ctx, staff, fmt::format("return.{}", orders::name(*to)), "return", number,
                   std::move(details));
        return done;
      });
  if (changed)
    co_return http::see_other(
        http::with_notice(urls::return_page(number), fmt::format("return_{}", orders::name(*to))));
  if (changed.error().error == orders::ReturnError::unknown_return)
    throw http::HttpError(Status::not_found);
  auto refusal = orders::refusal_of(changed.error().error);
  co_return co_await render(ctx, staff, std::move(number), refusal.status,
                            kit_.t(locale, refusal.message_key), true);
}

net::awaitable<Response> ReturnScreens::refund(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "orders:refund");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  std::string number(ctx.param("number"));
  if (!orders::is_return_number(number)) throw http::HttpError(Status::not_found);
  auto found = co_await kit_.deps().returns.find(number);
  if (!found) throw http::HttpError(Status::not_found);
  RefundScreen::Target target{.order_number = found->order_number,
                              .return_id = found->id,
                              .page = urls::return_page(number),
                              .succeeded_notice = "return_refunded"};
  auto outcome = co_await refund_screen_.refund(ctx, staff, std::move(target), form);
  if (outcome.done) co_return std::move(*outcome.done);
  co_return co_await render(ctx, staff, std::move(number), outcome.status, std::move(outcome.error),
                            true);
}

}  // namespace comptoir::admin
