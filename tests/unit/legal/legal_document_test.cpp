// Which sentences of the legal pages appear with which settings, and what makes a new version.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/build_info.hpp"
#include "legal/legal_document.hpp"
#include "legal/legal_service.hpp"
#include "staticfiles/asset_store.hpp"
#include "views/views.hpp"

namespace comptoir::legal {
namespace {

namespace fs = std::filesystem;
using core::Locale;

fs::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir ? fs::path(dir) : fs::path(core::build::kDefaultDataDir);
}

settings::ShopSettings bare() {
  settings::ShopSettings s;
  s.name_fr = "Boutique";
  s.name_en = "Shop";
  s.contact_email = "bonjour@boutique.example";
  return s;
}

settings::ShopSettings complete() {
  auto s = bare();
  s.legal = {.name = "Boutique inc.",
             .address = "12, rue Saint-Paul\nMontréal (Québec)  H2Y 1Z5",
             .gst_number = "123456789RT0001",
             .qst_number = "1234567890TQ0001",
             .vat_number = "FR12732829320",
             .legal_form = "SAS au capital de 10 000 €",
             .neq = "1234567890",
             .siren = "732829320",
             .siret = "73282932000074",
             .rcs_city = "Lyon",
             .phone = "514 555-0123"};
  s.contacts = {.privacy_officer = "Jeanne Tremblay, présidente",
                .privacy_email = "vieprivee@boutique.example",
                .publication_director = "Jeanne Tremblay",
                .host_name = "Hébergeur inc.",
                .host_address = "1000, rue Sherbrooke\nMontréal",
                .mediator_name = "Médiateur de la consommation",
                .mediator_url = "https://mediateur.example"};
  return s;
}

const Facts kFacts{.site_url = "https://boutique.example", .card_payments = true};

TEST(LegalFill, EmptySettingsShowThePlainFallbacks) {
  auto f = fill(Document::legal_notice, Locale::fr, bare(), kFacts);
  for (auto section :
       {"NO_REGISTRATIONS", "PRIVACY_OFFICER_DEFAULT", "DIRECTOR_DEFAULT", "HOST_UNNAMED",
        "MEDIATOR_UNNAMED", "RETURNS_ACCEPTED", "CARD_PAYMENTS", "HAS_EMAIL", "HAS_PRIVACY_EMAIL"})
    EXPECT_TRUE(f.shows(section)) << section;
  for (auto section : {"HAS_ADDRESS", "HAS_NEQ", "HAS_SIREN", "HAS_RCS", "HAS_SIRET", "HAS_GST",
                       "HAS_QST", "HAS_VAT", "HAS_TAX_NUMBERS", "HAS_REGISTRATIONS", "HAS_PHONE",
                       "HAS_LEGAL_FORM", "PRIVACY_OFFICER_NAMED", "DIRECTOR_NAMED", "HOST_NAMED",
                       "MEDIATOR_NAMED", "RETURNS_NONE", "MANUAL_PAYMENTS"})
    EXPECT_FALSE(f.shows(section)) << section;
  // Without a legal name, the shop's name in the page's language stands for it.
  EXPECT_EQ(f.values.at("LEGAL_NAME"), "Boutique");
  EXPECT_EQ(fill(Document::terms, Locale::en, bare(), kFacts).values.at("LEGAL_NAME"), "Shop");
  // Without a privacy email, people write to the shop's contact address.
  EXPECT_EQ(f.values.at("PRIVACY_EMAIL"), "bonjour@boutique.example");
}

TEST(LegalFill, EachSettingShowsItsSentence) {
  auto f = fill(Document::legal_notice, Locale::fr, complete(), kFacts);
  for (auto section : {"HAS_ADDRESS", "HAS_NEQ", "HAS_SIREN", "HAS_RCS", "HAS_SIRET", "HAS_GST",
                       "HAS_QST", "HAS_VAT", "HAS_TAX_NUMBERS", "HAS_REGISTRATIONS", "HAS_PHONE",
                       "HAS_LEGAL_FORM", "PRIVACY_OFFICER_NAMED", "DIRECTOR_NAMED", "HOST_NAMED",
                       "HAS_HOST_ADDRESS", "MEDIATOR_NAMED", "HAS_MEDIATOR_URL"})
    EXPECT_TRUE(f.shows(section)) << section;
  for (auto section : {"NO_REGISTRATIONS", "PRIVACY_OFFICER_DEFAULT", "DIRECTOR_DEFAULT",
                       "HOST_UNNAMED", "MEDIATOR_UNNAMED", "SIREN_ONLY"})
    EXPECT_FALSE(f.shows(section)) << section;
  EXPECT_EQ(f.values.at("NEQ"), "1234567890");
  EXPECT_EQ(f.values.at("RCS_CITY"), "Lyon");
  EXPECT_EQ(f.values.at("PRIVACY_EMAIL"), "vieprivee@boutique.example");
  EXPECT_EQ(f.lists.at("ADDRESS"),
            (std::vector<std::string>{"12, rue Saint-Paul", "Montréal (Québec)  H2Y 1Z5"}));
}

TEST(LegalFill, ASirenWithoutItsRegistryCityIsShownAlone) {
  auto s = bare();
  s.legal.siren = "732829320";
  auto f = fill(Document::legal_notice, Locale::en, s, kFacts);
  EXPECT_TRUE(f.shows("HAS_SIREN"));
  EXPECT_TRUE(f.shows("SIREN_ONLY"));
  EXPECT_FALSE(f.shows("HAS_RCS"));
  EXPECT_TRUE(f.shows("HAS_REGISTRATIONS"));
}

TEST(LegalFill, ReturnWindowAndPaymentFollowTheShop) {
  auto s = bare();
  s.return_window_days = 0;
  auto f = fill(Document::terms, Locale::fr, s, {.site_url = "https://b.example"});
  EXPECT_TRUE(f.shows("RETURNS_NONE"));
  EXPECT_FALSE(f.shows("RETURNS_ACCEPTED"));
  EXPECT_TRUE(f.shows("MANUAL_PAYMENTS"));
  s.return_window_days = 14;
  f = fill(Document::terms, Locale::fr, s, kFacts);
  EXPECT_TRUE(f.shows("RETURNS_ACCEPTED"));
  EXPECT_EQ(f.values.at("RETURN_DAYS"), "14");
}

TEST(LegalFill, LinksPointAtThePagesInTheSameLanguage) {
  auto f = fill(Document::privacy, Locale::en, bare(), kFacts);
  EXPECT_EQ(f.values.at("COOKIES_URL"), "/en/cookies");
  EXPECT_EQ(fill(Document::privacy, Locale::fr, bare(), kFacts).values.at("TERMS_URL"),
            "/fr/conditions-de-vente");
}

TEST(LegalVersion, EditionThenAShortHashOfBothTexts) {
  auto version = version_of("2026-12-04", "texte", "text");
  EXPECT_TRUE(version.starts_with("2026-12-04."));
  EXPECT_EQ(version.size(), 19U);
  EXPECT_EQ(version, version_of("2026-12-04", "texte", "text"));
  EXPECT_NE(version, version_of("2026-12-04", "texte!", "text"));
  EXPECT_NE(version, version_of("2026-12-04", "texte", "text!"));
  // The texts are kept apart: moving a character from one to the other is another version.
  EXPECT_NE(version_of("2026-12-04", "ab", "c"), version_of("2026-12-04", "a", "bc"));
  // SHA-256("texte\0text")'s first four bytes.
  EXPECT_EQ(version, "2026-12-04.57c9a78a");
}

TEST(LegalDocuments, NamesPathsAndTemplates) {
  for (auto document : kDocuments) {
    EXPECT_EQ(document_named(code(document)), document);
    EXPECT_EQ(edition(document).size(), 10U);
  }
  EXPECT_EQ(document_named("nope"), std::nullopt);
  EXPECT_EQ(template_name(Document::legal_notice, Locale::en), "legal/legal_notice.en.tpl");
  EXPECT_EQ(path(Document::cookies)[Locale::fr], "/fr/temoins");
  EXPECT_EQ(title_key(Document::terms), "legal.terms.title");
}

// The texts themselves, rendered from templates/legal/.
class LegalText : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = std::make_unique<i18n::Catalog>(i18n::Catalog::load(data_dir()));
    assets_ = std::make_unique<staticfiles::AssetStore>(
        staticfiles::AssetStore::load(data_dir() / "static"));
    views_ = std::make_unique<views::Views>(data_dir() / "templates", *catalog_, *assets_,
                                            views::Navigation{});
  }
  static void TearDownTestSuite() {
    views_.reset();
    assets_.reset();
    catalog_.reset();
  }
  static std::string text(Document document, Locale locale, const settings::ShopSettings& s,
                          const Facts& facts = kFacts) {
    return render_text(*views_, document, locale, fill(document, locale, s, facts));
  }
  static inline std::unique_ptr<i18n::Catalog> catalog_;
  static inline std::unique_ptr<staticfiles::AssetStore> assets_;
  static inline std::unique_ptr<views::Views> views_;
};

