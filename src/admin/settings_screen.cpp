#include "admin/settings_screen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <span>

#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/refund_screen.hpp"
#include "admin/shipping_form.hpp"
#include "db/database.hpp"
#include "http/form.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using core::Locale;
using http::Context;
using http::Response;
using http::Status;
using settings::FieldError;
using settings::ShopSettings;
namespace net = boost::asio;

enum class Kind { text, email, area, check, amount, whole };

// One field of the form: its name in settings::changes and validate ("legal.gst_number"), its
// form name (and element id, "s-" + name), its label and hint (message keys), its kind.
struct FieldSpec {
  std::string_view key;
  std::string_view name;
  std::string_view label;
  std::string_view hint;
  Kind kind = Kind::text;
  int max = 120;
  std::string_view lang{};
};

constexpr FieldSpec kShop[] = {
    {"shop.name.fr", "name_fr", "admin.settings.name_fr", "", Kind::text, 120, "fr"},
    {"shop.name.en", "name_en", "admin.settings.name_en", "", Kind::text, 120, "en"},
    {"shop.contact_email", "contact_email", "admin.settings.contact_email",
     "admin.settings.contact_email_hint", Kind::email, 254},
};
constexpr FieldSpec kLegal[] = {
    {"legal.name", "legal_name", "admin.settings.legal_name", "", Kind::text, 120},
    {"legal.address", "legal_address", "admin.settings.legal_address", "", Kind::area, 500},
    {"legal.gst_number", "gst_number", "admin.settings.gst_number",
     "admin.settings.gst_number_hint", Kind::text, 24},
    {"legal.qst_number", "qst_number", "admin.settings.qst_number",
     "admin.settings.qst_number_hint", Kind::text, 24},
    {"legal.vat_number", "vat_number", "admin.settings.vat_number",
     "admin.settings.vat_number_hint", Kind::text, 24},
    {"legal.legal_form", "legal_form", "admin.settings.legal_form",
     "admin.settings.legal_form_hint", Kind::text, 120},
    {"legal.neq", "neq", "admin.settings.neq", "admin.settings.neq_hint", Kind::text, 16},
    {"legal.siren", "siren", "admin.settings.siren", "admin.settings.siren_hint", Kind::text, 16},
    {"legal.siret", "siret", "admin.settings.siret", "admin.settings.siret_hint", Kind::text, 24},
    {"legal.rcs_city", "rcs_city", "admin.settings.rcs_city", "admin.settings.rcs_city_hint",
     Kind::text, 120},
    {"legal.phone", "phone", "admin.settings.phone", "admin.settings.phone_hint", Kind::text, 30},
};
constexpr FieldSpec kContacts[] = {
    {"contacts.privacy_officer", "privacy_officer", "admin.settings.privacy_officer",
     "admin.settings.privacy_officer_hint", Kind::text, 120},
    {"contacts.privacy_email", "privacy_email", "admin.settings.privacy_email",
     "admin.settings.privacy_email_hint", Kind::email, 254},
    {"contacts.publication_director", "publication_director", "admin.settings.publication_director",
     "", Kind::text, 120},
    {"contacts.host_name", "host_name", "admin.settings.host_name", "", Kind::text, 120},
    {"contacts.host_address", "host_address", "admin.settings.host_address", "", Kind::area, 500},
    {"contacts.mediator_name", "mediator_name", "admin.settings.mediator_name",
     "admin.settings.mediator_name_hint", Kind::text, 120},
    {"contacts.mediator_url", "mediator_url", "admin.settings.mediator_url",
     "admin.settings.mediator_url_hint", Kind::text, 200},
};
constexpr FieldSpec kFees[] = {
    {"fees.handling.amount", "handling_fee", "admin.settings.handling_fee",
     "admin.settings.handling_fee_hint", Kind::amount, 12},
    {"fees.handling.taxable", "handling_fee_taxable", "admin.settings.handling_fee_taxable", "",
     Kind::check, 3},
};
constexpr FieldSpec kRules[] = {
    {"stock.low_threshold", "low_stock_threshold", "admin.settings.low_stock_threshold",
     "admin.settings.low_stock_threshold_hint", Kind::whole, 6},
    {"returns.window_days", "return_window_days", "admin.settings.return_window_days",
     "admin.settings.return_window_days_hint", Kind::whole, 3},
    {"suppliers.margin_floor", "supplier_margin_floor", "admin.settings.supplier_margin_floor",
     "admin.settings.supplier_margin_floor_hint", Kind::whole, 3},
    {"suppliers.reprice_limit", "supplier_reprice_limit", "admin.settings.supplier_reprice_limit",
     "admin.settings.supplier_reprice_limit_hint", Kind::whole, 3},
};

