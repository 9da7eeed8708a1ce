#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/locale.hpp"

namespace comptoir::i18n {
class Catalog;
}

namespace comptoir::views {

// The shop's name in each language, as the page header, the titles, Open Graph, the back office
// and mails show it: the name staff set in the settings, else the translations' default
// ("layout.shop_name"). Each process refreshes it from the settings in the background (a job of
// `comptoir serve`), so a new name shows everywhere within seconds, without a restart, and no
// request ever waits for the database to know it. Thread-safe.
class ShopName {
 public:
  explicit ShopName(const i18n::Catalog& messages) : messages_(messages) {}

  std::string operator()(core::Locale locale) const;
  // `text` with each "{shop}" replaced by the name: the translations that name the shop (the
  // footer, the home page's heading and description…).
  std::string in(std::string_view text, core::Locale locale) const;
  // An empty name falls back to the default for that language.
  void set(std::string fr, std::string en);
  // Moves (from 1) each time set() changes a name, so caches of what pages show the name in
  // (pagecache) can tell their entries are stale. Setting the same names again does not move it.
  std::uint64_t generation() const noexcept { return generation_.load(); }

 private:
  struct Names {
    std::string fr;
    std::string en;
  };
  const i18n::Catalog& messages_;
  std::atomic<std::shared_ptr<const Names>> names_{};
  std::atomic<std::uint64_t> generation_{1};
};

}  // namespace comptoir::views
