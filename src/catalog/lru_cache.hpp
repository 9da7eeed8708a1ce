#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <unordered_map>
#include <utility>

namespace comptoir::catalog {

// A map that keeps at most `capacity` entries, dropping the least recently used. Not thread-safe:
// its owner holds a lock around it.
template <class Key, class Value, class Hash = std::hash<Key>>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<Value> get(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);  // now the most recent
    return it->second->second;
  }

  void put(Key key, Value value) {
    if (capacity_ == 0) return;
    if (auto it = index_.find(key); it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    if (index_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(std::move(key), order_.begin());
  }

  void erase(const Key& key) {
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
  }

  // Drops every entry for which `drop(key, value)` holds; returns how many went.
  template <class Predicate>
  std::size_t erase_if(Predicate&& drop) {
    std::size_t dropped = 0;
    for (auto it = order_.begin(); it != order_.end();) {
      if (drop(std::as_const(it->first), std::as_const(it->second))) {
        index_.erase(it->first);
        it = order_.erase(it);
        ++dropped;
      } else {
        ++it;
      }
    }
    return dropped;
  }

  void clear() {
    index_.clear();
    order_.clear();
  }
  std::size_t size() const { return index_.size(); }

 private:
  using Entry = std::pair<Key, Value>;
  std::size_t capacity_;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<Key, typename std::list<Entry>::iterator, Hash> index_;
};

}  // namespace comptoir::catalog