struct GroupSpec {
  std::string_view id;
  std::string_view title;
  std::string_view hint;
  std::span<const FieldSpec> fields;
};

constexpr GroupSpec kGroups[] = {
    {"shop", "admin.settings.group_shop", "", kShop},
    {"legal", "admin.settings.group_legal", "admin.settings.group_legal_hint", kLegal},
    {"contacts", "admin.settings.group_contacts", "admin.settings.group_contacts_hint", kContacts},
    {"fees", "admin.settings.group_fees", "admin.settings.group_fees_hint", kFees},
    {"rules", "admin.settings.group_rules", "", kRules},
};

// A field's value as the form shows it.
std::string value_of(const ShopSettings& s, std::string_view key, Locale locale) {
  if (key == "shop.name.fr") return s.name_fr;
  if (key == "shop.name.en") return s.name_en;
  if (key == "shop.contact_email") return s.contact_email;
  if (key == "legal.name") return s.legal.name;
  if (key == "legal.address") return s.legal.address;
  if (key == "legal.gst_number") return s.legal.gst_number;
  if (key == "legal.qst_number") return s.legal.qst_number;
  if (key == "legal.vat_number") return s.legal.vat_number;
  if (key == "legal.legal_form") return s.legal.legal_form;
  if (key == "legal.neq") return s.legal.neq;
  if (key == "legal.siren") return s.legal.siren;
  if (key == "legal.siret") return s.legal.siret;
  if (key == "legal.rcs_city") return s.legal.rcs_city;
  if (key == "legal.phone") return s.legal.phone;
  if (key == "contacts.privacy_officer") return s.contacts.privacy_officer;
  if (key == "contacts.privacy_email") return s.contacts.privacy_email;
  if (key == "contacts.publication_director") return s.contacts.publication_director;
  if (key == "contacts.host_name") return s.contacts.host_name;
  if (key == "contacts.host_address") return s.contacts.host_address;
  if (key == "contacts.mediator_name") return s.contacts.mediator_name;
  if (key == "contacts.mediator_url") return s.contacts.mediator_url;
  if (key == "fees.handling.amount") return amount_text(s.handling_fee.amount, locale);
  if (key == "fees.handling.taxable") return s.handling_fee.taxable ? "yes" : "";
  if (key == "stock.low_threshold") return std::to_string(s.low_stock_threshold);
  if (key == "returns.window_days") return std::to_string(s.return_window_days);
  if (key == "suppliers.margin_floor") return std::to_string(s.supplier_margin_floor);
  if (key == "suppliers.reprice_limit") return std::to_string(s.supplier_reprice_limit);
  return {};
}

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 6) return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

struct Typed {
  ShopSettings settings{};
  std::vector<FieldError> errors{};  // what could not be read (an amount, a number)
};

