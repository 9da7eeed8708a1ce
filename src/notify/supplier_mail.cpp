#include <ctemplate/template.h>
#include <fmt/format.h>

#include "notify/mail_payload.hpp"
#include "notify/outbox_sender.hpp"
#include "views/dictionary.hpp"

namespace comptoir::notify {

using namespace views::literals;

std::optional<MailContent> MailRenderer::render_supplier(std::string_view template_name,
                                                         core::Locale locale,
                                                         const boost::json::object& payload) const {
  if (template_name != "suppliers.purchase_order") return std::nullopt;
  auto key = [&](std::string_view part) {
    return fill(std::string(catalog_.t(locale, fmt::format("email.{}.{}", template_name, part))),
                payload, {{"{number}", "number"}, {"{supplier}", "supplier"}});
  };
  auto label = [&](std::string_view name) { return std::string(catalog_.t(locale, name)); };
  ctemplate::TemplateDictionary dict("purchase-order-email");
  dict.SetValue("NUMBER_LABEL"_key, label("email.suppliers.number"));
  dict.SetValue("NUMBER"_key, text_of(payload, "number"));
  dict.SetValue("LABEL_LABEL"_key, label("email.suppliers.label"));
  dict.SetValue("LABEL"_key, text_of(payload, "label"));
  dict.SetValue("LINES_LABEL"_key, label("email.suppliers.lines"));
  dict.SetValue("SKU_LABEL"_key, label("email.suppliers.sku"));
  dict.SetValue("QUANTITY_LABEL"_key, label("email.suppliers.quantity"));
  if (const auto* lines = array_of(payload, "lines")) {
    for (const auto& line : *lines) {
      if (!line.is_object()) continue;
      auto* row = dict.AddSectionDictionary("LINE"_key);
      row->SetValue("SKU"_key, text_of(line.as_object(), "sku"));
      row->SetValue("TITLE"_key, text_of(line.as_object(), "title"));
      row->SetValue("QUANTITY"_key, text_of(line.as_object(), "quantity"));
    }
  }
  dict.SetValue("SHIP_TO_LABEL"_key, label("email.suppliers.ship_to"));
  if (const auto* lines = array_of(payload, "ship_to"))
    for (const auto& line : *lines)
      if (line.is_string())
        dict.AddSectionDictionary("SHIP_TO"_key)
            ->SetValue("LINE"_key, std::string(line.as_string()));
  dict.SetValue("NEXT"_key, key("next"));
  return compose(dict, locale,
                 {.subject = key("subject"),
                  .greeting = label("email.greeting"),
                  .body = key("body"),
                  .button = {},
                  .link = {}},
                 "purchase_order");
}

}  // namespace comptoir::notify
