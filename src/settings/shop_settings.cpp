#include "settings/shop_settings.hpp"

#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace comptoir::settings {
namespace json = boost::json;
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// "\r\n" and "\r" become "\n", each line is trimmed and blank lines are dropped.
std::string address_lines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    auto line = trimmed(text.substr(start, end - start));
    if (!line.empty()) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    start = end + 1;
  }
  return out;
}

// Without spaces, dashes or dots, in capitals: "123 456 789 rt 0001" → "123456789RT0001".
std::string registration(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_space(c) || c == '-' || c == '.') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

bool has_control(std::string_view text, bool newlines_allowed) {
  return std::ranges::any_of(text, [&](char c) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') return !newlines_allowed;
    return u < 0x20 || u == 0x7f;
  });
}

void add(json::object& out, std::string_view field, const json::value& before,
         const json::value& after) {
  if (before != after) out[field] = json::object{{"before", before}, {"after", after}};
}

json::object legal_json(const LegalEntity& legal) {
  return {{"name", legal.name},
          {"address", legal.address},
          {"gst_number", legal.gst_number},
          {"qst_number", legal.qst_number},
          {"vat_number", legal.vat_number},
          {"legal_form", legal.legal_form},
          {"neq", legal.neq},
          {"siren", legal.siren},
          {"siret", legal.siret},
          {"rcs_city", legal.rcs_city},
          {"phone", legal.phone}};
}

json::object contacts_json(const LegalContacts& contacts) {
  return {{"privacy_officer", contacts.privacy_officer},
          {"privacy_email", contacts.privacy_email},
          {"publication_director", contacts.publication_director},
          {"host_name", contacts.host_name},
          {"host_address", contacts.host_address},
          {"mediator_name", contacts.mediator_name},
          {"mediator_url", contacts.mediator_url}};
}

// The Luhn check INSEE numbers use: from the right, every second digit doubled (9 taken off
// when over 9); the sum is a multiple of 10.
bool luhn(std::string_view text) {
  int sum = 0;
  bool twice = false;
  for (auto it = text.rbegin(); it != text.rend(); ++it) {
    int digit = *it - '0';
    if (twice) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    twice = !twice;
  }
  return sum % 10 == 0;
}

const json::string* text_member(const json::object& object, std::string_view key) {
  const auto* found = object.if_contains(key);
  return found ? found->if_string() : nullptr;
}

}  // namespace

bool is_gst_number(std::string_view text) {
  return text.size() == 15 && digits(text.substr(0, 9)) && text.substr(9, 2) == "RT" &&
         digits(text.substr(11));
}

bool is_qst_number(std::string_view text) {
  return text.size() == 16 && digits(text.substr(0, 10)) && text.substr(10, 2) == "TQ" &&
         digits(text.substr(12));
}

bool is_vat_number(std::string_view text) {
  auto alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); };
  return text.size() >= 4 && text.size() <= 15 && text[0] >= 'A' && text[0] <= 'Z' &&
         text[1] >= 'A' && text[1] <= 'Z' && std::ranges::all_of(text.substr(2), alnum);
}

bool is_neq(std::string_view text) {
  return text.size() == 10 && digits(text);
}

bool is_siren(std::string_view text) {
  return text.size() == 9 && digits(text) && luhn(text);
}

bool is_siret(std::string_view text) {
  if (text.size() != 14 || !digits(text)) return false;
  if (text.starts_with("356000000")) {  // La Poste: the digits add up to a multiple of 5
    int sum = 0;
    for (char c : text) sum += c - '0';
    return sum % 5 == 0;
  }
  return luhn(text);
}

bool is_phone_number(std::string_view text) {
  auto count = std::ranges::count_if(text, [](char c) { return c >= '0' && c <= '9'; });
  return count >= 6 && count <= 20 && text.size() <= 30 && std::ranges::all_of(text, [](char c) {
           return (c >= '0' && c <= '9') || c == '+' || c == '(' || c == ')' || c == '-' ||
                  c == '.' || c == ' ';
         });
}