// The settings a form asks for, over `base` (the currency is not a field).
Typed read_form(const http::Form& form, const ShopSettings& base) {
  Typed out{.settings = base};
  auto& s = out.settings;
  s.name_fr = form.get("name_fr");
  s.name_en = form.get("name_en");
  s.contact_email = form.get("contact_email");
  s.legal.name = form.get("legal_name");
  s.legal.address = form.get("legal_address");
  s.legal.gst_number = form.get("gst_number");
  s.legal.qst_number = form.get("qst_number");
  s.legal.vat_number = form.get("vat_number");
  s.legal.legal_form = form.get("legal_form");
  s.legal.neq = form.get("neq");
  s.legal.siren = form.get("siren");
  s.legal.siret = form.get("siret");
  s.legal.rcs_city = form.get("rcs_city");
  s.legal.phone = form.get("phone");
  s.contacts.privacy_officer = form.get("privacy_officer");
  s.contacts.privacy_email = form.get("privacy_email");
  s.contacts.publication_director = form.get("publication_director");
  s.contacts.host_name = form.get("host_name");
  s.contacts.host_address = form.get("host_address");
  s.contacts.mediator_name = form.get("mediator_name");
  s.contacts.mediator_url = form.get("mediator_url");
  auto fee_text = form.get("handling_fee");
  if (fee_text.find_first_not_of(' ') == std::string_view::npos) {
    s.handling_fee.amount = 0;
  } else if (auto fee = parse_amount(fee_text)) {
    s.handling_fee.amount = *fee;
  } else {
    out.errors.push_back({"fees.handling.amount", "settings.error.fee"});
  }
  s.handling_fee.taxable = form.get("handling_fee_taxable") == "yes";
  auto whole = [&](std::string_view name, std::string_view key, std::string_view message,
                   int& field) {
    if (auto value = whole_number(form.get(name)))
      field = *value;
    else
      out.errors.push_back({std::string(key), std::string(message)});
  };
  whole("low_stock_threshold", "stock.low_threshold", "settings.error.threshold",
        s.low_stock_threshold);
  whole("return_window_days", "returns.window_days", "settings.error.return_window",
        s.return_window_days);
  whole("supplier_margin_floor", "suppliers.margin_floor", "settings.error.margin_floor",
        s.supplier_margin_floor);
  whole("supplier_reprice_limit", "suppliers.reprice_limit", "settings.error.reprice_limit",
        s.supplier_reprice_limit);
  return out;
}

// "Label : text" in French, "Label: text" in English.
std::string labelled(Locale locale, std::string_view label, std::string_view text) {
  return fmt::format("{}{} {}", label, locale == Locale::fr ? " :" : ":", text);
}

const FieldSpec* spec_of(std::string_view key) {
  for (const auto& group : kGroups)
    for (const auto& field : group.fields)
      if (field.key == key) return &field;
  return nullptr;
}

// "Handling fee: now 2,50 — you typed 3,00", for each field another save changed.
std::vector<std::string> differences(const Kit& kit, Locale locale, const ShopSettings& now,
                                     const ShopSettings& typed) {
  std::vector<std::string> out;
  auto shown = [&](const FieldSpec& field, const ShopSettings& s) {
    auto value = value_of(s, field.key, locale);
    if (field.kind == Kind::check)
      return kit.t(locale, value.empty() ? "admin.settings.no" : "admin.settings.yes");
    return value.empty() ? std::string("—") : value;
  };
  for (const auto& group : kGroups)
    for (const auto& field : group.fields)
      if (value_of(now, field.key, locale) != value_of(typed, field.key, locale))
        out.push_back(labelled(
            locale, kit.t(locale, field.label),
            fmt::format("{} {} — {} {}", kit.t(locale, "admin.settings.now"), shown(field, now),
                        kit.t(locale, "admin.settings.typed"), shown(field, typed))));
  return out;
}

}  // namespace

net::awaitable<SettingsScreen::Stored> SettingsScreen::load() const {
  return kit_.deps().db.transact([](db::Connection& conn) {
    return Stored{.settings = settings::load(conn), .rates = cart::shipping_rates(conn)};
  });
}

