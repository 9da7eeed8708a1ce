#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

// The shops file (comptoir-shops.json, docs/suppliers.md): a JSON array of
//   {"id", "name", "color", "database_url" | "database_url_file",
//    "secret_keys" | "secret_keys_file"}
// A `_file` path is read relative to the shops file's folder, its content trimmed. The error
// names the shop and the field, never a secret's value.
std::expected<std::vector<Shop>, std::string> parse_shops(std::string_view json,
                                                          const std::filesystem::path& folder);
std::expected<std::vector<Shop>, std::string> load_shops(const std::filesystem::path& file);

// The shop of the environment (DATABASE_URL, COMPTOIR_SECRET_KEYS), for one-shop use without a
// shops file: id "default".
Shop environment_shop(std::string database_url, core::SecretKeys keys);

bool is_valid_shop_id(std::string_view id);

}  // namespace comptoir::suppliers