bool is_web_address(std::string_view text) {
  std::string_view rest;
  if (text.starts_with("https://"))
    rest = text.substr(8);
  else if (text.starts_with("http://"))
    rest = text.substr(7);
  else
    return false;
  auto host = rest.substr(0, rest.find('/'));
  return text.size() <= 200 && host.find('.') != std::string_view::npos && host.front() != '.' &&
         std::ranges::none_of(text, [](char c) {
           auto u = static_cast<unsigned char>(c);
           return u <= 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>';
         });
}

bool is_email_address(std::string_view text) {
  auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.size() > 254) return false;
  auto domain = text.substr(at + 1);
  auto dot = domain.find('.');
  return domain.find('@') == std::string_view::npos && dot != std::string_view::npos && dot > 0 &&
         dot + 1 < domain.size() &&
         std::ranges::none_of(text, [](char c) { return is_space(c) || c == '<' || c == '>'; });
}

ShopSettings normalize(ShopSettings settings) {
  settings.name_fr = trimmed(settings.name_fr);
  settings.name_en = trimmed(settings.name_en);
  settings.contact_email = trimmed(settings.contact_email);
  settings.legal.name = trimmed(settings.legal.name);
  settings.legal.address = address_lines(settings.legal.address);
  settings.legal.gst_number = registration(settings.legal.gst_number);
  settings.legal.qst_number = registration(settings.legal.qst_number);
  settings.legal.vat_number = registration(settings.legal.vat_number);
  settings.legal.legal_form = trimmed(settings.legal.legal_form);
  settings.legal.neq = registration(settings.legal.neq);
  settings.legal.siren = registration(settings.legal.siren);
  settings.legal.siret = registration(settings.legal.siret);
  settings.legal.rcs_city = trimmed(settings.legal.rcs_city);
  settings.legal.phone = trimmed(settings.legal.phone);
  auto& contacts = settings.contacts;
  contacts.privacy_officer = trimmed(contacts.privacy_officer);
  contacts.privacy_email = trimmed(contacts.privacy_email);
  contacts.publication_director = trimmed(contacts.publication_director);
  contacts.host_name = trimmed(contacts.host_name);
  contacts.host_address = address_lines(contacts.host_address);
  contacts.mediator_name = trimmed(contacts.mediator_name);
  contacts.mediator_url = trimmed(contacts.mediator_url);
  return settings;
}

