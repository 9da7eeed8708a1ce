// The settings the legal pages need: registration numbers (NEQ, SIREN, SIRET), the phone, the
// privacy contact, the host and the mediator.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <algorithm>

#include "settings/shop_settings.hpp"

namespace comptoir::settings {
namespace {

ShopSettings valid() {
  ShopSettings s;
  s.name_fr = "Boutique";
  s.name_en = "Shop";
  s.contact_email = "bonjour@boutique.example";
  return s;
}

std::vector<std::string> refused(const ShopSettings& s) {
  std::vector<std::string> out;
  for (const auto& error : validate(normalize(s)))
    out.push_back(error.field + "=" + error.message_key);
  return out;
}

TEST(LegalSettings, NeqIsTenDigits) {
  EXPECT_TRUE(is_neq("1234567890"));
  EXPECT_FALSE(is_neq("123456789"));
  EXPECT_FALSE(is_neq("12345678901"));
  EXPECT_FALSE(is_neq("12345678A0"));
  EXPECT_FALSE(is_neq(""));
}

TEST(LegalSettings, SirenIsNineDigitsPassingLuhn) {
  EXPECT_TRUE(is_siren("732829320"));
  EXPECT_TRUE(is_siren("552100554"));
  EXPECT_FALSE(is_siren("732829321"));  // one digit off: the check fails
  EXPECT_FALSE(is_siren("73282932"));
  EXPECT_FALSE(is_siren("7328293200"));
  EXPECT_FALSE(is_siren("73282932O"));
}

TEST(LegalSettings, SiretIsFourteenDigitsPassingLuhnOrLaPostesRule) {
  EXPECT_TRUE(is_siret("73282932000074"));
  EXPECT_TRUE(is_siret("55210055400013"));
  EXPECT_FALSE(is_siret("73282932000075"));
  EXPECT_FALSE(is_siret("7328293200007"));
  // La Poste's establishments: the digits add up to a multiple of 5 (Luhn fails on this one).
  EXPECT_TRUE(is_siret("35600000000001"));
  EXPECT_FALSE(is_siret("35600000000002"));
}

TEST(LegalSettings, PhonesAndWebAddresses) {
  EXPECT_TRUE(is_phone_number("514 555-0123"));
  EXPECT_TRUE(is_phone_number("+33 (0)1 23 45 67 89"));
  EXPECT_TRUE(is_phone_number("01.23.45.67.89"));
  EXPECT_FALSE(is_phone_number("12345"));
  EXPECT_FALSE(is_phone_number("call us"));
  EXPECT_FALSE(is_phone_number("514 555 0123 ext. 4"));
  EXPECT_TRUE(is_web_address("https://www.mediateur.example/saisir"));
  EXPECT_TRUE(is_web_address("http://mediateur.example"));
  EXPECT_FALSE(is_web_address("ftp://mediateur.example"));
  EXPECT_FALSE(is_web_address("https://localhost"));
  EXPECT_FALSE(is_web_address("https://a.example/x y"));
  EXPECT_FALSE(is_web_address("javascript:alert(1)"));
}

TEST(LegalSettings, NormalizeWritesNumbersWithoutSpaces) {
  auto s = valid();
  s.legal.neq = " 1234 567 890 ";
  s.legal.siren = "732 829 320";
  s.legal.siret = "732 829 320 00074";
  s.legal.phone = "  514 555-0123 ";
  s.contacts.host_address = " 1 rue X \r\n\r\n Paris ";
  s.contacts.privacy_officer = "  Direction générale ";
  auto n = normalize(s);
  EXPECT_EQ(n.legal.neq, "1234567890");
  EXPECT_EQ(n.legal.siren, "732829320");
  EXPECT_EQ(n.legal.siret, "73282932000074");
  EXPECT_EQ(n.legal.phone, "514 555-0123");
  EXPECT_EQ(n.contacts.host_address, "1 rue X\nParis");
  EXPECT_EQ(n.contacts.privacy_officer, "Direction générale");
  EXPECT_TRUE(validate(n).empty());
}

TEST(LegalSettings, ValidateNamesEachBrokenLegalField) {
  auto s = valid();
  s.legal.neq = "123";
  s.legal.siren = "732829321";
  s.legal.siret = "12345";
  s.legal.phone = "call us";
  s.contacts.privacy_email = "nobody";
  s.contacts.mediator_url = "mediateur.example";
  s.contacts.host_name = std::string(121, 'x');
  auto fields = refused(s);
  std::ranges::sort(fields);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "contacts.host_name=settings.error.too_long",
                        "contacts.mediator_url=settings.error.web_address",
                        "contacts.privacy_email=settings.error.email",
                        "legal.neq=settings.error.neq",
                        "legal.phone=settings.error.phone",
                        "legal.siren=settings.error.siren",
                        "legal.siret=settings.error.siret",
                    }));
}

TEST(LegalSettings, SiretMustBelongToTheSiren) {
  auto s = valid();
  s.legal.siren = "732829320";
  s.legal.siret = "55210055400013";  // valid, but another company's
  EXPECT_EQ(refused(s), std::vector<std::string>{"legal.siret=settings.error.siret_siren"});
  s.legal.siret = "73282932000074";
  EXPECT_TRUE(refused(s).empty());
  s.legal.siren = "";  // a SIRET alone is checked on its own
  EXPECT_TRUE(refused(s).empty());
}

TEST(LegalSettings, EmptyLegalFieldsAreValid) {
  EXPECT_TRUE(refused(valid()).empty());
}

TEST(LegalSettings, ChangesNameTheLegalFields) {
  auto before = valid();
  auto after = before;
  after.legal.neq = "1234567890";
  after.contacts.host_name = "Hébergeur inc.";
  auto diff = changes(before, after);
  ASSERT_EQ(diff.size(), 2U);
  EXPECT_EQ(diff.at("legal.neq").at("after").as_string(), "1234567890");
  EXPECT_EQ(diff.at("contacts.host_name").at("before").as_string(), "");
}

TEST(LegalSettings, EntriesReadBackIntoTheSameSettings) {
  auto s = valid();
  s.legal.neq = "1234567890";
  s.legal.siren = "732829320";
  s.legal.siret = "73282932000074";
  s.legal.rcs_city = "Lyon";
  s.legal.phone = "514 555-0123";
  s.legal.legal_form = "SAS au capital de 10 000 €";
  s.contacts = {.privacy_officer = "Direction",
                .privacy_email = "vie.privee@boutique.example",
                .publication_director = "Jeanne Tremblay",
                .host_name = "Hébergeur inc.",
                .host_address = "1 rue X\nParis",
                .mediator_name = "Médiateur",
                .mediator_url = "https://mediateur.example"};
  ShopSettings read;
  for (const auto& entry : entries(s))
    EXPECT_TRUE(apply(read, entry.key, entry.value)) << entry.key;
  EXPECT_EQ(read, s);
}

TEST(LegalSettings, ALegalEntitySavedBeforeTheLegalPagesStillReads) {
  ShopSettings s;
  EXPECT_TRUE(apply(s, "legal.entity", boost::json::parse(R"({"name": "Comptoir inc.",
      "address": "1 rue", "gst_number": "", "qst_number": "", "vat_number": ""})")));
  EXPECT_EQ(s.legal.name, "Comptoir inc.");
  EXPECT_EQ(s.legal.neq, "");
  EXPECT_FALSE(apply(s, "legal.contacts", boost::json::parse("[]")));
}

}  // namespace
}  // namespace comptoir::settings
