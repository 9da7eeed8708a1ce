#include <ctemplate/template.h>
#include <fmt/format.h>

#include "notify/mail_payload.hpp"
#include "notify/outbox_sender.hpp"
#include "views/dictionary.hpp"

namespace comptoir::notify {

using namespace views::literals;
namespace {

namespace json = boost::json;

// "{number}" and "{amount}" in a translated text.
std::string fill_order(std::string text, const json::object& payload) {
  return fill(std::move(text), payload, {{"{number}", "number"}, {"{amount}", "refund_amount"}});
}

}  // namespace

std::optional<MailContent> MailRenderer::render_order(std::string_view template_name,
                                                      core::Locale locale,
                                                      const json::object& payload) const {
  static constexpr std::string_view kKnown[] = {"orders.confirmation", "orders.awaiting_payment",
                                                "orders.payment_failed", "orders.shipped",
                                                "orders.refund"};
  if (std::ranges::find(kKnown, template_name) == std::end(kKnown)) return std::nullopt;
  auto key = [&](std::string_view part) {
    return fill_order(
        std::string(catalog_.t(locale, fmt::format("email.{}.{}", template_name, part))), payload);
  };
  auto label = [&](std::string_view name) { return std::string(catalog_.t(locale, name)); };
  ctemplate::TemplateDictionary dict("order-email");
  dict.SetValue("NUMBER_LABEL"_key, label("email.orders.number"));
  dict.SetValue("NUMBER"_key, text_of(payload, "number"));
  dict.SetValue("LINES_LABEL"_key, label("email.orders.lines"));
  dict.SetValue("TOTALS_LABEL"_key, label("email.orders.totals"));
  if (const auto* lines = array_of(payload, "lines")) {
    for (const auto& line : *lines) {
      if (!line.is_object()) continue;
      const auto& object = line.as_object();
      auto* row = dict.AddSectionDictionary("LINE"_key);
      row->SetValue("NAME"_key, text_of(object, "name"));
      const auto* quantity = object.if_contains("quantity");
      row->SetIntValue("QUANTITY"_key, quantity && quantity->is_int64()
                                           ? static_cast<long>(quantity->as_int64())
                                           : 0L);
      row->SetValue("AMOUNT"_key, text_of(object, "amount"));
    }
  }
  if (const auto* totals = array_of(payload, "totals")) {
    for (const auto& total : *totals) {
      if (!total.is_object()) continue;
      auto* row = dict.AddSectionDictionary("TOTAL"_key);
      row->SetValue("LABEL"_key, text_of(total.as_object(), "label"));
      row->SetValue("AMOUNT"_key, text_of(total.as_object(), "amount"));
    }
  }
  if (const auto* address = array_of(payload, "address")) {
    auto* section = dict.AddSectionDictionary("ADDRESS"_key);
    section->SetValue("LABEL"_key, label("email.orders.address"));
    for (const auto& line : *address)
      if (line.is_string())
        section->AddSectionDictionary("ADDRESS_LINE"_key)
            ->SetValue("TEXT"_key, std::string(line.as_string()));
  }
  if (auto parcel = text_of(payload, "parcel"); !parcel.empty()) {
    auto* section = dict.AddSectionDictionary("PARCEL"_key);
    section->SetValue("LABEL"_key, label("email.orders.shipped.parcel"));
    section->SetValue("TEXT"_key, parcel);
  }
  if (auto tracking = text_of(payload, "tracking_url"); !tracking.empty()) {
    auto* section = dict.AddSectionDictionary("TRACKING"_key);
    section->SetValue("LABEL"_key, label("email.orders.shipped.tracking"));
    section->SetValue("URL"_key, tracking);
  }
  return compose(dict, locale,
                 {.subject = key("subject"),
                  .greeting = label("email.greeting"),
                  .body = key("body"),
                  .button = key("button"),
                  .link = text_of(payload, "link")},
                 "order");
}

}  // namespace comptoir::notify
