#include "legal/legal_document.hpp"

#include <sodium.h>

#include <fmt/format.h>

#include "legal/legal_urls.hpp"

namespace comptoir::legal {
namespace {

using core::Locale;

struct Spec {
  Document document;
  std::string_view code;
  const core::Localized* path;
  std::string_view edition;
};

// Move a document's edition when its prose changes (both languages are one edition).
constexpr Spec kSpecs[] = {
    {Document::privacy, "privacy", &urls::kPrivacy, "2026-12-04"},
    {Document::terms, "terms", &urls::kTerms, "2026-12-04"},
    {Document::legal_notice, "legal_notice", &urls::kLegalNotice, "2026-12-04"},
    {Document::cookies, "cookies", &urls::kCookies, "2026-12-04"},
};

const Spec& spec(Document document) {
  for (const auto& one : kSpecs)
    if (one.document == document) return one;
  return kSpecs[0];  // unreachable: every Document has its spec
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = std::min(text.find('\n', start), text.size());
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The currency in words, for "prices are in Canadian dollars (CAD)".
std::string currency_words(std::string_view currency, Locale locale) {
  const bool fr = locale == Locale::fr;
  if (currency == "CAD") return fr ? "dollars canadiens (CAD)" : "Canadian dollars (CAD)";
  if (currency == "EUR") return "euros (EUR)";  // the same word in both languages
  if (currency == "USD") return fr ? "dollars américains (USD)" : "US dollars (USD)";
  return std::string(currency);
}

}  // namespace

std::string_view code(Document document) {
  return spec(document).code;
}

std::optional<Document> document_named(std::string_view name) {
  for (const auto& one : kSpecs)
    if (one.code == name) return one.document;
  return std::nullopt;
}

const core::Localized& path(Document document) {
  return *spec(document).path;
}

std::string template_name(Document document, Locale locale) {
  return fmt::format("legal/{}.{}.tpl", code(document), core::code(locale));
}

std::string title_key(Document document) {
  return fmt::format("legal.{}.title", code(document));
}

std::string_view edition(Document document) {
  return spec(document).edition;
}

Fill fill(Document /*document*/, Locale locale, const settings::ShopSettings& settings,
          const Facts& facts) {
  Fill out;
  auto& values = out.values;
  auto show = [&out](std::string_view section) { out.sections.emplace(section); };
  // `section` shown, and `value` set, when `text` is not empty.
  auto when = [&](std::string_view section, std::string_view variable, std::string_view text) {
    if (text.empty()) return false;
    show(section);
    values[std::string(variable)] = std::string(text);
    return true;
  };
  const auto& legal = settings.legal;
  const auto& contacts = settings.contacts;
  const auto& shop_name = locale == Locale::fr ? settings.name_fr : settings.name_en;

  values["SHOP_NAME"] = shop_name;
  values["LEGAL_NAME"] = legal.name.empty() ? shop_name : legal.name;
  values["CONTACT_EMAIL"] = settings.contact_email;
  values["SITE_URL"] = facts.site_url;
  values["PRIVACY_URL"] = urls::kPrivacy[locale];
  values["TERMS_URL"] = urls::kTerms[locale];
  values["NOTICE_URL"] = urls::kLegalNotice[locale];
  values["COOKIES_URL"] = urls::kCookies[locale];
  values["CURRENCY"] = currency_words(settings.currency, locale);

  if (auto lines = lines_of(legal.address); !lines.empty()) {
    show("HAS_ADDRESS");
    out.lists["ADDRESS"] = std::move(lines);
  }
  when("HAS_LEGAL_FORM", "LEGAL_FORM", legal.legal_form);
  when("HAS_PHONE", "PHONE", legal.phone);
  when("HAS_NEQ", "NEQ", legal.neq);
  if (when("HAS_SIREN", "SIREN", legal.siren)) {
    // "immatriculée au RCS de Lyon sous le numéro …" needs both; the SIREN alone otherwise.
    if (!when("HAS_RCS", "RCS_CITY", legal.rcs_city)) show("SIREN_ONLY");
  }
  when("HAS_SIRET", "SIRET", legal.siret);
  bool gst = when("HAS_GST", "GST_NUMBER", legal.gst_number);
  bool qst = when("HAS_QST", "QST_NUMBER", legal.qst_number);
  bool vat = when("HAS_VAT", "VAT_NUMBER", legal.vat_number);
  if (gst || qst || vat) show("HAS_TAX_NUMBERS");
  if (!legal.neq.empty() || !legal.siren.empty() || !legal.siret.empty() || gst || qst || vat)
    show("HAS_REGISTRATIONS");
  else
    show("NO_REGISTRATIONS");

  if (!when("PRIVACY_OFFICER_NAMED", "PRIVACY_OFFICER", contacts.privacy_officer))
    show("PRIVACY_OFFICER_DEFAULT");
  // The contact email is required once the settings are saved, but a shop that has never saved
  // them has none: the sentences that give an address are then left out.
  show(settings.contact_email.empty() ? "NO_EMAIL" : "HAS_EMAIL");
  if (!when("HAS_PRIVACY_EMAIL", "PRIVACY_EMAIL", contacts.privacy_email))
    when("HAS_PRIVACY_EMAIL", "PRIVACY_EMAIL", settings.contact_email);
  if (!when("DIRECTOR_NAMED", "DIRECTOR", contacts.publication_director)) show("DIRECTOR_DEFAULT");
  if (when("HOST_NAMED", "HOST_NAME", contacts.host_name)) {
    if (auto lines = lines_of(contacts.host_address); !lines.empty()) {
      show("HAS_HOST_ADDRESS");
      out.lists["HOST_ADDRESS"] = std::move(lines);
    }
  } else {
    show("HOST_UNNAMED");
  }
  if (when("MEDIATOR_NAMED", "MEDIATOR_NAME", contacts.mediator_name))
    when("HAS_MEDIATOR_URL", "MEDIATOR_URL", contacts.mediator_url);
  else
    show("MEDIATOR_UNNAMED");

  if (settings.return_window_days > 0) {
    show("RETURNS_ACCEPTED");
    values["RETURN_DAYS"] = std::to_string(settings.return_window_days);
  } else {
    show("RETURNS_NONE");
  }
  show(facts.card_payments ? "CARD_PAYMENTS" : "MANUAL_PAYMENTS");
  switch (facts.analytics) {
    case core::AnalyticsProvider::none:
      show("ANALYTICS_NONE");
      break;
    case core::AnalyticsProvider::plausible:
      show("ANALYTICS_PLAUSIBLE");
      show("ANALYTICS_CHOICE");
      break;
    case core::AnalyticsProvider::ga4:
      show("ANALYTICS_GA4");
      show("ANALYTICS_CHOICE");
      break;
  }
  return out;
}

std::string version_of(std::string_view edition, std::string_view text_fr,
                       std::string_view text_en) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto feed = [&state](std::string_view text) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
  };
  feed(text_fr);
  feed(std::string_view("\0", 1));
  feed(text_en);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  return fmt::format("{}.{:02x}{:02x}{:02x}{:02x}", edition, digest[0], digest[1], digest[2],
                     digest[3]);
}

}  // namespace comptoir::legal
