#include "desktop/shop_book.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <system_error>

#include "core/files.hpp"
#include "core/random.hpp"

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

std::expected<ShopBook, std::string> ShopBook::open(fs::path file, SecretVault* vault) {
  ShopBook book(std::move(file), vault);
  std::error_code ec;
  if (!fs::exists(book.file_, ec)) return book;
  auto text = core::read_file(book.file_);
  if (!text) return std::unexpected(fmt::format("cannot read {}", book.file_.string()));
  // The engine wants at least one shop to work for; the app's list may be empty (all removed).
  if (auto empty = json::parse(*text, ec); !ec && empty.is_array() && empty.as_array().empty())
    return book;
  auto shops = suppliers::parse_shops(*text, book.file_.parent_path(), book.lookup());
  if (!shops) return std::unexpected(shops.error());
  book.entries_ = json::parse(*text).as_array();  // parse_shops accepted it: an array
  book.shops_ = std::move(*shops);
  return book;
}

suppliers::KeychainLookup ShopBook::lookup() {
  return [this](std::string_view name) -> std::expected<suppliers::ShopSecrets, std::string> {
    if (auto it = keychain_.find(name); it != keychain_.end()) return it->second;
    if (vault_ == nullptr) return std::unexpected("no system keychain was opened");
    auto secrets = vault_->read(name);
    if (secrets) keychain_.emplace(std::string(name), *secrets);
    return secrets;
  };
}

std::expected<void, std::string> ShopBook::add(const ShopEntry& entry) {
  if (find_entry(entries_, entry.id) != entries_.end())
    return std::unexpected(fmt::format("a shop '{}' is already in the list", entry.id));
  if (entry.database_url.empty()) return std::unexpected("the database URL is required");
  if (entry.secret_keys.empty()) return std::unexpected("the secret keys are required");
  auto next = entries_;
  next.push_back(json::object{{"id", entry.id}, {"name", entry.name}, {"color", entry.color}});
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
  return save(std::move(next), &entry);
}

std::expected<void, std::string> ShopBook::remove(std::string_view id) {
  auto next = entries_;
  auto it = find_entry(next, id);
  if (it == next.end()) return std::unexpected(fmt::format("no shop '{}' in the list", id));
  std::string keychain_name;
  if (const auto* name = it->as_object().if_contains("keychain"); name && name->is_string())
    keychain_name = name->as_string();
  next.erase(it);
  auto saved = save(std::move(next), nullptr);
  if (!saved) return saved;
  // Its secrets go with it: its keychain entry, and the files the app made under its own names.
  if (!keychain_name.empty()) {
    keychain_.erase(keychain_name);
    if (keeps_secrets_in_keychain())
      if (auto erased = vault_->erase(keychain_name); !erased)
        return std::unexpected(fmt::format(
            "{} is removed from the list, but its secrets are still in the system keychain: {}", id,
            erased.error()));
  }
  std::error_code ec;
  fs::remove(file_.parent_path() / url_file(id), ec);
  fs::remove(file_.parent_path() / keys_file(id), ec);
  return {};
}

std::expected<ShopBook::Placement, std::string> ShopBook::place(json::object& object,
                                                                const ShopEntry& entry) {
  Placement placement;
  if (entry.database_url.empty() && entry.secret_keys.empty()) return placement;  // kept as is
  placement.secrets = {.database_url = entry.database_url, .secret_keys = entry.secret_keys};
  // Files: the secrets typed replace theirs; the others stay where they are. (A book holds a
  // keychain entry only when its vault answered at start, which it then does for its life.)
  if (!keeps_secrets_in_keychain()) {
    if (!entry.database_url.empty()) {
      object.erase("database_url");
      object["database_url_file"] = url_file(entry.id);
    }
    if (!entry.secret_keys.empty()) {
      object.erase("secret_keys");
      object["secret_keys_file"] = keys_file(entry.id);
    }
    return placement;
  }
  // The keychain: both secrets move together, the one not typed again read from where it is.
  if (placement.secrets.database_url.empty() || placement.secrets.secret_keys.empty()) {
    auto current = suppliers::entry_secrets(object, file_.parent_path(), entry.id, lookup());
    if (!current) return std::unexpected(current.error());
    if (placement.secrets.database_url.empty())
      placement.secrets.database_url = std::move(current->database_url);
    if (placement.secrets.secret_keys.empty())
      placement.secrets.secret_keys = std::move(current->secret_keys);
  }
  for (std::string_view field :
       {"database_url", "database_url_file", "secret_keys", "secret_keys_file"})
    object.erase(field);
  const auto* name = object.if_contains("keychain");
  placement.keychain = name && name->is_string()
                           ? std::string(name->as_string())
                           : fmt::format("{}-{}", entry.id, core::random_hex(4));
  object["keychain"] = placement.keychain;
  return placement;
}

