#include "views/views.hpp"

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include <array>
#include <atomic>
#include <stdexcept>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "views/dictionary.hpp"
#include "views/layout_skeleton.hpp"

namespace comptoir::views {

using namespace literals;
namespace {

constexpr auto kStrip = ctemplate::STRIP_BLANK_LINES;

constexpr std::array kErrorStatuses{400u, 403u, 404u, 405u, 410u, 413u, 429u, 431u, 500u, 503u};

constexpr std::array kLabelKeys{
    "layout.shop_name",
    "layout.skip_link",
    "layout.language_nav",
    "layout.language_name",
    "layout.footer",
    "layout.main_nav",
    "layout.products",
    "layout.search_label",
    "layout.search_button",
    "home.title",
    "home.description",
    "home.heading",
    "home.intro",
    "home.browse",
    "error.code_label",
    "error.request_id",
    "error.home_link",
    "error.generic.title",
    "error.generic.message",
    "layout.account",
    "layout.cart",
    "layout.cart_count_one",
    "layout.cart_count_other",
    "layout.footer_nav",
};

// Canonical, hreflang alternates, robots, other meta tags, Open Graph and JSON-LD: each written
// only when set.
void add_head_tags(ctemplate::TemplateDictionary& layout, const Page& page) {
  show_with(layout, "ROBOTS"_key, page.robots, "ROBOTS_SECTION"_key);
  show_with(layout, "CANONICAL_URL"_key, page.canonical_url, "CANONICAL_SECTION"_key);
  for (const auto& link : page.alternates) {
    auto* section = layout.AddSectionDictionary("ALTERNATE_LINK"_key);
    section->SetValue("HREFLANG"_key, link.hreflang);
    section->SetValue("HREF"_key, link.href);
  }
  for (const auto& tag : page.meta_tags) {
    auto* section = layout.AddSectionDictionary("META_TAG"_key);
    section->SetValue("META_NAME"_key, tag.name);
    section->SetValue("META_CONTENT"_key, tag.content);
  }
  const auto& og = page.open_graph;
  if (!og.type.empty()) {
    auto* section = layout.AddSectionDictionary("OPEN_GRAPH"_key);
    section->SetValue("OG_TYPE"_key, og.type);
    section->SetValue("OG_TITLE"_key, og.title);
    section->SetValue("OG_DESCRIPTION"_key, og.description);
    section->SetValue("OG_URL"_key, og.url);
    section->SetValue("OG_SITE_NAME"_key, og.site_name);
    section->SetValue("OG_LOCALE"_key, og.locale);
    show_with(*section, "OG_IMAGE"_key, og.image, "OG_IMAGE_SECTION"_key);
    for (const auto& alternate : og.alternate_locales)
      section->AddSectionDictionary("OG_LOCALE_ALTERNATE"_key)->SetValue("LOCALE"_key, alternate);
  }
  show_with(layout, "JSON_LD"_key, page.json_ld, "JSON_LD_SECTION"_key);
}

// The consent script's settings, the banner and the footer link (docs/analytics.md).
void add_analytics(ctemplate::TemplateDictionary& layout, const AnalyticsParts& parts,
                   const i18n::Catalog& catalog, core::Locale locale) {
  const auto& settings = parts.settings;
  if (!settings.enabled()) return;
  auto* section = layout.AddSectionDictionary("ANALYTICS"_key);
  auto kind = std::string(core::name(settings.provider));
  auto text = [&](std::string_view key) { return ts(catalog.t(locale, key)); };
  section->SetValue("CONSENT_SCRIPT"_key, parts.consent_script);
  section->SetValue("PROVIDER"_key, kind);
  section->SetValue("SITE"_key, settings.site);
  section->SetValue("SERVICE_SCRIPT"_key, settings.script_url());
  // The cookie policy's section where the choice is made.
  section->SetValue("PREFERENCES_URL"_key,
                    ts(std::string(parts.preferences[locale]) + "#audience-measurement"));
  section->SetValue("FOOTER_LINK"_key, text("analytics.footer_link"));
  section->SetValue("BANNER_TITLE"_key, text(fmt::format("analytics.banner.{}.title", kind)));
  section->SetValue("BANNER_TEXT"_key, text(fmt::format("analytics.banner.{}.text", kind)));
  section->SetValue("BANNER_ACCEPT"_key, text(fmt::format("analytics.banner.{}.accept", kind)));
  section->SetValue("BANNER_REFUSE"_key, text(fmt::format("analytics.banner.{}.refuse", kind)));
  section->SetValue("BANNER_MORE"_key, text("analytics.banner.more"));
}

bool has_specific_error_page(unsigned code) {
  for (auto known : kErrorStatuses)
    if (known == code) return true;
  return false;
}

std::vector<std::string> label_keys() {
  std::vector<std::string> keys(kLabelKeys.begin(), kLabelKeys.end());
  for (auto code : kErrorStatuses) {
    keys.push_back(fmt::format("error.{}.title", code));
    keys.push_back(fmt::format("error.{}.message", code));
  }
  return keys;
}

}  // namespace

struct Views::Skeletons {
  std::array<std::atomic<std::shared_ptr<const Skeleton>>, core::kLocales.size()> per_locale{};
};

Views::Views(std::filesystem::path templates_dir, const i18n::Catalog& catalog,
             const staticfiles::AssetStore& assets, Navigation navigation, LocaleTags tags)
    : catalog_(catalog),
      navigation_(std::move(navigation)),
      tags_(std::move(tags)),
      cache_(std::make_unique<ctemplate::TemplateCache>()),
      shop_name_(std::make_unique<ShopName>(catalog)),
      skeletons_(std::make_unique<Skeletons>()),
      stylesheet_url_(assets.url("css/site.css")),
      favicon_url_(assets.url("favicon.svg")),
      site_script_url_(assets.url("js/site.js")),
      vitals_script_url_(assets.url("js/vendor/web-vitals.js")) {
  auto keys = label_keys();
  for (const auto& link : navigation_.footer) keys.emplace_back(link.label_key);
  for (const auto& key : keys)
    for (auto locale : core::kLocales)
      if (!catalog.contains(locale, key))
        throw std::runtime_error(
            fmt::format("locales/{}.json lacks \"{}\"", core::code(locale), key));

  if (!std::filesystem::is_directory(templates_dir))
    throw std::runtime_error(
        fmt::format("templates directory {} not found", templates_dir.string()));
  cache_->SetTemplateRootDirectory(templates_dir.string());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(templates_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tpl") continue;
    auto name = entry.path().lexically_relative(templates_dir).generic_string();
    if (!cache_->LoadTemplate(name, kStrip))
      throw std::runtime_error(fmt::format("template {} failed to load (see stderr)", name));
  }
  // Frozen, the cache never touches the disk again and expansions take no write lock.
  cache_->Freeze();
  prepare_layout();
}

void Views::set_analytics(AnalyticsParts parts) {
  analytics_ = std::move(parts);
  prepare_layout();
}

void Views::prepare_layout() {
  // Built now, so a layout the skeleton cannot hold stops the start, not the first page.
  for (auto locale : core::kLocales) {
    skeletons_->per_locale[static_cast<std::size_t>(locale)].store(nullptr);
    skeleton(locale);
  }
}

Views::~Views() = default;
Views::Views(Views&&) noexcept = default;

std::string Views::fragment(std::string_view template_name,
                            ctemplate::TemplateDictionary& dict) const {
  return expand(template_name, dict);
}

std::string Views::expand(std::string_view template_name,
                          ctemplate::TemplateDictionary& dict) const {
  std::string out;
  if (!cache_->ExpandNoLoad(ts(template_name), kStrip, &dict, nullptr, &out))
    throw std::runtime_error(fmt::format("template {} is not loaded", template_name));
  return out;
}

void Views::set_text(ctemplate::TemplateDictionary& dict, const ctemplate::TemplateString& variable,
                     core::Locale locale, std::string_view key) const {
  dict.SetValue(variable, ts(catalog_.t(locale, key)));
}

namespace {

std::string without_final_newlines(std::string html) {
  while (html.ends_with('\n')) html.pop_back();
  return html;
}

}  // namespace

std::string Views::render(std::string_view body_template, ctemplate::TemplateDictionary& body,
                          const Page& page) const {
  auto body_html = without_final_newlines(expand(body_template, body));
  ctemplate::TemplateDictionary head("head");
  add_head_tags(head, page);
  auto head_html = without_final_newlines(expand("_head_tags.tpl", head));

  auto locale = page.locale;
  auto shop_name = (*shop_name_)(locale);
  auto title = page.title.empty() ? shop_name : fmt::format("{} – {}", page.title, shop_name);
  std::string_view alternate_url = page.alternate_url.empty()
                                       ? navigation_.home[core::other(locale)]
                                       : std::string_view(page.alternate_url);
  SlotValues values{
      .title = title,
      .description = page.description,
      .head_tags = head_html,
      .page_type = page.page_type.empty() ? std::string_view("other") : page.page_type,
      .alternate_url = alternate_url,
      .body = body_html};
  return skeleton(locale)->layout.page(values);
}

std::string Views::expand_layout(core::Locale locale, const SlotValues& values) const {
  auto value = [&](Slot slot) { return ts(values[slot]); };
  auto other = core::other(locale);
  ctemplate::TemplateDictionary layout("layout");
  layout.SetValue("LANG"_key, tags_[locale]);
  layout.SetValue("TITLE"_key, value(Slot::title));
  layout.SetValue("DESCRIPTION"_key, value(Slot::description));
  layout.SetValue("HEAD_TAGS"_key, value(Slot::head_tags));
  layout.SetValue("STYLESHEET_URL"_key, stylesheet_url_);
  layout.SetValue("FAVICON_URL"_key, favicon_url_);
  layout.SetValue("SITE_SCRIPT_URL"_key, site_script_url_);
  layout.SetValue("VITALS_SCRIPT_URL"_key, vitals_script_url_);
  layout.SetValue("PAGE_TYPE"_key, value(Slot::page_type));
  layout.SetValue("HOME_URL"_key, ts(navigation_.home[locale]));
  layout.SetValue("ALTERNATE_URL"_key, value(Slot::alternate_url));
  layout.SetValue("ALTERNATE_LANG"_key, ts(core::code(other)));
  layout.SetValue("SHOP_NAME"_key, (*shop_name_)(locale));
  set_text(layout, "SKIP_LINK"_key, locale, "layout.skip_link");
  set_text(layout, "LANGUAGE_NAV_LABEL"_key, locale, "layout.language_nav");
  // The other language's name is written in that language, as the lang attribute says.
  set_text(layout, "ALTERNATE_NAME"_key, other, "layout.language_name");
  layout.SetValue("FOOTER_TEXT"_key, shop_name_->in(catalog_.t(locale, "layout.footer"), locale));
  if (!navigation_.footer.empty()) {
    auto* nav = layout.AddSectionDictionary("FOOTER_NAV"_key);
    set_text(*nav, "FOOTER_NAV_LABEL"_key, locale, "layout.footer_nav");
    for (const auto& link : navigation_.footer) {
      auto* item = nav->AddSectionDictionary("FOOTER_LINK"_key);
      item->SetValue("URL"_key, ts(link.path[locale]));
      set_text(*item, "TEXT"_key, locale, link.label_key);
    }
  }
  set_text(layout, "MAIN_NAV_LABEL"_key, locale, "layout.main_nav");
  set_text(layout, "PRODUCTS_LABEL"_key, locale, "layout.products");
  set_text(layout, "SEARCH_LABEL"_key, locale, "layout.search_label");
  set_text(layout, "SEARCH_BUTTON"_key, locale, "layout.search_button");
  layout.SetValue("PRODUCTS_URL"_key, ts(navigation_.products[locale]));
  set_text(layout, "ACCOUNT_LABEL"_key, locale, "layout.account");
  set_text(layout, "CART_LABEL"_key, locale, "layout.cart");
  // "{count} articles": static/js/site.js fills in the count it reads from the cart's cookie.
  set_text(layout, "CART_COUNT_ONE"_key, locale, "layout.cart_count_one");
  set_text(layout, "CART_COUNT_OTHER"_key, locale, "layout.cart_count_other");
  layout.SetValue("CART_URL"_key, ts(navigation_.cart[locale]));
  layout.SetValue("ACCOUNT_URL"_key, ts(navigation_.account[locale]));
  add_analytics(layout, analytics_, catalog_, locale);
  // Placed unescaped on purpose: it is the output of an auto-escaped body template.
  layout.SetValue("BODY"_key, value(Slot::body));
  return expand("layout.tpl", layout);
}

std::shared_ptr<const Views::Skeleton> Views::skeleton(core::Locale locale) const {
  auto& held = skeletons_->per_locale[static_cast<std::size_t>(locale)];
  // Read before the name is: a name set meanwhile makes the next page build again.
  auto generation = shop_name_->generation();
  if (auto cached = held.load(); cached && cached->generation == generation) return cached;

  auto built = std::make_shared<const Skeleton>(
      Skeleton{.generation = generation,
               .layout = LayoutSkeleton(expand_layout(locale, LayoutSkeleton::placeholders()))});
  // The skeleton escapes each slot as ctemplate escapes it in its place today: a layout edited
  // so a slot moves to another context (a title inside a script) fails here, at the first page,
  // instead of escaping it wrongly. Two probes: an ordinary link, and one the URL check refuses.
  for (std::string_view url : {"/en/p?a=1&b=\"<x>'", "javascript:alert(1)"}) {
    SlotValues probe{.title = R"(T <i>&amp;"'</i>)",
                     .description = R"(D "<'&>)",
                     .head_tags = "<meta name=\"probe\">",
                     .page_type = R"(p"<&)",
                     .alternate_url = url,
                     .body = "<p>body &amp; \"x\"</p>"};
    if (expand_layout(locale, probe) != built->layout.page(probe))
      throw std::logic_error(
          "templates/layout.tpl: a page's slot is not where views::LayoutSkeleton expects it "
          "(TITLE and DESCRIPTION as HTML text or a quoted attribute, ALTERNATE_URL as an href, "
          "HEAD_TAGS and BODY verbatim)");
  }
  held.store(built);
  return built;
}

