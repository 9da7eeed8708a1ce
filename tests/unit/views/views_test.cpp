#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/build_info.hpp"
#include "views/views.hpp"

namespace comptoir::views {
namespace {

namespace fs = std::filesystem;
using core::Locale;

fs::path data_dir() {
  const char* dir = std::getenv("COMPTOIR_DATA_DIR");
  return dir ? fs::path(dir) : fs::path(core::build::kDefaultDataDir);
}

// The shop's links as app hands them in (app::site_navigation).
const Navigation kNavigation{.home = {"/fr/", "/en/"},
                             .products = {"/fr/produits", "/en/products"},
                             .cart = {"/fr/panier", "/en/cart"},
                             .account = {"/fr/compte", "/en/account"}};

class ViewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new i18n::Catalog(i18n::Catalog::load(data_dir()));
    assets_ = new staticfiles::AssetStore(staticfiles::AssetStore::load(data_dir() / "static"));
    views_ = new Views(data_dir() / "templates", *catalog_, *assets_, kNavigation);
  }
  static void TearDownTestSuite() {
    delete views_;
    delete assets_;
    delete catalog_;
  }

  static std::string home(Locale locale, std::string alternate_url = {}) {
    return views_->render_home(Page{.locale = locale, .alternate_url = std::move(alternate_url)});
  }

  static std::string title_of(const std::string& html) {
    auto start = html.find("<title>");
    auto end = html.find("</title>");
    if (start == std::string::npos || end == std::string::npos) return {};
    start += 7;
    return html.substr(start, end - start);
  }

  static inline i18n::Catalog* catalog_ = nullptr;
  static inline staticfiles::AssetStore* assets_ = nullptr;
  static inline Views* views_ = nullptr;
};

TEST_F(ViewsTest, LangAttributeIsTheLocaleTag) {
  EXPECT_NE(home(Locale::fr).find("<html lang=\"fr-CA\">"), std::string::npos);
  EXPECT_NE(home(Locale::en).find("<html lang=\"en-CA\">"), std::string::npos);
  EXPECT_TRUE(home(Locale::fr).starts_with("<!doctype html>\n"));
}

TEST_F(ViewsTest, LangTagsAreConfigurable) {
  Views french_shop(data_dir() / "templates", *catalog_, *assets_, kNavigation,
                    LocaleTags{.fr = "fr-FR", .en = "en-GB"});
  EXPECT_NE(french_shop.render_home(Page{.locale = Locale::fr}).find("<html lang=\"fr-FR\">"),
            std::string::npos);
  EXPECT_NE(french_shop.render_home(Page{.locale = Locale::en}).find("<html lang=\"en-GB\">"),
            std::string::npos);
}

TEST_F(ViewsTest, SkipLinkIsTheFirstFocusableElement) {
  for (auto [locale, label] :
       {std::pair{Locale::fr, "Aller au contenu"}, std::pair{Locale::en, "Skip to content"}}) {
    auto html = home(locale);
    auto skip = html.find(std::string("<a class=\"skip-link\" href=\"#main\">") + label + "</a>");
    ASSERT_NE(skip, std::string::npos) << html;
    for (auto focusable : {"<a ", "<button", "<input", "<select", "<textarea", "tabindex=\"0\""})
      EXPECT_GE(html.find(focusable), skip) << focusable;
    EXPECT_NE(html.find("<main id=\"main\""), std::string::npos);
  }
}

TEST_F(ViewsTest, SwitcherLinksToTheSamePageInTheOtherLanguage) {
  EXPECT_NE(home(Locale::fr, "/en/product/mug")
                .find("<a href=\"/en/product/mug\" hreflang=\"en\" lang=\"en\">English</a>"),
            std::string::npos);
  EXPECT_NE(home(Locale::en, "/fr/produit/tasse")
                .find("<a href=\"/fr/produit/tasse\" hreflang=\"fr\" lang=\"fr\">Français</a>"),
            std::string::npos);
}

TEST_F(ViewsTest, SwitcherFallsBackToTheOtherHome) {
  EXPECT_NE(home(Locale::fr).find("<a href=\"/en/\" hreflang=\"en\""), std::string::npos);
  EXPECT_NE(home(Locale::en).find("<a href=\"/fr/\" hreflang=\"fr\""), std::string::npos);
}

