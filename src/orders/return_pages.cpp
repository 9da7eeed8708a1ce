#include "orders/return_pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "orders/order_urls.hpp"
#include "orders/return_errors.hpp"

namespace comptoir::orders::return_pages {
namespace {

std::string field_id(int position) {
  return fmt::format("return-line-{}", position);
}

std::string field_name(int position) {
  return fmt::format("line-{}", position);
}

std::string item_name(const OrderLine& line) {
  return line.variant_label.empty() ? line.name
                                    : fmt::format("{} ({})", line.name, line.variant_label);
}

// "{item}", "{left}", "{date}" in a translated text.
std::string fill(std::string text,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
  for (const auto& [field, value] : values)
    for (auto at = text.find(field); at != std::string::npos;
         at = text.find(field, at + value.size()))
      text.replace(at, field.size(), value);
  return text;
}

std::string date_of(const OrderReturns& returns, const Writer& writer) {
  return returns.window_ends ? writer.formatter.date(*returns.window_ends, writer.locale) : "";
}

// A whole number of units, 0 or more; empty is 0 (the field left alone).
std::optional<int> units_of(std::string_view text) {
  if (text.empty()) return 0;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

Draft draft_of(const http::Form& form, const Order& order) {
  Draft draft{.reason = std::string(form.get("reason")),
              .comment = std::string(form.get("comment"))};
  for (const auto& line : order.lines)
    if (auto typed = form.find(field_name(line.position)))
      draft.quantities[line.position] = std::string(*typed);
  return draft;
}

std::expected<ReturnRequest, std::vector<view::Error>> request_of(const Draft& draft,
                                                                  const Order& order,
                                                                  std::int64_t user_id,
                                                                  const Writer& writer) {
  ReturnRequest request{.order_number = order.number,
                        .user_id = user_id,
                        .locale = writer.locale,
                        .comment = draft.comment};
  std::vector<view::Error> errors;
  for (const auto& [position, text] : draft.quantities) {
    if (auto units = units_of(text))
      request.lines.push_back({.position = position, .quantity = *units});
    else
      errors.push_back({field_id(position), writer.t("returns.error.bad_quantity")});
  }
  if (auto reason = parse_return_reason(draft.reason))
    request.reason = *reason;
  else
    errors.push_back({"return-reason", writer.t("returns.error.reason")});
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return request;
}

std::vector<view::Error> errors_of(const ReturnFailure& failure, const Order& order,
                                   const OrderReturns& returns, const Writer& writer) {
  auto text = writer.t(refusal_of(failure.error).message_key);
  std::string field;
  if (failure.error == ReturnError::comment_too_long) field = "return-comment";
  if (failure.position) {
    auto line = std::ranges::find(order.lines, *failure.position, &OrderLine::position);
    if (line != order.lines.end()) {
      field = field_id(*failure.position);
      text = fill(std::move(text),
                  {{"{item}", item_name(*line)}, {"{left}", std::to_string(failure.units_left)}});
    }
  }
  text = fill(std::move(text), {{"{date}", date_of(returns, writer)}});
  return {{std::move(field), std::move(text)}};
}

std::optional<view::Panel> list_panel(const OrderReturns& returns, const Writer& writer) {
  if (returns.returns.empty()) return std::nullopt;
  view::Panel panel{.id = "returns", .title = writer.t("returns.title")};
  view::Table table{.caption = writer.t("returns.title"),
                    .head = {writer.t("returns.number"), writer.t("orders.date"),
                             writer.t("returns.state_label"), writer.t("returns.refund_amount")}};
  for (const auto& ret : returns.returns)
    table.rows.push_back({ret.number, ret.created_at.substr(0, 10),
                          writer.t(fmt::format("returns.state.{}", name(ret.state))),
                          writer.formatter.money(ret.refund_amount, ret.currency, writer.locale)});
  panel.table = std::move(table);
  return panel;
}

std::optional<view::Panel> ask_panel(const Order& order, const OrderReturns& returns,
                                     const Draft& draft, const std::string& csrf,
                                     const Writer& writer) {
  if (!returns.accepted) return std::nullopt;
  view::Panel panel{.id = "ask-return", .title = writer.t("returns.ask.title")};
  if (!returns.window_open) {
    if (returns.window_ends)
      panel.paragraphs.push_back(
          fill(writer.t("returns.ask.closed"), {{"{date}", date_of(returns, writer)}}));
    return panel;
  }
  view::Form form{.action = urls::returns(writer.locale, order.number),
                  .submit = writer.t("returns.ask.submit"),
                  .csrf = csrf};
  for (const auto& line : order.lines) {
    auto left = units_left(line, returns.covered);
    if (left == 0) continue;
    auto typed = draft.quantities.find(line.position);
    form.fields.push_back(
        {.id = field_id(line.position),
         .name = field_name(line.position),
         .type = "number",
         .label = fill(writer.t("returns.ask.line"),
                       {{"{item}", item_name(line)}, {"{left}", std::to_string(left)}}),
         .value = typed == draft.quantities.end() ? "0" : typed->second,
         .inputmode = "numeric"});
  }
  if (form.fields.empty()) {
    panel.paragraphs.push_back(writer.t("returns.ask.nothing_left"));
    return panel;
  }
  panel.paragraphs.push_back(
      fill(writer.t("returns.ask.intro"), {{"{date}", date_of(returns, writer)}}));
  view::Field reason{.kind = view::Field::Kind::select,
                     .id = "return-reason",
                     .name = "reason",
                     .label = writer.t("returns.ask.reason"),
                     .value = draft.reason,
                     .required = true,
                     .options = {{"", writer.t("returns.ask.choose_reason")}}};
  for (auto each : kReturnReasons)
    reason.options.emplace_back(std::string(name(each)),
                                writer.t(fmt::format("returns.reason.{}", name(each))));
  form.fields.push_back(std::move(reason));
  form.fields.push_back({.id = "return-comment",
                         .name = "comment",
                         .label = writer.t("returns.ask.comment"),
                         .value = draft.comment,
                         .hint = writer.t("returns.ask.comment_hint")});
  panel.form = std::move(form);
  return panel;
}

}  // namespace comptoir::orders::return_pages
