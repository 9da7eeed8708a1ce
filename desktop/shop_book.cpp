#include "desktop/shop_book.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <system_error>

#include "core/files.hpp"

namespace comptoir::desktop {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string url_file(std::string_view id) {
  return fmt::format("{}.database-url", id);
}
std::string keys_file(std::string_view id) {
  return fmt::format("{}.keys", id);
}

// Writes `text` to `path` through a temporary file readable only by the user, then renames it.
std::expected<void, std::string> write_private(const fs::path& path, std::string_view text) {
  auto temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return std::unexpected(fmt::format("cannot write {}", temporary.string()));
    std::error_code ec;
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, ec);
    if (ec)
      return std::unexpected(
          fmt::format("cannot protect {}: {}", temporary.string(), ec.message()));
    out << text;
    if (!out.flush()) return std::unexpected(fmt::format("cannot write {}", temporary.string()));
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) return std::unexpected(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  return {};
}

json::array::iterator find_entry(json::array& entries, std::string_view id) {
  for (auto it = entries.begin(); it != entries.end(); ++it)
    if (const auto* object = it->if_object())
      if (const auto* value = object->if_contains("id");
          value && value->is_string() && value->as_string() == id)
        return it;
  return entries.end();
}

}  // namespace

std::expected<ShopBook, std::string> ShopBook::open(fs::path file) {
  ShopBook book(std::move(file));
  std::error_code ec;
  if (!fs::exists(book.file_, ec)) return book;
  auto text = core::read_file(book.file_);
  if (!text) return std::unexpected(fmt::format("cannot read {}", book.file_.string()));
  // The engine wants at least one shop to work for; the app's list may be empty (all removed).
  if (auto empty = json::parse(*text, ec); !ec && empty.is_array() && empty.as_array().empty())
    return book;
  auto shops = suppliers::parse_shops(*text, book.file_.parent_path());
  if (!shops) return std::unexpected(shops.error());
  book.entries_ = json::parse(*text).as_array();  // parse_shops accepted it: an array
  book.shops_ = std::move(*shops);
  return book;
}

std::expected<void, std::string> ShopBook::add(const ShopEntry& entry) {
  if (find_entry(entries_, entry.id) != entries_.end())
    return std::unexpected(fmt::format("a shop '{}' is already in the list", entry.id));
  if (entry.database_url.empty()) return std::unexpected("the database URL is required");
  if (entry.secret_keys.empty()) return std::unexpected("the secret keys are required");
  auto next = entries_;
  next.push_back(json::object{{"id", entry.id},
                              {"name", entry.name},
                              {"color", entry.color},
                              {"database_url_file", url_file(entry.id)},
                              {"secret_keys_file", keys_file(entry.id)}});
  return save(std::move(next), &entry);
}

std::expected<void, std::string> ShopBook::update(std::string_view id, const ShopEntry& entry) {
  auto next = entries_;
  auto it = find_entry(next, id);
  if (it == next.end()) return std::unexpected(fmt::format("no shop '{}' in the list", id));
  if (entry.id != id) return std::unexpected("a shop's id cannot change: remove it and add it");
  auto& object = it->as_object();
  object["name"] = entry.name;
  object["color"] = entry.color;
  if (!entry.database_url.empty()) {
    object.erase("database_url");
    object["database_url_file"] = url_file(entry.id);
  }
  if (!entry.secret_keys.empty()) {
    object.erase("secret_keys");
    object["secret_keys_file"] = keys_file(entry.id);
  }
  return save(std::move(next), &entry);
}

std::expected<void, std::string> ShopBook::remove(std::string_view id) {
  auto next = entries_;
  auto it = find_entry(next, id);
  if (it == next.end()) return std::unexpected(fmt::format("no shop '{}' in the list", id));
  next.erase(it);
  auto saved = save(std::move(next), nullptr);
  if (!saved) return saved;
  // Its secrets go with it (only the files the app made under its own names).
  std::error_code ec;
  fs::remove(file_.parent_path() / url_file(id), ec);
  fs::remove(file_.parent_path() / keys_file(id), ec);
  return {};
}

std::expected<void, std::string> ShopBook::save(json::array next, const ShopEntry* entry) {
  const auto folder = file_.parent_path();
  // The engine checks the list as it will read it, with the new secrets given inline.
  auto check = next;
  if (entry) {
    auto& object = find_entry(check, entry->id)->as_object();
    if (!entry->database_url.empty()) {
      object.erase("database_url_file");
      object["database_url"] = entry->database_url;
    }
    if (!entry->secret_keys.empty()) {
      object.erase("secret_keys_file");
      object["secret_keys"] = entry->secret_keys;
    }
  }
  std::expected<std::vector<suppliers::Shop>, std::string> checked;
  if (!next.empty()) {  // an empty list is the app's only (the engine needs a shop to work for)
    checked = suppliers::parse_shops(json::serialize(check), folder);
    if (!checked) return std::unexpected(checked.error());
  }

  std::error_code ec;
  fs::create_directories(folder.empty() ? fs::path(".") : folder, ec);
  if (ec) return std::unexpected(fmt::format("cannot make {}: {}", folder.string(), ec.message()));
  if (entry && !entry->database_url.empty())
    if (auto written = write_private(folder / url_file(entry->id), entry->database_url + "\n");
        !written)
      return written;
  if (entry && !entry->secret_keys.empty())
    if (auto written = write_private(folder / keys_file(entry->id), entry->secret_keys + "\n");
        !written)
      return written;
  if (auto written = write_private(file_, json::serialize(next) + "\n"); !written) return written;
  entries_ = std::move(next);
  shops_ = std::move(*checked);
  return {};
}

}  // namespace comptoir::desktop