net::awaitable<Response> SettingsScreen::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "settings:manage");
  if (!admitted) co_return std::move(admitted.error());
  auto stored = co_await load();
  co_return render(ctx, *admitted, Status::ok, stored, nullptr, nullptr);
}

net::awaitable<Response> SettingsScreen::save_shipping(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "settings:manage");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  const auto locale = staff.locale;
  auto stored = co_await load();
  auto updates = read_shipping_form(form, stored.rates);
  if (!updates) {
    Refusal refusal{.message = kit_.t(locale, updates.error())};
    co_return render(ctx, staff, Status::unprocessable_entity, stored, nullptr, &refusal, &form);
  }
  auto saved = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    auto out = cart::set_shipping_rates(conn, *updates);
    if (out && !out->empty())
      kit_.audit(conn, ctx, staff, "shipping.updated", "settings", "shipping",
                 {{"changes", shipping_changes(*out)}});
    return out;
  });
  if (!saved) {
    auto now = co_await load();
    const bool stale = saved.error().error == cart::ShippingError::stale;
    Refusal refusal{
        .message = fmt::format("{} ({})",
                               kit_.t(locale, stale ? "admin.settings.shipping_stale"
                                                    : "admin.settings.shipping_invalid"),
                               kit_.t(locale, fmt::format("cart.region.{}", saved.error().code)))};
    co_return render(ctx, staff, stale ? Status::conflict : Status::unprocessable_entity, now,
                     nullptr, &refusal, stale ? nullptr : &form);
  }
  co_return http::see_other(
      http::with_notice(urls::kSettings, saved->empty() ? "shipping_unchanged" : "shipping_saved"));
}

net::awaitable<Response> SettingsScreen::save(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "settings:manage");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  const auto locale = staff.locale;
  std::int64_t revision = 0;
  auto revision_text = form.get("revision");
  auto [end, error] =
      std::from_chars(revision_text.data(), revision_text.data() + revision_text.size(), revision);
  if (revision_text.empty() || error != std::errc{} ||
      end != revision_text.data() + revision_text.size())
    throw http::HttpError(Status::bad_request);

  auto stored = co_await load();
  auto typed = read_form(form, stored.settings.settings);
  auto wanted = settings::normalize(typed.settings);
  auto errors = std::move(typed.errors);
  for (auto& refused : settings::validate(wanted))
    if (std::ranges::none_of(errors, [&](const FieldError& e) { return e.field == refused.field; }))
      errors.push_back(std::move(refused));
  if (!errors.empty()) {
    Refusal refusal{.message = kit_.t(locale, "admin.settings.invalid"),
                    .fields = std::move(errors)};
    co_return render(ctx, staff, Status::unprocessable_entity, stored, &form, &refusal);
  }

  auto saved = co_await kit_.deps().db.transact([&](db::Connection& conn) {
    auto out = settings::save(conn, revision, wanted);
    if (out && !out->changes.empty())
      kit_.audit(conn, ctx, staff, "settings.updated", "settings", "shop",
                 {{"changes", out->changes}});
    return out;
  });
  if (!saved) {
    // Another save came first (or, in theory, a rule the checks above missed): nothing written.
    auto now = co_await load();
    const bool stale = saved.error() == settings::SaveError::stale;
    Refusal refusal{.message =
                        kit_.t(locale, stale ? "admin.settings.stale" : "admin.settings.invalid")};
    if (stale) refusal.differences = differences(kit_, locale, now.settings.settings, wanted);
    co_return render(ctx, staff, stale ? Status::conflict : Status::unprocessable_entity, now,
                     &form, &refusal);
  }
  co_return http::see_other(http::with_notice(
      urls::kSettings, saved->changes.empty() ? "settings_unchanged" : "settings_saved"));
}

