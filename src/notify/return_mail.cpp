#include <ctemplate/template.h>
#include <fmt/format.h>

#include <algorithm>

#include "notify/mail_payload.hpp"
#include "notify/outbox_sender.hpp"
#include "views/dictionary.hpp"

namespace comptoir::notify {

using namespace views::literals;

std::optional<MailContent> MailRenderer::render_return(std::string_view template_name,
                                                       core::Locale locale,
                                                       const boost::json::object& payload) const {
  static constexpr std::string_view kKnown[] = {"returns.requested", "returns.approved",
                                                "returns.refused",   "returns.received",
                                                "returns.refunded",  "returns.closed"};
  if (std::ranges::find(kKnown, template_name) == std::end(kKnown)) return std::nullopt;
  auto key = [&](std::string_view part) {
    return fill(std::string(catalog_.t(locale, fmt::format("email.{}.{}", template_name, part))),
                payload, {{"{rma}", "rma"}, {"{number}", "number"}, {"{amount}", "refund_amount"}});
  };
  auto label = [&](std::string_view name) { return std::string(catalog_.t(locale, name)); };
  ctemplate::TemplateDictionary dict("return-email");
  dict.SetValue("RMA_LABEL"_key, label("email.returns.rma"));
  dict.SetValue("RMA"_key, text_of(payload, "rma"));
  dict.SetValue("ORDER_LABEL"_key, label("email.returns.order"));
  dict.SetValue("ORDER"_key, text_of(payload, "number"));
  dict.SetValue("LINES_LABEL"_key, label("email.returns.lines"));
  if (const auto* lines = array_of(payload, "lines")) {
    for (const auto& line : *lines) {
      if (!line.is_object()) continue;
      auto* row = dict.AddSectionDictionary("LINE"_key);
      row->SetValue("NAME"_key, text_of(line.as_object(), "name"));
      row->SetValue("QUANTITY"_key, text_of(line.as_object(), "quantity"));
    }
  }
  // What the units are worth while a refund is coming, and what was refunded once it came.
  auto state = text_of(payload, "state");
  if (state != "refused" && state != "closed") {
    auto* amount = dict.AddSectionDictionary("AMOUNT"_key);
    amount->SetValue("LABEL"_key, label(state == "refunded" ? "email.returns.refunded_amount"
                                                            : "email.returns.refund_amount"));
    amount->SetValue("VALUE"_key, text_of(payload, "refund_amount"));
  }
  if (auto note = text_of(payload, "note"); !note.empty()) {
    auto* section = dict.AddSectionDictionary("NOTE"_key);
    section->SetValue("LABEL"_key, label("email.returns.note"));
    section->SetValue("TEXT"_key, note);
  }
  return compose(dict, locale,
                 {.subject = key("subject"),
                  .greeting = label("email.greeting"),
                  .body = key("body"),
                  .button = label("email.returns.button"),
                  .link = text_of(payload, "link")},
                 "return");
}

}  // namespace comptoir::notify