TEST_F(LegalText, EveryDocumentRendersInBothLanguagesWithoutLeftovers) {
  for (auto document : kDocuments)
    for (auto locale : core::kLocales)
      for (const auto& s : {bare(), complete()}) {
        auto html = text(document, locale, s);
        EXPECT_GT(html.size(), 500U) << code(document);
        EXPECT_EQ(html.find("{{"), std::string::npos) << code(document);
        EXPECT_EQ(html.find("XXX"), std::string::npos) << code(document);
        EXPECT_EQ(html.find("<li></li>"), std::string::npos) << code(document);
      }
}

TEST_F(LegalText, AShopThatNeverSavedItsSettingsLinksNoEmptyAddress) {
  settings::ShopSettings unsaved;  // no names, no contact email yet
  auto f = fill(Document::terms, Locale::fr, unsaved, kFacts);
  EXPECT_TRUE(f.shows("NO_EMAIL"));
  EXPECT_FALSE(f.shows("HAS_EMAIL"));
  EXPECT_FALSE(f.shows("HAS_PRIVACY_EMAIL"));
  for (auto document : kDocuments)
    for (auto locale : core::kLocales) {
      auto html = text(document, locale, unsaved);
      EXPECT_EQ(html.find("mailto:\""), std::string::npos) << code(document);
      EXPECT_EQ(html.find("<li></li>"), std::string::npos) << code(document);
    }
  auto s = bare();
  s.contacts.privacy_email = "vieprivee@boutique.example";
  f = fill(Document::privacy, Locale::en, s, kFacts);
  EXPECT_TRUE(f.shows("HAS_EMAIL"));
  EXPECT_EQ(f.values.at("PRIVACY_EMAIL"), "vieprivee@boutique.example");
}