TEST_F(ViewsTest, ShopNameLinksToTheLocaleHome) {
  EXPECT_NE(home(Locale::fr).find("<a class=\"site-name\" href=\"/fr/\">Comptoir</a>"),
            std::string::npos);
  EXPECT_NE(home(Locale::en).find("<a class=\"site-name\" href=\"/en/\">Comptoir</a>"),
            std::string::npos);
}

TEST_F(ViewsTest, TheSettingsShopNameReplacesTheDefaultInTheHeaderAndTitles) {
  views_->shop_name().set("Atelier Nord", "North Workshop");
  auto fr = home(Locale::fr);
  auto en = home(Locale::en);
  views_->shop_name().set("", "");  // the other tests see the default again
  EXPECT_NE(fr.find("<a class=\"site-name\" href=\"/fr/\">Atelier Nord</a>"), std::string::npos);
  EXPECT_EQ(title_of(fr), "Accueil – Atelier Nord");
  EXPECT_EQ(title_of(en), "Home – North Workshop");
  EXPECT_NE(fr.find("<h1 id=\"welcome-heading\">Bienvenue chez Atelier Nord</h1>"),
            std::string::npos);
  EXPECT_NE(en.find("North Workshop, online shop."), std::string::npos) << "the footer";
  EXPECT_NE(en.find("<meta name=\"description\" content=\"North Workshop, your online shop"),
            std::string::npos);
  EXPECT_EQ(title_of(home(Locale::en)), "Home – Comptoir");
}

TEST_F(ViewsTest, TheShopNamesGenerationMovesOnlyWhenANameChanges) {
  auto& names = views_->shop_name();
  names.set("", "");
  auto start = names.generation();
  names.set("", "");
  EXPECT_EQ(names.generation(), start) << "the refresher sets the same names at every tick";
  names.set("Atelier Nord", "");
  EXPECT_GT(names.generation(), start);
  auto renamed = names.generation();
  names.set("Atelier Nord", "North Workshop");
  EXPECT_GT(names.generation(), renamed) << "the English name alone changed";
  names.set("", "");
}

// An injected or inline <script>: every script the layout loads is a fingerprinted file of
// /static/ (CSP script-src 'self'), so any other "<script" is a fault.
std::size_t inline_script(const std::string& html) {
  for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
    if (html.compare(at, 21, "<script src=\"/static/") != 0) return at;
  return std::string::npos;
}

TEST_F(ViewsTest, HomeIsTranslated) {
  EXPECT_EQ(title_of(home(Locale::fr)), "Accueil – Comptoir");
  EXPECT_EQ(title_of(home(Locale::en)), "Home – Comptoir");
  EXPECT_NE(home(Locale::fr).find("<h1 id=\"welcome-heading\">Bienvenue chez Comptoir</h1>"),
            std::string::npos);
  EXPECT_NE(home(Locale::en).find("<h1 id=\"welcome-heading\">Welcome to Comptoir</h1>"),
            std::string::npos);
}

TEST_F(ViewsTest, StylesheetUsesTheFingerprintedUrlAndNothingIsInline) {
  auto html = home(Locale::fr);
  EXPECT_NE(html.find("<link rel=\"stylesheet\" href=\"" + assets_->url("css/site.css") + "\">"),
            std::string::npos);
  EXPECT_EQ(inline_script(html), std::string::npos);
  for (auto forbidden : {"<style", " style=", " onload=", " onclick="})
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
}