std::string Views::render_home(const Page& page) const {
  auto locale = page.locale;
  Page filled = page;
  if (filled.title.empty()) filled.title = catalog_.t(locale, "home.title");
  if (filled.description.empty())
    filled.description = shop_name_->in(catalog_.t(locale, "home.description"), locale);

  ctemplate::TemplateDictionary body("home");
  body.SetValue("HEADING"_key, shop_name_->in(catalog_.t(locale, "home.heading"), locale));
  set_text(body, "INTRO"_key, locale, "home.intro");
  set_text(body, "BROWSE_LABEL"_key, locale, "home.browse");
  body.SetValue("PRODUCTS_URL"_key, ts(navigation_.products[locale]));
  return render("home.tpl", body, filled);
}

std::string Views::render_error(core::Locale locale, http::Status status,
                                std::string_view request_id, std::string_view alternate_url) const {
  auto code = static_cast<unsigned>(status);
  auto prefix = has_specific_error_page(code) ? fmt::format("error.{}", code) : "error.generic";
  auto title = catalog_.t(locale, prefix + ".title");
  auto message = catalog_.t(locale, prefix + ".message");

  ctemplate::TemplateDictionary body("error");
  set_text(body, "CODE_LABEL"_key, locale, "error.code_label");
  body.SetIntValue("CODE"_key, static_cast<long>(code));
  body.SetValue("HEADING"_key, ts(title));
  body.SetValue("MESSAGE"_key, ts(message));
  if (!request_id.empty()) {
    auto* section = body.AddSectionDictionary("REQUEST_ID_SECTION"_key);
    set_text(*section, "REQUEST_ID_LABEL"_key, locale, "error.request_id");
    section->SetValue("REQUEST_ID"_key, ts(request_id));
  }
  body.SetValue("HOME_URL"_key, ts(navigation_.home[locale]));
  set_text(body, "HOME_LINK"_key, locale, "error.home_link");

  Page page{.locale = locale,
            .title = std::string(title),
            .description = std::string(message),
            .alternate_url = std::string(alternate_url),
            .status = static_cast<int>(code)};
  return render("error.tpl", body, page);
}

}  // namespace comptoir::views
