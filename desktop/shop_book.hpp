#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>

#include "desktop/keychain.hpp"
#include "suppliers/shops.hpp"

namespace comptoir::desktop {

// A shop as the app's form gives it: its secrets in clear, in memory only.
struct ShopEntry {
  std::string id{};
  std::string name{};
  std::string color{};         // #RRGGBB
  std::string database_url{};  // "" on an edit: keep the stored one
  std::string secret_keys{};   // "" on an edit: keep the stored ones
};

// The shops file the app and `comptoir suppliers --shops` share (docs/suppliers.md): read and
// checked by the engine's own parser (suppliers::parse_shops), written back so that the engine
// reads exactly what the app wrote. The secrets never sit in the file itself. Given a vault that is
// available (the system keychain), each shop's database URL and keys typed in the app go there,
// under the name the entry's "keychain" gives; else to `<id>.database-url` and `<id>.keys` next to
// the file, readable only by the user (0600), which the file names through `database_url_file`
// and `secret_keys_file`. An edit that types a secret again moves both of a shop's secrets to where
// new ones go. Every change is checked by that same parser before anything is written, then
// written to a temporary file and renamed.
class ShopBook {
 public:
  // The book of `file`; a file that does not exist yet is an empty book (its folder is made on
  // the first save). A file the engine refuses is an error, with the engine's reason.
  // `vault` (may be null: files only) must outlive the book.
  static std::expected<ShopBook, std::string> open(std::filesystem::path file,
                                                   SecretVault* vault = nullptr);

  const std::filesystem::path& file() const { return file_; }
  // Whether secrets typed now go to the keychain (else to files), and the vault itself.
  bool keeps_secrets_in_keychain() const { return vault_ != nullptr && vault_->available(); }
  const SecretVault* vault() const { return vault_; }
  const std::vector<suppliers::Shop>& shops() const { return shops_; }

  std::expected<void, std::string> add(const ShopEntry& entry);
  std::expected<void, std::string> update(std::string_view id, const ShopEntry& entry);
  std::expected<void, std::string> remove(std::string_view id);

 private:
  ShopBook(std::filesystem::path file, SecretVault* vault)
      : file_(std::move(file)), vault_(vault) {}
  // The keychain as read once: every name asked is remembered, so saves check without asking.
  suppliers::KeychainLookup lookup();
  // Puts `entry`'s new secrets in `object` (the entry as it will be written): into the keychain
  // (both of them, the one not typed again read from where it is) or into files. Returns the
  // secrets to write and where.
  struct Placement {
    std::string keychain{};  // "" when files
    suppliers::ShopSecrets secrets{};
  };
  std::expected<Placement, std::string> place(boost::json::object& object, const ShopEntry& entry);
  // Checks `next` with the engine's parser — `entry`'s secrets where they will be, the others as
  // they are — then writes `entry`'s secrets and the list, and reads the list back.
  std::expected<void, std::string> save(boost::json::array next, const ShopEntry* entry);

  std::filesystem::path file_;
  SecretVault* vault_ = nullptr;
  std::map<std::string, suppliers::ShopSecrets, std::less<>> keychain_;  // read or written
  boost::json::array entries_;  // the file's entries as written (other tools' fields kept)
  std::vector<suppliers::Shop> shops_;
};

}  // namespace comptoir::desktop