std::vector<FieldError> validate(const ShopSettings& settings) {
  std::vector<FieldError> out;
  auto refuse = [&](std::string_view field, std::string_view key) {
    out.push_back({std::string(field), std::string(key)});
  };
  auto check_name = [&](std::string_view field, const std::string& name, bool required) {
    if (required && name.empty())
      refuse(field, "settings.error.required");
    else if (name.size() > kMaxNameBytes || has_control(name, false))
      refuse(field, "settings.error.too_long");
  };
  check_name("shop.name.fr", settings.name_fr, true);
  check_name("shop.name.en", settings.name_en, true);
  if (!is_email_address(settings.contact_email))
    refuse("shop.contact_email", "settings.error.email");
  check_name("legal.name", settings.legal.name, false);
  if (settings.legal.address.size() > kMaxAddressBytes || has_control(settings.legal.address, true))
    refuse("legal.address", "settings.error.too_long");
  if (!settings.legal.gst_number.empty() && !is_gst_number(settings.legal.gst_number))
    refuse("legal.gst_number", "settings.error.gst_number");
  if (!settings.legal.qst_number.empty() && !is_qst_number(settings.legal.qst_number))
    refuse("legal.qst_number", "settings.error.qst_number");
  if (!settings.legal.vat_number.empty() && !is_vat_number(settings.legal.vat_number))
    refuse("legal.vat_number", "settings.error.vat_number");
  check_name("legal.legal_form", settings.legal.legal_form, false);
  if (!settings.legal.neq.empty() && !is_neq(settings.legal.neq))
    refuse("legal.neq", "settings.error.neq");
  if (!settings.legal.siren.empty() && !is_siren(settings.legal.siren))
    refuse("legal.siren", "settings.error.siren");
  if (!settings.legal.siret.empty() && !is_siret(settings.legal.siret))
    refuse("legal.siret", "settings.error.siret");
  else if (!settings.legal.siret.empty() && is_siren(settings.legal.siren) &&
           !settings.legal.siret.starts_with(settings.legal.siren))
    refuse("legal.siret", "settings.error.siret_siren");
  check_name("legal.rcs_city", settings.legal.rcs_city, false);
  if (!settings.legal.phone.empty() && !is_phone_number(settings.legal.phone))
    refuse("legal.phone", "settings.error.phone");
  const auto& contacts = settings.contacts;
  check_name("contacts.privacy_officer", contacts.privacy_officer, false);
  if (!contacts.privacy_email.empty() && !is_email_address(contacts.privacy_email))
    refuse("contacts.privacy_email", "settings.error.email");
  check_name("contacts.publication_director", contacts.publication_director, false);
  check_name("contacts.host_name", contacts.host_name, false);
  if (contacts.host_address.size() > kMaxAddressBytes || has_control(contacts.host_address, true))
    refuse("contacts.host_address", "settings.error.too_long");
  check_name("contacts.mediator_name", contacts.mediator_name, false);
  if (!contacts.mediator_url.empty() && !is_web_address(contacts.mediator_url))
    refuse("contacts.mediator_url", "settings.error.web_address");
  if (settings.handling_fee.amount < 0 || settings.handling_fee.amount > kMaxHandlingFee)
    refuse("fees.handling.amount", "settings.error.fee");
  if (settings.low_stock_threshold < 0 || settings.low_stock_threshold > kMaxLowStockThreshold)
    refuse("stock.low_threshold", "settings.error.threshold");
  if (settings.return_window_days < 0 || settings.return_window_days > kMaxReturnWindowDays)
    refuse("returns.window_days", "settings.error.return_window");
  if (settings.supplier_margin_floor < 0 ||
      settings.supplier_margin_floor > kMaxSupplierMarginFloor)
    refuse("suppliers.margin_floor", "settings.error.margin_floor");
  if (settings.supplier_reprice_limit < 0 ||
      settings.supplier_reprice_limit > kMaxSupplierRepriceLimit)
    refuse("suppliers.reprice_limit", "settings.error.reprice_limit");
  return out;
}

json::object changes(const ShopSettings& before, const ShopSettings& after) {
  json::object out;
  add(out, "shop.name.fr", json::value(before.name_fr), json::value(after.name_fr));
  add(out, "shop.name.en", json::value(before.name_en), json::value(after.name_en));
  add(out, "shop.contact_email", json::value(before.contact_email),
      json::value(after.contact_email));
  auto legal_before = legal_json(before.legal);
  auto legal_after = legal_json(after.legal);
  for (const auto& [key, value] : legal_after)
    add(out, "legal." + std::string(key), legal_before.at(key), value);
  auto contacts_before = contacts_json(before.contacts);
  auto contacts_after = contacts_json(after.contacts);
  for (const auto& [key, value] : contacts_after)
    add(out, "contacts." + std::string(key), contacts_before.at(key), value);
  add(out, "fees.handling.amount", json::value(before.handling_fee.amount),
      json::value(after.handling_fee.amount));
  add(out, "fees.handling.taxable", json::value(before.handling_fee.taxable),
      json::value(after.handling_fee.taxable));
  add(out, "stock.low_threshold", json::value(before.low_stock_threshold),
      json::value(after.low_stock_threshold));
  add(out, "returns.window_days", json::value(before.return_window_days),
      json::value(after.return_window_days));
  add(out, "suppliers.margin_floor", json::value(before.supplier_margin_floor),
      json::value(after.supplier_margin_floor));
  add(out, "suppliers.reprice_limit", json::value(before.supplier_reprice_limit),
      json::value(after.supplier_reprice_limit));
  return out;
}