std::expected<void, std::string> ShopBook::save(json::array next, const ShopEntry* entry) {
  const auto folder = file_.parent_path();
  Placement placement;
  const json::object* before = nullptr;  // the entry as it was, when it was
  if (entry) {
    if (auto it = find_entry(entries_, entry->id); it != entries_.end()) before = &it->as_object();
    auto placed = place(find_entry(next, entry->id)->as_object(), *entry);
    if (!placed) return std::unexpected(placed.error());
    placement = std::move(*placed);
  }
  const bool to_keychain = !placement.keychain.empty();
  const bool to_files = !to_keychain && (!placement.secrets.database_url.empty() ||
                                         !placement.secrets.secret_keys.empty());
  // The engine checks the list as it will read it, with the new secrets given inline (files) or
  // answered by the keychain's lookup (keychain).
  auto check = next;
  if (to_files) {
    auto& object = find_entry(check, entry->id)->as_object();
    if (!placement.secrets.database_url.empty()) {
      object.erase("database_url_file");
      object["database_url"] = placement.secrets.database_url;
    }
    if (!placement.secrets.secret_keys.empty()) {
      object.erase("secret_keys_file");
      object["secret_keys"] = placement.secrets.secret_keys;
    }
  }
  auto stored = lookup();
  auto checking = [&](std::string_view name) -> std::expected<suppliers::ShopSecrets, std::string> {
    if (to_keychain && name == placement.keychain) return placement.secrets;
    return stored(name);
  };
  std::expected<std::vector<suppliers::Shop>, std::string> checked;
  if (!next.empty()) {  // an empty list is the app's only (the engine needs a shop to work for)
    checked = suppliers::parse_shops(json::serialize(check), folder, checking);
    if (!checked) return std::unexpected(checked.error());
  }

  std::error_code ec;
  fs::create_directories(folder.empty() ? fs::path(".") : folder, ec);
  if (ec) return std::unexpected(fmt::format("cannot make {}: {}", folder.string(), ec.message()));
  const bool new_name = to_keychain && !(before && before->contains("keychain"));
  if (to_keychain)
    if (auto written = vault_->write(placement.keychain, placement.secrets); !written)
      return written;
  if (to_files && !placement.secrets.database_url.empty())
    if (auto written =
            write_private(folder / url_file(entry->id), placement.secrets.database_url + "\n");
        !written)
      return written;
  if (to_files && !placement.secrets.secret_keys.empty())
    if (auto written =
            write_private(folder / keys_file(entry->id), placement.secrets.secret_keys + "\n");
        !written)
      return written;
  if (auto written = write_private(file_, json::serialize(next) + "\n"); !written) {
    if (new_name)  // named by nothing: not kept (if that fails too, the entry is only unused)
      if (auto erased = vault_->erase(placement.keychain); !erased)
        return std::unexpected(written.error() + "; " + erased.error());
    return written;
  }
  if (to_keychain) {
    keychain_[placement.keychain] = placement.secrets;
    // The files it replaces go, when the app made them under its own names.
    auto named = [&](std::string_view field, const std::string& file) {
      const auto* value = before ? before->if_contains(field) : nullptr;
      return value && value->is_string() && value->as_string() == file;
    };
    if (named("database_url_file", url_file(entry->id)))
      fs::remove(folder / url_file(entry->id), ec);
    if (named("secret_keys_file", keys_file(entry->id)))
      fs::remove(folder / keys_file(entry->id), ec);
  }
  entries_ = std::move(next);
  shops_ = std::move(*checked);
  return {};
}

}  // namespace comptoir::desktop
