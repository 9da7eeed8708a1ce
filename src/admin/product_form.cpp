#include "admin/product_form.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include <boost/json/serialize.hpp>

#include "accounts/user.hpp"
#include "admin/admin_kit.hpp"
#include "admin/refund_screen.hpp"
#include "core/text.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using catalog::FieldError;
using catalog::FieldErrors;
using core::Locale;

std::optional<std::int64_t> whole_number(std::string_view text) {
  text = core::trim_blanks(text);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A whole number field: absent or blank leaves it unset; anything else must be a number.
std::optional<std::int64_t> number_field(const http::Form& form, std::string_view name,
                                         std::string field, FieldErrors& errors) {
  auto text = core::trim_blanks(form.get(name));
  if (text.empty()) return std::nullopt;
  auto value = whole_number(text);
  if (!value) errors.push_back({std::move(field), "catalog.error.type_integer", {}});
  return value;
}

std::optional<std::int64_t> amount_field(const http::Form& form, std::string_view name,
                                         std::string field, FieldErrors& errors) {
  auto text = core::trim_blanks(form.get(name));
  if (text.empty()) return std::nullopt;
  auto value = parse_amount(text);
  if (!value) errors.push_back({std::move(field), "admin.product.bad_amount", {}});
  return value;
}

std::string text_field(const http::Form& form, std::string_view name) {
  return std::string(core::trim_blanks(form.get(name)));
}

}  // namespace

catalog::ProductInput read_product(const http::Form& form, FieldErrors& errors) {
  catalog::ProductInput input;
  auto status = catalog::parse_product_status(form.get("status"));
  if (status)
    input.status = *status;
  else
    errors.push_back({"status", "catalog.error.one_of", "draft, active, archived"});
  auto fulfillment = catalog::parse_fulfillment_type(form.get("fulfillment_type"));
  if (fulfillment)
    input.fulfillment = *fulfillment;
  else
    errors.push_back(
        {"fulfillment_type", "catalog.error.one_of", "LOCAL_STOCK, DROPSHIPPING, PRINT_ON_DEMAND"});
  input.brand = text_field(form, "brand");
  input.tax_class = text_field(form, "tax_class");
  if (auto weight = number_field(form, "weight_grams", "weight_grams", errors))
    input.weight_grams = *weight;
  else
    input.weight_grams = 0;
  input.featured = form.get("featured") == "yes";
  std::vector<std::int64_t> categories;
  for (const auto& [name, value] : form.fields()) {
    if (name != "category") continue;
    auto id = whole_number(value);
    if (!id || *id <= 0) {
      errors.push_back({"category_ids", "catalog.error.unknown_category", {}});
      continue;
    }
    if (std::ranges::find(categories, *id) == categories.end()) categories.push_back(*id);
  }
  auto primary = whole_number(form.get("primary_category"));
  // A primary category is one of the product's: ticked with it if it was not.
  if (primary && *primary > 0 && std::ranges::find(categories, *primary) == categories.end())
    categories.push_back(*primary);
  input.category_ids = std::move(categories);
  std::optional<std::int64_t> main_category;  // none: the first of its categories
  if (primary && *primary > 0) main_category = *primary;
  input.primary_category_id.emplace(main_category);
  for (auto locale : core::kLocales) {
    auto code = core::code(locale);
    auto field = [&](std::string_view name) { return fmt::format("{}_{}", code, name); };
    catalog::ProductTextInput text;
    text.name = text_field(form, field("name"));
    text.slug = text_field(form, field("slug"));
    if (text.slug->empty()) text.slug.reset();  // kept as it is (or made from a new name)
    text.short_description = text_field(form, field("short_description"));
    text.description = std::string(form.get(field("description")));
    text.meta_title = text_field(form, field("meta_title"));
    text.meta_description = text_field(form, field("meta_description"));
    input.text[locale] = std::move(text);
  }
  return input;
}

catalog::VariantInput read_variant(const http::Form& form, bool creating, FieldErrors& errors) {
  catalog::VariantInput input;
  input.sku = text_field(form, "sku");
  // Spaces and hyphens as printed under a barcode ("0 12345 67890 5") are left out.
  auto gtin = text_field(form, "gtin");
  std::erase_if(gtin, [](char c) { return c == ' ' || c == '-'; });
  input.gtin = std::move(gtin);
  if (auto price = amount_field(form, "price", "price_cents", errors))
    input.price_cents = *price;
  else if (!form.get("price").empty() || creating)
    errors.push_back({"price_cents", "catalog.error.required", {}});
  if (!creating) {
    // Blank: no compare-at price (cleared).
    input.compare_at_cents.emplace(amount_field(form, "compare_at", "compare_at_cents", errors));
    input.track_inventory = form.get("track_inventory") == "yes";
  }
  if (auto stock = number_field(form, "stock", "stock_on_hand", errors))
    input.stock_on_hand = *stock;
  else if (creating)
    input.stock_on_hand = 0;
  return input;
}

catalog::ProductInput read_new_product(const http::Form& form, FieldErrors& errors) {
  catalog::ProductInput input;
  input.status = catalog::ProductStatus::draft;
  for (auto locale : core::kLocales) {
    catalog::ProductTextInput text;
    text.name = text_field(form, fmt::format("{}_name", core::code(locale)));
    input.text[locale] = std::move(text);
  }
  FieldErrors variant_errors;
  auto variant = read_variant(form, true, variant_errors);
  for (auto& error : variant_errors)
    errors.push_back({fmt::format("variants[0].{}", error.field), std::move(error.message_key),
                      std::move(error.value)});
  input.variants.push_back(std::move(variant));
  return input;
}

