#include "suppliers/shops.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <set>

#include "core/files.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;

std::string trim(std::string text) {
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && blank(text.back())) text.pop_back();
  auto first = std::find_if_not(text.begin(), text.end(), blank);
  text.erase(text.begin(), first);
  return text;
}

bool is_color(std::string_view text) {
  return text.size() == 7 && text[0] == '#' &&
         std::all_of(text.begin() + 1, text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

// A text field given inline or as `<field>_file`, exactly one of them.
std::expected<std::string, std::string> inline_or_file(const json::object& entry,
                                                       std::string_view field,
                                                       const std::filesystem::path& folder,
                                                       std::string_view shop) {
  auto file_field = std::string(field) + "_file";
  const auto* value = entry.if_contains(field);
  const auto* file = entry.if_contains(file_field);
  if ((value != nullptr) == (file != nullptr))
    return std::unexpected(
        fmt::format("shop '{}': give exactly one of {} and {}", shop, field, file_field));
  if (value != nullptr) {
    if (!value->is_string() || value->as_string().empty())
      return std::unexpected(fmt::format("shop '{}': {} must be a non-empty text", shop, field));
    return std::string(value->as_string());
  }
  if (!file->is_string() || file->as_string().empty())
    return std::unexpected(fmt::format("shop '{}': {} must be a path", shop, file_field));
  std::filesystem::path path(std::string(file->as_string()));
  if (path.is_relative()) path = folder / path;
  auto content = core::read_file(path);
  if (!content)
    return std::unexpected(fmt::format("shop '{}': cannot read {}", shop, path.string()));
  auto text = trim(std::move(*content));
  if (text.empty())
    return std::unexpected(fmt::format("shop '{}': {} is empty", shop, path.string()));
  return text;
}

// The secrets given inline or in files.
std::expected<ShopSecrets, std::string> from_entry(const json::object& entry,
                                                   const std::filesystem::path& folder,
                                                   std::string_view shop) {
  auto url = inline_or_file(entry, "database_url", folder, shop);
  if (!url) return std::unexpected(url.error());
  auto keys = inline_or_file(entry, "secret_keys", folder, shop);
  if (!keys) return std::unexpected(keys.error());
  return ShopSecrets{.database_url = std::move(*url), .secret_keys = std::move(*keys)};
}

// The secrets in the system keychain, under the entry's "keychain" name.
std::expected<ShopSecrets, std::string> from_keychain(const json::object& entry,
                                                      std::string_view shop,
                                                      const KeychainLookup& keychain) {
  for (std::string_view field :
       {"database_url", "database_url_file", "secret_keys", "secret_keys_file"})
    if (entry.contains(field))
      return std::unexpected(
          fmt::format("shop '{}': keychain holds both secrets: give no {} with it", shop, field));
  const auto& name = entry.at("keychain");
  if (!name.is_string() || name.as_string().empty() || name.as_string().size() > 100)
    return std::unexpected(
        fmt::format("shop '{}': keychain must be a name of 1 to 100 characters", shop));
  if (!keychain)
    return std::unexpected(fmt::format(
        "shop '{}': its secrets are in comptoir-suppliers' system keychain ('{}'), which only "
        "the desktop app reads; give database_url_file and secret_keys_file to use this shop "
        "here",
        shop, std::string_view(name.as_string())));
  auto secrets = keychain(name.as_string());
  if (!secrets)
    return std::unexpected(fmt::format("shop '{}': keychain: {}", shop, secrets.error()));
  if (secrets->database_url.empty() || secrets->secret_keys.empty())
    return std::unexpected(
        fmt::format("shop '{}': the keychain's entry lacks a database URL or keys", shop));
  return secrets;
}

}  // namespace

bool is_valid_shop_id(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return alnum(id[0]) && std::all_of(id.begin(), id.end(),
                                     [&](char c) { return alnum(c) || c == '-' || c == '_'; });
}

std::expected<std::vector<Shop>, std::string> parse_shops(std::string_view text,
                                                          const std::filesystem::path& folder,
                                                          const KeychainLookup& keychain) {
  boost::system::error_code ec;
  auto document = json::parse(text, ec);
  if (ec) return std::unexpected(fmt::format("the shops file is not JSON: {}", ec.message()));
  if (!document.is_array()) return std::unexpected("the shops file must be a JSON array of shops");
  std::vector<Shop> shops;
  std::set<std::string, std::less<>> ids;
  std::size_t index = 0;
  for (const auto& item : document.as_array()) {
    ++index;
    if (!item.is_object())
      return std::unexpected(fmt::format("shop #{}: must be a JSON object", index));
    const auto& entry = item.as_object();
    for (const auto& field : entry) {
      static constexpr std::string_view kKnown[] = {"id",
                                                    "name",
                                                    "color",
                                                    "database_url",
                                                    "database_url_file",
                                                    "secret_keys",
                                                    "secret_keys_file",
                                                    "keychain"};
      if (std::find(std::begin(kKnown), std::end(kKnown), field.key()) == std::end(kKnown))
        return std::unexpected(
            fmt::format("shop #{}: unknown field '{}'", index, std::string_view(field.key())));
    }
    Shop shop;
    const auto* id = entry.if_contains("id");
    if (id == nullptr || !id->is_string() || !is_valid_shop_id(id->as_string()))
      return std::unexpected(fmt::format(
          "shop #{}: id must be 1 to 40 lower-case letters, digits, '-' or '_'", index));
    shop.id = std::string(id->as_string());
    if (!ids.insert(shop.id).second)
      return std::unexpected(fmt::format("shop '{}' is listed twice", shop.id));
    const auto* name = entry.if_contains("name");
    if (name != nullptr && !name->is_string())
      return std::unexpected(fmt::format("shop '{}': name must be a text", shop.id));
    shop.name = name ? std::string(name->as_string()) : shop.id;
    if (shop.name.empty() || shop.name.size() > 100)
      return std::unexpected(fmt::format("shop '{}': name must be 1 to 100 characters", shop.id));
    const auto* color = entry.if_contains("color");
    if (color != nullptr && (!color->is_string() || !is_color(color->as_string())))
      return std::unexpected(fmt::format("shop '{}': color must be #RRGGBB", shop.id));
    shop.color = color ? std::string(color->as_string()) : "#5b6770";
    auto secrets = entry_secrets(entry, folder, shop.id, keychain);
    if (!secrets) return std::unexpected(secrets.error());
    shop.database_url = std::move(secrets->database_url);
    auto keys = core::parse_secret_keys(secrets->secret_keys);
    if (!keys)
      return std::unexpected(fmt::format("shop '{}': secret_keys: {}", shop.id, keys.error()));
    shop.secret_keys = std::move(*keys);
    shops.push_back(std::move(shop));
  }
  if (shops.empty()) return std::unexpected("the shops file lists no shop");
  return shops;
}

std::expected<std::vector<Shop>, std::string> load_shops(const std::filesystem::path& file,
                                                         const KeychainLookup& keychain) {
  auto content = core::read_file(file);
  if (!content) return std::unexpected(fmt::format("cannot read {}", file.string()));
  auto shops = parse_shops(*content, file.parent_path(), keychain);
  if (!shops) return std::unexpected(fmt::format("{}: {}", file.string(), shops.error()));
  return shops;
}

std::expected<ShopSecrets, std::string> entry_secrets(const json::object& entry,
                                                      const std::filesystem::path& folder,
                                                      std::string_view shop,
                                                      const KeychainLookup& keychain) {
  return entry.contains("keychain") ? from_keychain(entry, shop, keychain)
                                    : from_entry(entry, folder, shop);
}

Shop environment_shop(std::string database_url, core::SecretKeys keys) {
  return Shop{.id = "default",
              .name = "default",
              .color = "#5b6770",
              .database_url = std::move(database_url),
              .secret_keys = std::move(keys)};
}

}  // namespace comptoir::suppliers
