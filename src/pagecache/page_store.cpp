#include "pagecache/page_store.hpp"

#include <algorithm>

namespace comptoir::pagecache {

std::shared_ptr<const CachedPage> PageStore::find(std::uint64_t generation, const std::string& key,
                                                  std::size_t* outdated) {
  Order dropped;
  std::lock_guard lock(mutex_);
  move_to(generation, dropped);
  if (outdated != nullptr) *outdated += dropped.size();
  if (generation != generation_) return nullptr;
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->page;
}

PageStore::Stored PageStore::store(std::uint64_t generation, std::string key,
                                   std::shared_ptr<const CachedPage> page,
                                   std::vector<std::string> tags,
                                   std::optional<std::uint64_t> started_after) {
  auto cost = cost_of(*page, key, tags);
  Stored result;
  Order dropped;
  std::lock_guard lock(mutex_);
  move_to(generation, dropped);
  result.outdated = dropped.size();
  if (generation != generation_ || cost > budget_) return result;
  if (started_after && *started_after != drops_) return result;
  if (auto it = index_.find(key); it != index_.end()) drop(it->second, dropped);
  while (bytes_ + cost > budget_ && !order_.empty()) {
    drop(std::prev(order_.end()), dropped);
    ++result.evicted;
  }
  order_.push_front(
      Entry{.key = key, .page = std::move(page), .cost = cost, .tags = std::move(tags)});
  index_.emplace(std::move(key), order_.begin());
  bytes_ += cost;
  result.stored = true;
  return result;
}

std::size_t PageStore::replace(std::uint64_t generation, const std::string& key,
                               const std::shared_ptr<const CachedPage>& old,
                               std::shared_ptr<const CachedPage> page) {
  Order dropped;
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (generation != generation_ || it == index_.end() || it->second->page != old) return 0;
  auto entry = it->second;
  auto cost = cost_of(*page, key, entry->tags);
  bytes_ = bytes_ - entry->cost + cost;
  entry->cost = cost;
  entry->page = std::move(page);
  order_.splice(order_.begin(), order_, entry);
  std::size_t evicted = 0;
  while (bytes_ > budget_ && !order_.empty()) {
    drop(std::prev(order_.end()), dropped);  // the page itself last, when it alone is too large
    ++evicted;
  }
  return evicted;
}

std::size_t PageStore::drop_tags(const std::vector<std::string>& tags) {
  Order dropped;
  std::lock_guard lock(mutex_);
  ++drops_;
  for (auto it = order_.begin(); it != order_.end();) {
    auto next = std::next(it);
    if (std::ranges::find_first_of(it->tags, tags) != it->tags.end()) drop(it, dropped);
    it = next;
  }
  return dropped.size();
}

std::uint64_t PageStore::drops() const {
  std::lock_guard lock(mutex_);
  return drops_;
}

std::size_t PageStore::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t PageStore::size() const {
  std::lock_guard lock(mutex_);
  return index_.size();
}

std::size_t PageStore::cost_of(const CachedPage& page, const std::string& key,
                               const std::vector<std::string>& tags) {
  std::size_t cost = page.bytes() + key.size() + kEntryOverhead;
  for (const auto& tag : tags) cost += tag.size();
  return cost;
}

void PageStore::move_to(std::uint64_t generation, Order& dropped) {
  if (generation <= generation_) return;
  generation_ = generation;
  index_.clear();
  dropped.swap(order_);
  bytes_ = 0;
}

void PageStore::drop(Order::iterator entry, Order& dropped) {
  bytes_ -= entry->cost;
  index_.erase(entry->key);
  dropped.splice(dropped.end(), order_, entry);
}

}  // namespace comptoir::pagecache
