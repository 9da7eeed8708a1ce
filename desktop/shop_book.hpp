#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>

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
// checked by the engine's own parser (suppliers::load_shops), written back so that the engine reads
// exactly what the app wrote. The secrets never sit in the file itself: each shop's database URL
// and keys go to `<id>.database-url` and `<id>.keys` next to it, readable only by the user (0600),
// which the file names through `database_url_file` and `secret_keys_file`. Every change is checked
// by that same parser before anything is written, then written to a temporary file and renamed.
class ShopBook {
 public:
  // The book of `file`; a file that does not exist yet is an empty book (its folder is made on
  // the first save). A file the engine refuses is an error, with the engine's reason.
  static std::expected<ShopBook, std::string> open(std::filesystem::path file);

  const std::filesystem::path& file() const { return file_; }
  const std::vector<suppliers::Shop>& shops() const { return shops_; }

  std::expected<void, std::string> add(const ShopEntry& entry);
  std::expected<void, std::string> update(std::string_view id, const ShopEntry& entry);
  std::expected<void, std::string> remove(std::string_view id);

 private:
  explicit ShopBook(std::filesystem::path file) : file_(std::move(file)) {}
  // Checks `next` with the engine's parser — `entry`'s secrets given inline, the others as they are
  // — then writes `entry`'s secret files and the list, and reads the list back.
  std::expected<void, std::string> save(boost::json::array next, const ShopEntry* entry);

  std::filesystem::path file_;
  boost::json::array entries_;  // the file's entries as written (other tools' fields kept)
  std::vector<suppliers::Shop> shops_;
};

}  // namespace comptoir::desktop