TEST_F(LegalText, TheLegalNoticeNamesTheRegistrations) {
  auto fr = text(Document::legal_notice, Locale::fr, complete());
  EXPECT_NE(fr.find("Numéro d’entreprise du Québec (NEQ) : 1234567890"), std::string::npos);
  EXPECT_NE(fr.find("registre du commerce et des sociétés (RCS) de Lyon sous le numéro 732829320"),
            std::string::npos);
  EXPECT_NE(fr.find("SIRET : 73282932000074"), std::string::npos);
  EXPECT_NE(fr.find("Le directeur de la publication est Jeanne Tremblay."), std::string::npos);
  EXPECT_NE(fr.find("hébergé par Hébergeur inc., 1000, rue Sherbrooke, Montréal"),
            std::string::npos);
  EXPECT_NE(fr.find("Téléphone : 514 555-0123"), std::string::npos);
  auto en = text(Document::legal_notice, Locale::en, bare());
  EXPECT_NE(en.find("No registration number is published yet."), std::string::npos);
  EXPECT_NE(en.find("The name and address of the site’s host have not been published yet."),
            std::string::npos);
  EXPECT_NE(en.find("the legal representative of Shop"), std::string::npos);
  EXPECT_EQ(en.find("Phone:"), std::string::npos);
  EXPECT_EQ(en.find("NEQ"), std::string::npos);
}

TEST_F(LegalText, ANameEndingWithAFullStopEndsASentenceWithOne) {
  auto s = bare();
  s.legal.name = "Boutique inc.";
  auto fr = text(Document::legal_notice, Locale::fr, s);
  EXPECT_NE(fr.find("est édité par Boutique inc.</p>"), std::string::npos);
  EXPECT_NE(fr.find("le représentant légal de Boutique inc.</p>"), std::string::npos);
  EXPECT_EQ(fr.find(".."), std::string::npos);
}

TEST_F(LegalText, ThePrivacyPolicyNamesItsOfficerOrSaysWhoItIs) {
  auto named = text(Document::privacy, Locale::fr, complete());
  EXPECT_NE(named.find("Jeanne Tremblay, présidente"), std::string::npos);
  EXPECT_NE(named.find("mailto:vieprivee@boutique.example"), std::string::npos);
  auto unnamed = text(Document::privacy, Locale::en, bare());
  EXPECT_NE(unnamed.find("the person with the highest authority within Shop"), std::string::npos);
  EXPECT_NE(unnamed.find("mailto:bonjour@boutique.example"), std::string::npos);
  EXPECT_NE(unnamed.find("Commission d’accès à l’information"), std::string::npos);
  EXPECT_NE(unnamed.find("CNIL"), std::string::npos);
  EXPECT_NE(unnamed.find("Stripe"), std::string::npos);
  // Without card payments, Stripe is not among the recipients.
  auto offline = text(Document::privacy, Locale::en, bare(), {.site_url = "https://b.example"});
  EXPECT_EQ(offline.find("Stripe"), std::string::npos);
}

