#include "admin/shipping_form.hpp"

#include <fmt/format.h>

#include <boost/json/value.hpp>

#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/refund_screen.hpp"
#include "http/form.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

namespace json = boost::json;

std::string amount_or_empty(const std::optional<std::int64_t>& cents, core::Locale locale) {
  return cents ? amount_text(*cents, locale) : std::string();
}

// "", or an amount: "9,95", "9.95", "10".
std::expected<std::optional<std::int64_t>, std::string> optional_amount(std::string_view text) {
  if (text.find_first_not_of(' ') == std::string_view::npos) return std::nullopt;
  auto cents = parse_amount(text);
  if (!cents) return std::unexpected("admin.settings.shipping_bad_amount");
  return cents;
}

std::expected<std::int64_t, std::string> amount(std::string_view text) {
  auto cents = parse_amount(text);
  if (!cents) return std::unexpected("admin.settings.shipping_bad_amount");
  return *cents;
}

json::value threshold_json(const std::optional<std::int64_t>& cents) {
  return cents ? json::value(*cents) : json::value(nullptr);
}

}  // namespace

void fill_shipping_form(const Kit& kit, views::Dict& body, const Staff& staff,
                        const std::vector<cart::RegionShipping>& rates, const http::Form* typed) {
  const auto locale = staff.locale;
  auto& form = *body.AddSectionDictionary("SHIPPING"_key);
  views::set(form, "ACTION"_key, fmt::format("{}/shipping", urls::kSettings));
  views::set(form, "CSRF"_key, staff.csrf());
  kit.labels(form, locale,
             {{"TITLE", "admin.settings.shipping_title"},
              {"HINT", "admin.settings.shipping_hint"},
              {"REGION_HEAD", "admin.settings.shipping_region"},
              {"FEE_HEAD", "admin.settings.shipping_fee"},
              {"FREE_HEAD", "admin.settings.shipping_free_from"},
              {"TAXABLE_HEAD", "admin.settings.shipping_taxable"},
              {"SUBMIT", "admin.settings.shipping_submit"}});
  for (const auto& rate : rates) {
    auto& row = *form.AddSectionDictionary("RATE"_key);
    const auto& code = rate.code;
    auto value = [&](std::string_view name, std::string shown) {
      return typed ? std::string(typed->get(fmt::format("{}_{}", name, code))) : shown;
    };
    views::set(row, "CODE"_key, code);
    views::set(row, "NAME"_key, kit.t(locale, fmt::format("cart.region.{}", code)));
    views::set(row, "FEE"_key, value("fee", amount_text(rate.rule.flat_fee, locale)));
    views::set(row, "FREE"_key, value("free", amount_or_empty(rate.rule.free_from, locale)));
    views::set(row, "WAS_FEE"_key, amount_text(rate.rule.flat_fee, locale));
    views::set(row, "WAS_FREE"_key, amount_or_empty(rate.rule.free_from, locale));
    views::set(row, "WAS_TAXABLE"_key, rate.rule.taxable ? "yes" : "no");
    if (typed ? typed->get(fmt::format("taxable_{}", code)) == "yes" : rate.rule.taxable)
      row.ShowSection("TAXABLE"_key);
  }
}

std::expected<std::vector<cart::ShippingUpdate>, std::string> read_shipping_form(
    const http::Form& form, const std::vector<cart::RegionShipping>& rates) {
  std::vector<cart::ShippingUpdate> out;
  for (const auto& rate : rates) {
    const auto& code = rate.code;
    auto field = [&](std::string_view name) { return form.find(fmt::format("{}_{}", name, code)); };
    auto fee = field("fee");
    auto was_fee = field("was_fee");
    if (!fee || !was_fee) continue;  // a destination the page did not show
    auto flat = amount(*fee);
    auto free = optional_amount(field("free").value_or(""));
    auto was_flat = amount(*was_fee);
    auto was_free = optional_amount(field("was_free").value_or(""));
    if (!flat) return std::unexpected(flat.error());
    if (!free) return std::unexpected(free.error());
    if (!was_flat || !was_free) return std::unexpected("admin.settings.shipping_bad_amount");
    out.push_back({.code = code,
                   .expected = {.flat_fee = *was_flat,
                                .free_from = *was_free,
                                .taxable = field("was_taxable").value_or("") == "yes"},
                   .wanted = {.flat_fee = *flat,
                              .free_from = *free,
                              .taxable = field("taxable").value_or("") == "yes"}});
  }
  return out;
}

json::object shipping_changes(const std::vector<cart::ShippingChange>& changes) {
  json::object out;
  for (const auto& change : changes) {
    auto add = [&](std::string_view part, json::value before, json::value after) {
      if (before != after)
        out[fmt::format("{}.{}", change.code, part)] =
            json::object{{"before", std::move(before)}, {"after", std::move(after)}};
    };
    add("flat_fee", change.before.flat_fee, change.after.flat_fee);
    add("free_from", threshold_json(change.before.free_from),
        threshold_json(change.after.free_from));
    add("taxable", change.before.taxable, change.after.taxable);
  }
  return out;
}

}  // namespace comptoir::admin