std::optional<int> read_version(const http::Form& form) {
  return read_version(form.get("version"));
}

std::optional<int> read_version(std::string_view text) {
  auto value = whole_number(text);
  if (!value || *value <= 0 || *value > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*value);
}

std::int64_t id_param(const http::Context& ctx, std::string_view name) {
  auto value = whole_number(ctx.param(name));
  if (!value || *value <= 0) throw http::HttpError(http::Status::not_found);
  return *value;
}

std::optional<catalog::Author> author_of(const http::Context& ctx, const Staff& staff) {
  return catalog::Author{.actor = accounts::Actor::user(staff.user().id),
                         .ip = ctx.client_ip,
                         .request_id = ctx.request_id};
}

std::string field_id(std::string_view field) {
  std::string out = "f-";
  for (char c : field) {
    if (c == '.' || c == '[') {
      out += '-';
    } else if (c != ']') {
      out += c;
    }
  }
  return out;
}

std::string field_label(const Kit& kit, Locale locale, std::string_view field) {
  // "text.fr.name" → Name (FR); "variants[0].sku" → SKU; "category_ids[2]" → Categories
  std::string suffix;
  if (field.starts_with("text.") && field.size() > 8) {
    suffix = fmt::format(" ({})", field.substr(5, 2));
    for (auto& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    field = field.substr(8);
  }
  // "images.7.alt.en" → Alternative text (EN): a locale last names the field before it.
  if (field.size() > 3 && (field.ends_with(".fr") || field.ends_with(".en"))) {
    suffix = fmt::format(" ({})", field.ends_with(".fr") ? "FR" : "EN");
    field = field.substr(0, field.size() - 3);
  }
  if (auto dot = field.rfind('.'); dot != std::string_view::npos) field = field.substr(dot + 1);
  if (auto bracket = field.find('['); bracket != std::string_view::npos)
    field = field.substr(0, bracket);
  if (field.empty()) return {};
  return kit.t(locale, fmt::format("admin.product.field.{}", field)) + suffix;
}

std::string field_message(const Kit& kit, Locale locale, const FieldError& error) {
  auto message = kit.t(locale, error.message_key);
  if (auto at = message.find("{value}"); at != std::string::npos)
    message.replace(at, 7, error.value);
  auto label = field_label(kit, locale, error.field);
  if (label.empty()) return message;
  return fmt::format("{}{} {}", label, locale == Locale::fr ? " :" : ":", message);
}

void add_field_errors(const Kit& kit, views::Dict& body, Locale locale,
                      const std::vector<FieldError>& fields, std::string_view prefix) {
  if (fields.empty()) return;
  auto& list = *body.AddSectionDictionary("FIELD_ERRORS"_key);
  views::set(list, "TITLE"_key, kit.t(locale, "admin.product.errors"));
  for (const auto& error : fields) {
    auto& item = *list.AddSectionDictionary("FIELD_ERROR"_key);
    views::set(item, "FIELD"_key, field_id(fmt::format("{}{}", prefix, error.field)));
    views::set(item, "TEXT"_key, field_message(kit, locale, error));
  }
}

views::Dict& add_text_block(const Kit& kit, views::Dict& body, Locale locale, Locale language,
                            const StoredTexts& stored, const Values& v,
                            std::string_view slug_hint_key,
                            std::string (*slug_url)(Locale, std::string_view)) {
  auto code = std::string(core::code(language));
  auto name = [&](std::string_view field) { return fmt::format("{}_{}", code, field); };
  auto& section = *body.AddSectionDictionary("LOCALE"_key);
  views::set(section, "CODE"_key, code);
  views::set(section, "LANG"_key, code);
  views::set(section, "TITLE"_key, kit.t(locale, fmt::format("admin.product.text_{}", code)));
  kit.labels(section, locale,
             {{"NAME_LABEL", "admin.product.field.name"},
              {"SLUG_LABEL", "admin.product.field.slug"},
              {"SLUG_HINT", slug_hint_key},
              {"DESCRIPTION_LABEL", "admin.product.field.description"},
              {"META_TITLE_LABEL", "admin.product.field.meta_title"},
              {"META_DESCRIPTION_LABEL", "admin.product.field.meta_description"}});
  views::set(section, "NAME"_key, v(name("name"), stored.name));
  auto slug = v(name("slug"), stored.slug);
  views::set(section, "SLUG"_key, slug);
  views::set(section, "SLUG_URL"_key, slug_url(language, slug.empty() ? stored.slug : slug));
  views::set(section, "DESCRIPTION"_key, v(name("description"), stored.description));
  views::set(section, "META_TITLE"_key, v(name("meta_title"), stored.meta_title));
  views::set(section, "META_DESCRIPTION"_key, v(name("meta_description"), stored.meta_description));
  return section;
}

std::vector<std::string> difference_lines(const Kit& kit, Locale locale,
                                          const boost::json::object& changes) {
  std::vector<std::string> out;
  for (const auto& entry : changes) {
    std::string_view field = entry.key();
    const auto& pair = entry.value().as_object();
    auto show = [](const boost::json::value& value) {
      return value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
    };
    auto quoted = [&](const boost::json::value& value) {
      return locale == Locale::fr ? fmt::format("« {} »", show(value))
                                  : fmt::format("“{}”", show(value));
    };
    out.push_back(fmt::format("{} — {} {}, {} {}", field_label(kit, locale, field),
                              kit.t(locale, "admin.product.now"), quoted(pair.at("before")),
                              kit.t(locale, "admin.product.typed"), quoted(pair.at("after"))));
  }
  return out;
}

}  // namespace comptoir::admin