TEST_F(LegalText, TheTermsFollowTheReturnWindowAndTheMediator) {
  auto s = complete();
  s.return_window_days = 21;
  auto fr = text(Document::terms, Locale::fr, s);
  EXPECT_NE(fr.find("dans les 21 jours suivant l’expédition"), std::string::npos);
  EXPECT_NE(fr.find("Médiateur de la consommation"), std::string::npos);
  EXPECT_NE(fr.find("14 jours"), std::string::npos);
  EXPECT_NE(fr.find("modèle de formulaire de rétractation"), std::string::npos);
  s.return_window_days = 0;
  s.contacts.mediator_name.clear();
  auto en = text(Document::terms, Locale::en, s);
  EXPECT_NE(en.find("the shop does not accept returns"), std::string::npos);
  EXPECT_EQ(en.find("mediator we belong to"), std::string::npos);
  EXPECT_NE(en.find("QST: 1234567890TQ0001"), std::string::npos);
}

TEST_F(LegalText, TheCookiePolicyListsTheSessionCookie) {
  for (auto locale : core::kLocales) {
    auto html = text(Document::cookies, locale, bare());
    EXPECT_NE(html.find("<code>__Host-comptoir_session</code>"), std::string::npos);
    EXPECT_NE(html.find("<code>comptoir_cart_count</code>"), std::string::npos);
  }
}

TEST(LegalFill, TheCookiePolicyFollowsTheAnalyticsService) {
  using core::AnalyticsProvider;
  auto with = [](AnalyticsProvider provider) {
    auto facts = kFacts;
    facts.analytics = provider;
    return fill(Document::cookies, Locale::en, bare(), facts);
  };
  auto none = with(AnalyticsProvider::none);
  EXPECT_TRUE(none.shows("ANALYTICS_NONE"));
  EXPECT_FALSE(none.shows("ANALYTICS_CHOICE"));
  auto plausible = with(AnalyticsProvider::plausible);
  EXPECT_TRUE(plausible.shows("ANALYTICS_PLAUSIBLE"));
  EXPECT_TRUE(plausible.shows("ANALYTICS_CHOICE"));
  EXPECT_FALSE(plausible.shows("ANALYTICS_GA4"));
  auto ga4 = with(AnalyticsProvider::ga4);
  EXPECT_TRUE(ga4.shows("ANALYTICS_GA4"));
  EXPECT_TRUE(ga4.shows("ANALYTICS_CHOICE"));
  EXPECT_FALSE(ga4.shows("ANALYTICS_NONE"));
}

TEST_F(LegalText, TheCookiePolicyNamesTheCookiesOfTheServiceInUse) {
  auto facts = kFacts;
  for (auto locale : core::kLocales) {
    facts.analytics = core::AnalyticsProvider::none;
    auto none = text(Document::cookies, locale, bare(), facts);
    EXPECT_EQ(none.find("comptoir_consent"), std::string::npos);
    EXPECT_EQ(none.find("<code>_ga</code>"), std::string::npos);
    facts.analytics = core::AnalyticsProvider::plausible;
    auto plausible = text(Document::cookies, locale, bare(), facts);
    EXPECT_NE(plausible.find("<code>comptoir_consent</code>"), std::string::npos);
    EXPECT_EQ(plausible.find("<code>_ga</code>"), std::string::npos);
    EXPECT_NE(plausible.find("Plausible"), std::string::npos);
    facts.analytics = core::AnalyticsProvider::ga4;
    auto ga4 = text(Document::cookies, locale, bare(), facts);
    EXPECT_NE(ga4.find("<code>comptoir_consent</code>"), std::string::npos);
    EXPECT_NE(ga4.find("<code>_ga</code>, <code>_ga_*</code>"), std::string::npos);
    // Three different texts: three versions of the policy.
    EXPECT_NE(none, plausible);
    EXPECT_NE(plausible, ga4);
  }
}

}  // namespace
}  // namespace comptoir::legal
