#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The shop's own settings, as staff edit them in the back office (settings:manage) and the rest of
// the shop reads them: who the shop is (name, contact, the legal entity that invoices carry), the
// handling fee every order pays, the low-stock threshold of the dashboard, and how long customers
// have to ask for a return. A plain value: loading and saving are settings_store's.
namespace comptoir::settings {

// The legal entity behind the shop, for invoices and the legal pages. Canada: a GST/HST number
// (business number + "RT" + account, "123456789RT0001") and, in Québec, a QST number
// ("1234567890TQ0001"); France: an intra-community VAT number ("FR" + 2 + 9 characters).
// The legal notice also names the registrations: Québec's enterprise number (NEQ, 10 digits), and
// in France the SIREN (9 digits), the SIRET of the establishment (14) and the city of the trade
// register (RCS) that recorded it. Every field may be empty; the pages leave out what is not set.
struct LegalEntity {
  std::string name{};
  std::string address{};  // lines separated by '\n'
  std::string gst_number{};
  std::string qst_number{};
  std::string vat_number{};
  std::string legal_form{};  // "SAS au capital de 10 000 €", "Société par actions"
  std::string neq{};
  std::string siren{};
  std::string siret{};
  std::string rcs_city{};
  std::string phone{};

  bool operator==(const LegalEntity&) const = default;
};

// The people and companies the legal pages name besides the shop: who answers for personal
// information (Québec's Law 25 "person in charge", the GDPR contact or DPO), who is the director
// of publication (France), the host of the site, and the consumer mediator French customers may
// turn to. Every field may be empty.
struct LegalContacts {
  std::string privacy_officer{};  // a name or a title ("Direction générale")
  std::string privacy_email{};
  std::string publication_director{};
  std::string host_name{};
  std::string host_address{};  // lines separated by '\n'
  std::string mediator_name{};
  std::string mediator_url{};  // http(s)://…

  bool operator==(const LegalContacts&) const = default;
};

// A fixed fee added to every order (minor units of the shop's currency), taxed like the goods or
// not. 0: no fee.
struct HandlingFee {
  std::int64_t amount = 0;
  bool taxable = true;

  bool operator==(const HandlingFee&) const = default;
};

struct ShopSettings {
  std::string name_fr{};
  std::string name_en{};
  std::string contact_email{};
  std::string currency = "CAD";  // read only: prices are stored in it
  LegalEntity legal{};
  LegalContacts contacts{};
  HandlingFee handling_fee{};
  int low_stock_threshold = 5;  // a tracked variant at or under it is low on stock
  int return_window_days = 30;  // from shipping (or payment) to the last day to ask; 0: none
  // The least gross margin, in percent of a line's price before tax, the supplier engine keeps
  // when it picks a supplier for a paid line: a supplier whose cost leaves less is not asked.
  // 0: never sell at a loss.
  int supplier_margin_floor = 0;
  // How far, in percent of its current price, the supplier engine may raise a mapped variant's
  // price when its suppliers' costs no longer leave the margin floor (to the least price that
  // does); a larger rise is left to staff (PRICE_CONFLICT). 0: the engine never changes a price.
  int supplier_reprice_limit = 0;

  bool operator==(const ShopSettings&) const = default;
};

// Bounds staff may set.
inline constexpr std::int64_t kMaxHandlingFee = 100'000;  // 1 000,00 of the currency
inline constexpr int kMaxLowStockThreshold = 100'000;
inline constexpr int kMaxReturnWindowDays = 365;
inline constexpr int kMaxSupplierMarginFloor = 95;
inline constexpr int kMaxSupplierRepriceLimit = 100;
inline constexpr std::size_t kMaxNameBytes = 120;
inline constexpr std::size_t kMaxAddressBytes = 500;

// One refused field: its name (as in changes(), "legal.gst_number") and the message key of why.
struct FieldError {
  std::string field{};
  std::string message_key{};
};

// Every field that breaks a rule (empty: the settings may be saved). Texts are trimmed by the
// caller; the registration numbers are compared without spaces and in capitals (normalize does
// that).
std::vector<FieldError> validate(const ShopSettings& settings);

// Trims the texts, and writes the registration numbers without spaces, in capitals.
ShopSettings normalize(ShopSettings settings);

bool is_gst_number(std::string_view text);  // 9 digits, "RT", 4 digits
bool is_qst_number(std::string_view text);  // 10 digits, "TQ", 4 digits
bool is_vat_number(std::string_view text);  // 2 letters, then 2 to 13 letters or digits
bool is_email_address(std::string_view text);
bool is_neq(std::string_view text);    // Québec enterprise number: 10 digits
bool is_siren(std::string_view text);  // 9 digits passing the Luhn check
// 14 digits passing the Luhn check (La Poste's establishments, SIREN 356000000, instead have a
// digit sum that is a multiple of 5).
bool is_siret(std::string_view text);
bool is_phone_number(std::string_view text);  // 6 to 20 digits, with + ( ) - . and spaces
bool is_web_address(std::string_view text);   // http:// or https://, a host, no spaces

// What changed, field by field, for the audit log: {"field": {"before": x, "after": y}, …}.
boost::json::object changes(const ShopSettings& before, const ShopSettings& after);

// The fields by name and value as JSON, the way settings_store keeps them (one row per key).
struct Entry {
  std::string key{};
  boost::json::value value{};
};
std::vector<Entry> entries(const ShopSettings& settings);
// Reads one row into `settings`; an unknown key or a malformed value leaves it as it was and
// answers false.
bool apply(ShopSettings& settings, std::string_view key, const boost::json::value& value);

}  // namespace comptoir::settings
