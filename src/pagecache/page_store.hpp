#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pagecache/cached_page.hpp"

namespace comptoir::pagecache {

// Pages by key, bounded by what they hold in bytes: once a store passes the budget, the least
// recently used pages go first. Every page belongs to one generation (PageCache's, which moves when
// the whole catalog or the shop's name changes): the first lookup or store in a newer one drops
// them all, and a store from an older one is refused. A page also carries tags, what it shows
// ("product:12"): drop_tags() drops the pages carrying one of them, and refuses every page rendered
// before it (a store names the drops() it started after). Either way a page rendered before a
// change never answers after it. Thread-safe; pages are shared, so a page dropped while a request
// answers from it lives on until that answer is built.
class PageStore {
 public:
  // Each page costs its bytes, its key and this much for the bookkeeping around it.
  static constexpr std::size_t kEntryOverhead = 160;

  explicit PageStore(std::size_t budget) : budget_(budget) {}

  // `outdated`, when given, adds the pages a newer generation dropped.
  std::shared_ptr<const CachedPage> find(std::uint64_t generation, const std::string& key,
                                         std::size_t* outdated = nullptr);

  struct Stored {
    bool stored = false;       // false: from an older generation, rendered before a drop of
                               // tags, or larger than the budget
    std::size_t evicted = 0;   // pages dropped to make room
    std::size_t outdated = 0;  // pages a newer generation dropped
  };
  // `started_after`: drops() before the page was rendered (nullopt: not checked).
  Stored store(std::uint64_t generation, std::string key, std::shared_ptr<const CachedPage> page,
               std::vector<std::string> tags = {},
               std::optional<std::uint64_t> started_after = std::nullopt);

  // Puts `page` (a copy of `old` holding more of its variants) in place of `old` under `key`, in
  // the same generation, with `old`'s tags, counting its new bytes: the least recently used pages
  // make room. Nothing when `key` no longer holds `old` (dropped, evicted, replaced already).
  // Returns the pages evicted.
  std::size_t replace(std::uint64_t generation, const std::string& key,
                      const std::shared_ptr<const CachedPage>& old,
                      std::shared_ptr<const CachedPage> page);

  // Drops the pages that carry one of `tags`; returns how many.
  std::size_t drop_tags(const std::vector<std::string>& tags);
  // How many drop_tags() there were so far.
  std::uint64_t drops() const;

  std::size_t bytes() const;
  std::size_t size() const;
  std::size_t budget() const { return budget_; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedPage> page;
    std::size_t cost = 0;
    std::vector<std::string> tags;
  };
  using Order = std::list<Entry>;

  static std::size_t cost_of(const CachedPage& page, const std::string& key,
                             const std::vector<std::string>& tags);
  // Moves every page into `dropped` when `generation` is newer; the caller frees them once it
  // has let go of the lock.
  void move_to(std::uint64_t generation, Order& dropped);
  void drop(Order::iterator entry, Order& dropped);  // out of the store, into `dropped`

  const std::size_t budget_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::uint64_t drops_ = 0;
  std::size_t bytes_ = 0;
  Order order_;  // most recently used first
  std::unordered_map<std::string, Order::iterator> index_;
};

}  // namespace comptoir::pagecache
