#pragma once

// Internal to CatalogService: its cache and listener, shared by the read and write halves.

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/cache_drop.hpp"
#include "catalog/catalog_cache.hpp"
#include "catalog/catalog_repository.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/change_listener.hpp"
#include "catalog/lru_cache.hpp"

namespace comptoir::catalog {

// Every entry belongs to the generation it was read in. Each drop (a notification, a write of this
// process) bumps the generation, and an entry read under an older generation is never stored: a
// reader that raced with a change cannot put stale data back. A drop takes out what the change
// touched (cache_drop.hpp); one that drops everything also moves the epoch, which the page cache
// follows. Nothing is cached while the listener is down, since changes could then go unnoticed.
struct CatalogCacheState : CatalogCache {
  explicit CatalogCacheState(db::Database& database) : db(database) {}

  db::Database& db;
  std::atomic<std::uint64_t> generation{1};
  std::atomic<std::uint64_t> epoch{1};
  std::atomic<std::uint64_t> list_stamps{0};
  std::atomic<bool> listening{false};
  // Told of every drop once it is done (CatalogService::on_drop); set before listening starts.
  std::vector<std::function<void(const CacheDrop&)>> observers;

  std::unique_ptr<ChangeListener> listener;  // last: stopped first

  void invalidate() noexcept {
    std::lock_guard lock(mutex);
    generation.fetch_add(1);
    epoch.fetch_add(1);
    clear();
  }

  // Drops what `drop` names (everything: invalidate()), then tells the observers.
  void drop(const CacheDrop& drop) {
    if (drop.everything) {
      invalidate();
    } else if (!drop.empty()) {
      std::lock_guard lock(mutex);
      generation.fetch_add(1);
      drop_entries(drop);
    }
    for (const auto& observer : observers) observer(drop);
  }

  // The generation a read starts in; 0 when caching is off.
  std::uint64_t read_generation() const noexcept {
    return listening.load() ? generation.load() : 0;
  }

  template <class Cache, class Key>
  auto lookup(Cache& cache, const Key& key) -> decltype(cache.get(key)) {
    if (!listening.load()) return std::nullopt;
    std::lock_guard lock(mutex);
    return cache.get(key);
  }

  template <class Cache, class Key, class Value>
  void store(Cache& cache, Key&& key, Value&& value, std::uint64_t read_in) {
    std::lock_guard lock(mutex);
    if (read_in == 0 || read_in != generation.load() || !listening.load()) return;
    cache.put(std::forward<Key>(key), std::forward<Value>(value));
  }
};

struct CatalogService::State : CatalogCacheState {
  State(db::Database& database, std::filesystem::path media)
      : CatalogCacheState(database), media_dir(std::move(media)) {}

  const std::filesystem::path media_dir;
  // Decoding and encoding pictures blocks for up to seconds and holds up to ~120 MB for a
  // 40-megapixel picture: one at a time per process, never on an I/O thread.
  boost::asio::thread_pool images{1};
};

// The category tree and slug history, from the cache or the database.
net::awaitable<std::shared_ptr<const CategorySnapshot>> load_categories(CatalogCacheState& state);

}  // namespace comptoir::catalog