TEST_F(ViewsTest, RequestIdIsEscaped) {
  auto html = views_->render_error(Locale::en, http::Status::not_found, "<script>alert(1)</script>",
                                   "/fr/");
  EXPECT_EQ(inline_script(html), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << html;
}

TEST_F(ViewsTest, AlternateUrlCannotBreakOutOrRunScript) {
  auto quoted = home(Locale::fr, "/en/\"><script>x</script>");
  EXPECT_EQ(inline_script(quoted), std::string::npos);
  EXPECT_NE(quoted.find("<a href=\"/en/&quot;&gt;&lt;script&gt;x&lt;/script&gt;\" hreflang=\"en\""),
            std::string::npos)
      << quoted;
  auto javascript = home(Locale::fr, "javascript:alert(1)");
  EXPECT_EQ(javascript.find("javascript:"), std::string::npos) << javascript;
  EXPECT_NE(javascript.find("<a href=\"#\" hreflang=\"en\""), std::string::npos);
}

TEST_F(ViewsTest, PageTextsAreEscaped) {
  ctemplate::TemplateDictionary body("home");
  auto html = views_->render("home.tpl", body,
                             Page{.locale = Locale::en,
                                  .title = "</title><script>x()</script>",
                                  .description = "\" onmouseover=\"x()"});
  EXPECT_EQ(inline_script(html), std::string::npos);
  EXPECT_EQ(html.find("\" onmouseover"), std::string::npos);
  EXPECT_NE(html.find("&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; – Comptoir"),
            std::string::npos);
}

TEST_F(ViewsTest, ErrorPageTitlesAreTranslatedAndDistinct) {
  std::set<std::string> titles;
  for (auto status :
       {http::Status::bad_request, http::Status::forbidden, http::Status::not_found,
        http::Status::method_not_allowed, http::Status::payload_too_large,
        http::Status::too_many_requests, http::Status::request_header_fields_too_large,
        http::Status::internal_server_error, http::Status::service_unavailable}) {
    auto fr = title_of(views_->render_error(Locale::fr, status, "req-1", ""));
    auto en = title_of(views_->render_error(Locale::en, status, "req-1", ""));
    EXPECT_NE(fr, en) << static_cast<unsigned>(status);
    EXPECT_TRUE(titles.insert(fr).second) << "duplicate French title " << fr;
    EXPECT_TRUE(titles.insert(en).second) << "duplicate English title " << en;
    EXPECT_EQ(fr.find("error."), std::string::npos) << "untranslated key " << fr;
  }
  EXPECT_EQ(title_of(views_->render_error(Locale::fr, http::Status::not_found, "r", "")),
            "Page introuvable – Comptoir");
  EXPECT_EQ(title_of(views_->render_error(Locale::en, http::Status::not_found, "r", "")),
            "Page not found – Comptoir");
}

TEST_F(ViewsTest, OtherStatusesGetAGenericPage) {
  auto html = views_->render_error(Locale::fr, static_cast<http::Status>(418), "r", "");
  EXPECT_EQ(title_of(html), "Une erreur est survenue – Comptoir");
  EXPECT_NE(html.find("Erreur 418"), std::string::npos);
}

TEST_F(ViewsTest, ErrorPageShowsRequestIdAndHomeLink) {
  auto fr = views_->render_error(Locale::fr, http::Status::internal_server_error, "abc123", "/en/");
  EXPECT_NE(fr.find("Identifiant de la requête\u00A0: <code>abc123</code>"), std::string::npos)
      << fr;
  EXPECT_NE(fr.find("<a href=\"/fr/\">Retour à l’accueil</a>"), std::string::npos);
  auto en = views_->render_error(Locale::en, http::Status::internal_server_error, "abc123", "/fr/");
  EXPECT_NE(en.find("Request id: <code>abc123</code>"), std::string::npos) << en;
  EXPECT_NE(en.find("<a href=\"/en/\">Back to the home page</a>"), std::string::npos);
}

TEST_F(ViewsTest, RendersConcurrently) {
  auto expected_fr = home(Locale::fr);
  auto expected_en = home(Locale::en);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < mismatches.size(); ++i)
    threads.emplace_back([&, i] {
      for (int n = 0; n < 200; ++n) {
        auto locale = (n + static_cast<int>(i)) % 2 == 0 ? Locale::fr : Locale::en;
        if (home(locale) != (locale == Locale::fr ? expected_fr : expected_en)) ++mismatches[i];
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(mismatches.size(), 0));
}

TEST_F(ViewsTest, UnknownBodyTemplateThrows) {
  ctemplate::TemplateDictionary body("missing");
  EXPECT_THROW(views_->render("missing.tpl", body, Page{}), std::runtime_error);
}

TEST_F(ViewsTest, ConstructionFailsWhenALabelIsMissing) {
  auto empty = i18n::Catalog::from_json("{}", "{}");
  EXPECT_THROW(Views(data_dir() / "templates", empty, *assets_, kNavigation), std::runtime_error);
}

TEST_F(ViewsTest, TheFooterListsItsLinksInThePagesLanguage) {
  auto navigation = kNavigation;
  navigation.footer = {{"layout.footer.privacy", {"/fr/confidentialite", "/en/privacy"}},
                       {"layout.footer.terms", {"/fr/conditions-de-vente", "/en/terms"}}};
  Views views(data_dir() / "templates", *catalog_, *assets_, navigation);
  auto fr = views.render_home(Page{.locale = Locale::fr});
  auto footer = fr.substr(fr.find("<footer"));
  EXPECT_NE(footer.find("<nav class=\"site-footer__legal\" aria-label=\"Informations légales\">"),
            std::string::npos);
  auto privacy = footer.find("<a href=\"/fr/confidentialite\">Confidentialité</a>");
  auto terms = footer.find("<a href=\"/fr/conditions-de-vente\">Conditions de vente</a>");
  EXPECT_NE(privacy, std::string::npos);
  EXPECT_LT(privacy, terms);
  auto en = views.render_home(Page{.locale = Locale::en});
  EXPECT_NE(en.find("<a href=\"/en/terms\">Terms of sale</a>"), std::string::npos);
  // Without footer links, no empty list.
  EXPECT_EQ(home(Locale::fr).find("site-footer__legal"), std::string::npos);
}

TEST_F(ViewsTest, AFooterLinkWithoutItsLabelFailsConstruction) {
  auto navigation = kNavigation;
  navigation.footer = {{"layout.footer.nope", {"/fr/x", "/en/x"}}};
  EXPECT_THROW(Views(data_dir() / "templates", *catalog_, *assets_, navigation),
               std::runtime_error);
}

// A copy of the templates with layout.tpl changed by `edit`; removed with the object.
struct EditedTemplates {
  explicit EditedTemplates(const std::function<void(std::string&)>& edit)
      : dir(fs::temp_directory_path() /
            ("comptoir-layout-" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             std::to_string(++count))) {
    fs::copy(data_dir() / "templates", dir, fs::copy_options::recursive);
    std::ifstream in(dir / "layout.tpl");
    std::string layout(std::istreambuf_iterator<char>(in), {});
    edit(layout);
    std::ofstream(dir / "layout.tpl", std::ios::trunc) << layout;
  }
  ~EditedTemplates() { fs::remove_all(dir); }
  EditedTemplates(const EditedTemplates&) = delete;
  EditedTemplates& operator=(const EditedTemplates&) = delete;
  fs::path dir;
  static inline int count = 0;
};

void replace_once(std::string& text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

TEST_F(ViewsTest, ALayoutThatMovesASlotWhereItIsEscapedOtherwiseStopsTheStart) {
  // Unquoted, the description would be escaped as an attribute, not as quoted HTML: the skeleton
  // would write it wrongly, so the views refuse to start.
  EditedTemplates unquoted([](std::string& layout) {
    replace_once(layout, R"(content="{{DESCRIPTION}}")", "content={{DESCRIPTION}}");
  });
  EXPECT_THROW(Views(unquoted.dir, *catalog_, *assets_, kNavigation), std::logic_error);
  // The title in a script would be JavaScript-escaped.
  EditedTemplates in_script([](std::string& layout) {
    replace_once(layout, "<title>{{TITLE}}</title>", "<script>var t = '{{TITLE}}';</script>");
  });
  EXPECT_THROW(Views(in_script.dir, *catalog_, *assets_, kNavigation), std::logic_error);
  // A slot written twice, or not at all, has no one place in the skeleton.
  EditedTemplates twice([](std::string& layout) {
    replace_once(layout, "<title>{{TITLE}}</title>", "<title>{{TITLE}}{{TITLE}}</title>");
  });
  EXPECT_THROW(Views(twice.dir, *catalog_, *assets_, kNavigation), std::logic_error);
  EditedTemplates without_body(
      [](std::string& layout) { replace_once(layout, "{{BODY:none}}", ""); });
  EXPECT_THROW(Views(without_body.dir, *catalog_, *assets_, kNavigation), std::logic_error);
  // Moved within the same kind of place, a slot is fine.
  EditedTemplates moved([](std::string& layout) {
    replace_once(layout, "<main id=\"main\" class=\"container\" tabindex=\"-1\">\n{{BODY:none}}",
                 "<main id=\"main\" class=\"container\" tabindex=\"-1\"><div>{{BODY:none}}</div>");
  });
  Views views(moved.dir, *catalog_, *assets_, kNavigation);
  EXPECT_NE(views.render_home(Page{.locale = Locale::fr}).find("<div><section class=\"welcome\""),
            std::string::npos);
}

TEST_F(ViewsTest, EveryPageIsTheLayoutWithItsOwnSlots) {
  // Two pages in a row, the second with none of the first's parts left over.
  Page first{.locale = Locale::fr,
             .title = "Première & <unique>",
             .description = "Desc \"un\"",
             .alternate_url = "/en/first?a=1&b=2",
             .page_type = "product",
             .robots = "noindex, follow",
             .json_ld = R"({"@graph":[]})"};
  auto one = views_->render_home(first);
  EXPECT_NE(one.find("<title>Première &amp; &lt;unique&gt; – "), std::string::npos) << one;
  EXPECT_NE(one.find(R"(<meta name="description" content="Desc &quot;un&quot;">)"),
            std::string::npos);
  EXPECT_NE(one.find(R"(href="/en/first?a=1&amp;b=2" hreflang="en")"), std::string::npos);
  EXPECT_NE(one.find(R"(<body data-page="product">)"), std::string::npos);
  EXPECT_NE(one.find(R"(<meta name="robots" content="noindex, follow">)"), std::string::npos);
  EXPECT_NE(one.find(R"(<script type="application/ld+json">{"@graph":[]}</script>)"),
            std::string::npos);
  // The head's tags come before the stylesheet, inside <head>.
  EXPECT_LT(one.find("<meta name=\"robots\""), one.find("<link rel=\"stylesheet\""));
  EXPECT_LT(one.find("application/ld+json"), one.find("</head>"));

  auto two = views_->render_home(Page{.locale = Locale::fr});
  for (std::string_view gone : {"Première", "Desc", "/en/first", "noindex", "ld+json"})
    EXPECT_EQ(two.find(gone), std::string::npos) << gone;
  EXPECT_NE(two.find(R"(<body data-page="other">)"), std::string::npos);
  EXPECT_NE(two.find(R"(href="/en/" hreflang="en")"), std::string::npos);
}

TEST(Templates, EveryTemplateAutoEscapesHtml) {
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(data_dir() / "templates")) {
    if (entry.path().extension() != ".tpl") continue;
    std::ifstream in(entry.path());
    std::string first_line;
    std::getline(in, first_line);
    // Plain-text mail parts (*.txt.tpl) are never served as HTML: HTML-escaping them would turn
    // "d'érable" into "d&#39;érable" in the customer's mail.
    if (entry.path().stem().extension() == ".txt") {
      EXPECT_FALSE(first_line.starts_with("{{%AUTOESCAPE")) << entry.path();
      continue;
    }
    EXPECT_EQ(first_line, "{{%AUTOESCAPE context=\"HTML\"}}") << entry.path();
    ++count;
  }
  EXPECT_GE(count, 3);
}

TEST(Templates, CustomBodyTemplatesAreRenderedInTheLayout) {
  auto dir =
      fs::temp_directory_path() /
      ("comptoir-views-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::copy(data_dir() / "templates", dir, fs::copy_options::recursive);
  fs::create_directories(dir / "shop");
  std::ofstream(dir / "shop" / "greeting.tpl")
      << "{{%AUTOESCAPE context=\"HTML\"}}\n<p class=\"greeting\">{{NAME}}</p>\n";
  auto catalog = i18n::Catalog::load(data_dir());
  auto assets = staticfiles::AssetStore::load(data_dir() / "static");
  Views views(dir, catalog, assets, kNavigation);

  ctemplate::TemplateDictionary body("greeting");
  body.SetValue("NAME", "<b>Zoé</b>");
  auto html = views.render("shop/greeting.tpl", body, Page{.locale = Locale::en, .title = "Hi"});
  fs::remove_all(dir);

  auto greeting = html.find("<p class=\"greeting\">&lt;b&gt;Zoé&lt;/b&gt;</p>");
  EXPECT_NE(greeting, std::string::npos) << html;
  EXPECT_GT(greeting, html.find("<main id=\"main\""));
  EXPECT_LT(greeting, html.find("</main>"));
}

}  // namespace
}  // namespace comptoir::views
