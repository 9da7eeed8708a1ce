#include "legal/legal_service.hpp"

#include "db/database.hpp"
#include "legal/legal_repository.hpp"
#include "settings/settings_store.hpp"
#include "views/dictionary.hpp"
#include "views/views.hpp"

namespace comptoir::legal {

using namespace views::literals;
namespace {

using core::Locale;

std::string key_of(Document document, const std::string& version) {
  return std::string(code(document)) + ' ' + version;
}

void record(db::Connection& conn, const Published& published) {
  for (auto locale : core::kLocales)
    record_version(conn, published.document, published.version, locale, published.edition,
                   published.text(locale));
}

}  // namespace

std::string render_text(const views::Views& views, Document document, Locale locale,
                        const Fill& fill) {
  views::Dict dict("legal");
  for (const auto& [name, value] : fill.values) views::set(dict, name, value);
  for (const auto& section : fill.sections) dict.ShowSection(views::ts(section));
  for (const auto& [name, lines] : fill.lists)
    for (const auto& line : lines)
      views::set(*dict.AddSectionDictionary(views::ts(name)), "LINE"_key, line);
  auto text = views.fragment(template_name(document, locale), dict);
  while (text.ends_with('\n')) text.pop_back();
  // A name that ends with its own full stop ("Comptoir inc.") at the end of a sentence would show
  // two; the prose itself never has "..".
  for (auto at = text.find(".."); at != std::string::npos; at = text.find("..", at))
    text.erase(at, 1);
  return text;
}

LegalService::LegalService(db::Database& db, const views::Views& views, Facts facts)
    : db_(db), views_(views), facts_(std::move(facts)) {}

Published LegalService::publish(Document document, const settings::ShopSettings& settings) const {
  Published out{.document = document, .edition = std::string(edition(document))};
  // A shop that never saved its settings has no names yet: the pages name it as the layout does.
  auto shop = settings;
  if (shop.name_fr.empty()) shop.name_fr = views_.shop_name()(Locale::fr);
  if (shop.name_en.empty()) shop.name_en = views_.shop_name()(Locale::en);
  for (auto locale : core::kLocales)
    out.texts[static_cast<std::size_t>(locale)] =
        render_text(views_, document, locale, fill(document, locale, shop, facts_));
  out.version = version_of(out.edition, out.text(Locale::fr), out.text(Locale::en));
  return out;
}

std::shared_ptr<const Published> LegalService::rendered(Document document,
                                                        const settings::ShopSettings& settings) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = renderings_.find(document);
        found != renderings_.end() && found->second.settings == settings)
      return found->second.published;
  }
  // Rendered outside the lock: two requests that meet a new rendering both make it, the same.
  auto published = std::make_shared<const Published>(publish(document, settings));
  std::lock_guard lock(mutex_);
  renderings_.insert_or_assign(document, Rendering{.settings = settings, .published = published});
  return published;
}

Published LegalService::current(db::Connection& conn, Document document) {
  auto published = rendered(document, settings::current(conn));
  record(conn, *published);
  remember(key_of(document, published->version));
  return *published;
}

boost::asio::awaitable<std::shared_ptr<const Published>> LegalService::current_shared(
    Document document) {
  auto shop = co_await db_.read([](db::Connection& conn) { return settings::current(conn); });
  auto published = rendered(document, shop);
  auto key = key_of(document, published->version);
  if (!known(key)) {
    co_await db_.transact([&published](db::Connection& conn) {
      record(conn, *published);
      return true;
    });
    remember(std::move(key));
  }
  co_return published;
}

boost::asio::awaitable<Published> LegalService::current(Document document) {
  auto published = co_await current_shared(document);
  co_return *published;
}

boost::asio::awaitable<std::string> LegalService::terms_version() {
  auto published = co_await current_shared(Document::terms);
  co_return published->version;
}

bool LegalService::known(const std::string& key) {
  std::lock_guard lock(mutex_);
  return recorded_.contains(key);
}

void LegalService::remember(std::string key) {
  std::lock_guard lock(mutex_);
  recorded_.insert(std::move(key));
}

}  // namespace comptoir::legal