std::vector<Entry> entries(const ShopSettings& settings) {
  return {
      {"shop.name", json::object{{"fr", settings.name_fr}, {"en", settings.name_en}}},
      {"shop.contact_email", json::value(settings.contact_email)},
      {"legal.entity", legal_json(settings.legal)},
      {"legal.contacts", contacts_json(settings.contacts)},
      {"fees.handling", json::object{{"amount", settings.handling_fee.amount},
                                     {"taxable", settings.handling_fee.taxable}}},
      {"stock.low_threshold", json::value(settings.low_stock_threshold)},
      {"returns.window_days", json::value(settings.return_window_days)},
      {"suppliers.margin_floor", json::value(settings.supplier_margin_floor)},
      {"suppliers.reprice_limit", json::value(settings.supplier_reprice_limit)},
  };
}

bool apply(ShopSettings& settings, std::string_view key, const json::value& value) {
  auto whole = [&](int& field, int low, int high) {
    const auto* number = value.if_int64();
    if (!number || *number < low || *number > high) return false;
    field = static_cast<int>(*number);
    return true;
  };
  if (key == "shop.name") {
    const auto* object = value.if_object();
    const auto* fr = object ? text_member(*object, "fr") : nullptr;
    const auto* en = object ? text_member(*object, "en") : nullptr;
    if (!fr || !en) return false;
    settings.name_fr = *fr;
    settings.name_en = *en;
    return true;
  }
  if (key == "shop.contact_email" || key == "shop.currency") {
    const auto* text = value.if_string();
    if (!text) return false;
    (key == "shop.currency" ? settings.currency : settings.contact_email) = *text;
    return true;
  }
  if (key == "legal.entity") {
    const auto* object = value.if_object();
    if (!object) return false;
    LegalEntity legal;
    for (auto [name, field] : {std::pair{"name", &legal.name},
                               {"address", &legal.address},
                               {"gst_number", &legal.gst_number},
                               {"qst_number", &legal.qst_number},
                               {"vat_number", &legal.vat_number}}) {
      const auto* text = text_member(*object, name);
      if (!text) return false;
      *field = *text;
    }
    // Added later (the legal pages): a row saved before has none of them, and reads them empty.
    for (auto [name, field] : {std::pair{"legal_form", &legal.legal_form},
                               {"neq", &legal.neq},
                               {"siren", &legal.siren},
                               {"siret", &legal.siret},
                               {"rcs_city", &legal.rcs_city},
                               {"phone", &legal.phone}})
      if (const auto* text = text_member(*object, name)) *field = *text;
    settings.legal = std::move(legal);
    return true;
  }
  if (key == "legal.contacts") {
    const auto* object = value.if_object();
    if (!object) return false;
    LegalContacts contacts;
    for (auto [name, field] : {std::pair{"privacy_officer", &contacts.privacy_officer},
                               {"privacy_email", &contacts.privacy_email},
                               {"publication_director", &contacts.publication_director},
                               {"host_name", &contacts.host_name},
                               {"host_address", &contacts.host_address},
                               {"mediator_name", &contacts.mediator_name},
                               {"mediator_url", &contacts.mediator_url}})
      if (const auto* text = text_member(*object, name)) *field = *text;
    settings.contacts = std::move(contacts);
    return true;
  }
  if (key == "fees.handling") {
    const auto* object = value.if_object();
    const auto* amount = object ? object->if_contains("amount") : nullptr;
    const auto* taxable = object ? object->if_contains("taxable") : nullptr;
    if (!amount || !amount->is_int64() || !taxable || !taxable->is_bool()) return false;
    if (amount->get_int64() < 0 || amount->get_int64() > kMaxHandlingFee) return false;
    settings.handling_fee = {.amount = amount->get_int64(), .taxable = taxable->get_bool()};
    return true;
  }
  if (key == "stock.low_threshold")
    return whole(settings.low_stock_threshold, 0, kMaxLowStockThreshold);
  if (key == "returns.window_days")
    return whole(settings.return_window_days, 0, kMaxReturnWindowDays);
  if (key == "suppliers.margin_floor")
    return whole(settings.supplier_margin_floor, 0, kMaxSupplierMarginFloor);
  if (key == "suppliers.reprice_limit")
    return whole(settings.supplier_reprice_limit, 0, kMaxSupplierRepriceLimit);
  return false;
}

}  // namespace comptoir::settings