Response SettingsScreen::render(const Context& ctx, const Staff& staff, Status status,
                                const Stored& all, const http::Form* typed, const Refusal* refusal,
                                const http::Form* typed_shipping) const {
  const auto& stored = all.settings;
  const auto locale = staff.locale;
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  views::Dict body("admin_settings");
  views::set(body, "ACTION"_key, urls::kSettings);
  views::set(body, "CSRF"_key, staff.csrf());
  views::set(body, "REVISION"_key, std::to_string(stored.revision));
  views::set(body, "SUBMIT"_key, t("admin.settings.submit"));
  auto invalid = [&](std::string_view key) {
    return refusal && std::ranges::any_of(refusal->fields,
                                          [&](const FieldError& e) { return e.field == key; });
  };
  for (const auto& group : kGroups) {
    auto& section = *body.AddSectionDictionary("GROUP"_key);
    views::set(section, "ID"_key, group.id);
    views::set(section, "TITLE"_key, t(group.title));
    if (!group.hint.empty())
      views::set(*section.AddSectionDictionary("GROUP_HINT"_key), "TEXT"_key, t(group.hint));
    for (const auto& field : group.fields) {
      auto& item = *section.AddSectionDictionary("ITEM"_key);
      auto value = typed ? std::string(typed->get(field.name))
                         : value_of(stored.settings, field.key, locale);
      const char* kind = field.kind == Kind::area    ? "AREA"
                         : field.kind == Kind::check ? "CHECK"
                                                     : "INPUT";
      auto& control = *item.AddSectionDictionary(kind);
      views::set(control, "NAME"_key, field.name);
      auto label = t(field.label);
      if (field.kind == Kind::amount)
        label = fmt::format("{} ({})", label, stored.settings.currency);
      views::set(control, "LABEL"_key, label);
      views::set(control, "VALUE"_key, value);
      views::set(control, "MAX"_key, std::to_string(field.max));
      views::set(control, "TYPE"_key, field.kind == Kind::email ? "email" : "text");
      if (field.kind == Kind::amount || field.kind == Kind::whole)
        views::set(*control.AddSectionDictionary("MODE"_key), "INPUTMODE"_key,
                   field.kind == Kind::amount ? "decimal" : "numeric");
      if (!field.lang.empty())
        views::set(*control.AddSectionDictionary("LANG"_key), "CODE"_key, field.lang);
      if (!field.hint.empty())
        views::set(*control.AddSectionDictionary("HINT"_key), "TEXT"_key, t(field.hint));
      if (invalid(field.key)) control.ShowSection("INVALID"_key);
      if (field.kind == Kind::check && value == "yes") control.ShowSection("CHECKED"_key);
    }
  }
  if (refusal && !refusal->fields.empty()) {
    auto& list = *body.AddSectionDictionary("FIELD_ERRORS"_key);
    views::set(list, "TITLE"_key, t("admin.settings.errors"));
    for (const auto& error : refusal->fields) {
      const auto* spec = spec_of(error.field);
      auto& item = *list.AddSectionDictionary("FIELD_ERROR"_key);
      views::set(item, "NAME"_key, spec ? spec->name : std::string_view("settings"));
      views::set(
          item, "TEXT"_key,
          spec ? labelled(locale, t(spec->label), t(error.message_key)) : t(error.message_key));
    }
  }
  if (refusal && !refusal->differences.empty()) {
    auto& stale = *body.AddSectionDictionary("DIFFERENCES"_key);
    views::set(stale, "TITLE"_key, t("admin.settings.stale_title"));
    views::set(stale, "HINT"_key, t("admin.settings.stale_hint"));
    for (const auto& line : refusal->differences)
      views::set(*stale.AddSectionDictionary("DIFFERENCE"_key), "TEXT"_key, line);
  }
  fill_shipping_form(kit_, body, staff, all.rates, typed_shipping);
  return kit_.page(status, ctx, staff, Section::settings, t("admin.settings.title"), "settings.tpl",
                   body, kit_.notice(ctx, locale),
                   refusal ? std::string_view(refusal->message) : std::string_view());
}

}  // namespace comptoir::admin
