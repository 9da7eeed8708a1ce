#pragma once

#include <boost/asio/awaitable.hpp>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "core/locale.hpp"
#include "legal/legal_document.hpp"
#include "settings/shop_settings.hpp"

namespace comptoir::db {
class Connection;
class Database;
}  // namespace comptoir::db

namespace comptoir::views {
class Views;
}

namespace comptoir::legal {

// One document as the shop publishes it now.
struct Published {
  Document document = Document::privacy;
  std::string version{};               // "2026-12-04.3f9a1c2b"
  std::string edition{};               // "2026-12-04"
  std::array<std::string, 2> texts{};  // the rendered text (HTML), by locale
  const std::string& text(core::Locale locale) const {
    return texts[static_cast<std::size_t>(locale)];
  }
};

// The document's text: templates/legal/<document>.<locale>.tpl expanded over `fill` (HTML).
std::string render_text(const views::Views& views, Document document, core::Locale locale,
                        const Fill& fill);

// The legal documents: their text rendered from templates/legal/ and the shop's settings, and
// their versions. The first time a process publishes a version it writes its texts to
// legal_versions (once: a version already there is left as it is), so every text a customer was
// shown stays on record, and the checkout can say which terms an order accepted.
class LegalService {
 public:
  LegalService(db::Database& db, const views::Views& views, Facts facts);

  // The document now, its version recorded. Reads the settings at each call (one primary-key
  // scan), so a change saved in the back office shows at the next request in every process.
  boost::asio::awaitable<Published> current(Document document);
  // The version of the terms of sale in force now (recorded), for the order being placed.
  boost::asio::awaitable<std::string> terms_version();

  // The document for `settings`, without touching the database.
  Published publish(Document document, const settings::ShopSettings& settings) const;
  // publish() over the settings read on `conn`, recorded on `conn` (which must be able to write).
  Published current(db::Connection& conn, Document document);

 private:
  // publish() for `settings`, rendered once per document and settings: the last rendering of each
  // document is kept with the settings it was made from, and reused while they are equal.
  std::shared_ptr<const Published> rendered(Document document,
                                            const settings::ShopSettings& settings);
  boost::asio::awaitable<std::shared_ptr<const Published>> current_shared(Document document);
  bool known(const std::string& key);
  void remember(std::string key);

  db::Database& db_;
  const views::Views& views_;
  Facts facts_;
  std::mutex mutex_;
  std::set<std::string> recorded_;  // "document version" already in legal_versions
  struct Rendering {
    settings::ShopSettings settings;
    std::shared_ptr<const Published> published;
  };
  std::map<Document, Rendering> renderings_;  // the last of each document
};

}  // namespace comptoir::legal
