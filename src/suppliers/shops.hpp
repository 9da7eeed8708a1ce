#pragma once

#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/secret_keys.hpp"

namespace comptoir::suppliers {

// One shop the engine works for: its own PostgreSQL database and its own COMPTOIR_SECRET_KEYS
// (the suppliers' credentials are sealed with them).
struct Shop {
  std::string id{};     // [a-z0-9][a-z0-9_-]{0,39}: what --shop names
  std::string name{};   // for people
  std::string color{};  // "#RRGGBB"
  std::string database_url{};
  core::SecretKeys secret_keys{};
};

// A shop's two secrets, as text.
struct ShopSecrets {
  std::string database_url{};
  std::string secret_keys{};  // COMPTOIR_SECRET_KEYS' format
};
// Reads the secrets a shops file entry names with "keychain": the desktop app's system keychain
// (docs/suppliers-app.md). The engine itself reads no keychain.
using KeychainLookup =
    std::function<std::expected<ShopSecrets, std::string>(std::string_view name)>;

// The shops file (comptoir-shops.json, docs/suppliers.md): a JSON array of
//   {"id", "name", "color", "database_url" | "database_url_file",
//    "secret_keys" | "secret_keys_file"}
// or, written by comptoir-suppliers, {"id", "name", "color", "keychain": NAME}: both secrets in
// the user's system keychain under NAME, read through `keychain` — without one (the headless
// engine), such a shop is an error that says how to run it here.
// A `_file` path is read relative to the shops file's folder, its content trimmed. The error
// names the shop and the field, never a secret's value.
std::expected<std::vector<Shop>, std::string> parse_shops(std::string_view json,
                                                          const std::filesystem::path& folder,
                                                          const KeychainLookup& keychain = {});
std::expected<std::vector<Shop>, std::string> load_shops(const std::filesystem::path& file,
                                                         const KeychainLookup& keychain = {});

// The secrets of one entry of a shops file (`shop` is its id, for the error), from wherever the
// entry keeps them: inline, in files relative to `folder`, or in the keychain.
std::expected<ShopSecrets, std::string> entry_secrets(const boost::json::object& entry,
                                                      const std::filesystem::path& folder,
                                                      std::string_view shop,
                                                      const KeychainLookup& keychain = {});

// The shop of the environment (DATABASE_URL, COMPTOIR_SECRET_KEYS), for one-shop use without a
// shops file: id "default".
Shop environment_shop(std::string database_url, core::SecretKeys keys);

bool is_valid_shop_id(std::string_view id);

}  // namespace comptoir::suppliers
