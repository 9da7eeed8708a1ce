#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "pagecache/cached_page.hpp"

namespace comptoir::pagecache {

// Pages by key, bounded by what they hold in bytes: once a store passes the budget, the least
// recently used pages go first. Every page belongs to one generation (PageCache's, which moves with
// the catalog and the shop's name): the first lookup or store in a newer one drops them all, and a
// store from an older one is refused, so a page rendered before a change never answers after it.
// Thread-safe; pages are shared, so a page dropped while a request answers from it lives on until
// that answer is built.
class PageStore {
 public:
  // Each page costs its bytes, its key and this much for the bookkeeping around it.
  static constexpr std::size_t kEntryOverhead = 160;

  explicit PageStore(std::size_t budget) : budget_(budget) {}

  std::shared_ptr<const CachedPage> find(std::uint64_t generation, const std::string& key);

  struct Stored {
    bool stored = false;      // false: from an older generation, or larger than the budget
    std::size_t evicted = 0;  // pages dropped to make room
  };
  Stored store(std::uint64_t generation, std::string key, std::shared_ptr<const CachedPage> page);

  std::size_t bytes() const;
  std::size_t size() const;
  std::size_t budget() const { return budget_; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedPage> page;
    std::size_t cost = 0;
  };
  using Order = std::list<Entry>;

  // Moves every page into `dropped` when `generation` is newer; the caller frees them once it
  // has let go of the lock.
  void move_to(std::uint64_t generation, Order& dropped);
  void drop(Order::iterator entry, Order& dropped);  // out of the store, into `dropped`

  const std::size_t budget_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::size_t bytes_ = 0;
  Order order_;  // most recently used first
  std::unordered_map<std::string, Order::iterator> index_;
};

}  // namespace comptoir::pagecache
