#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace comptoir::pagecache {

// Which pages are worth keeping: a page is kept from the second time it misses, not the first.
// Keeping a page costs a copy of it and, for a browser, its compression, on the request's thread
// (cached_page.hpp); with a large catalog most product pages are asked for once in a long while,
// and each of them would be compressed, stored, and evicted unread. The doorkeeper remembers the
// pages that missed in a fixed table of key hashes: one slot per hash, a newer key overwriting an
// older one in its slot. A page it remembers is kept at its next miss, and stays remembered, so a
// page that was popular once is kept again at its first miss after the catalog changes. A forgotten
// page (its slot taken) is kept one miss later than it could have been, never earlier. Lock-free,
// thread-safe.
class Doorkeeper {
 public:
  // `slots` is rounded up to a power of two; 0 keeps every page at its first miss.
  explicit Doorkeeper(std::size_t slots);

  // Whether the page at `key` has missed before (and is remembered); remembers it either way.
  bool admit(std::string_view key) noexcept;

  std::size_t slots() const noexcept { return size_; }

 private:
  std::unique_ptr<std::atomic<std::uint64_t>[]> slots_;
  std::size_t size_ = 0;
  std::uint64_t mask_ = 0;
};

}  // namespace comptoir::pagecache
