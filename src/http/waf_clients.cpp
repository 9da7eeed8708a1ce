#include "http/waf_clients.hpp"

#include <algorithm>

namespace comptoir::http {

std::optional<WafBans::Clock::time_point> WafBans::banned_until(std::string_view client,
                                                                Clock::time_point now) {
  // Nearly always true: no ban in force, so no lock on the hot path.
  if (now.time_since_epoch().count() >= last_ban_end_.load()) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto found = index_.find(client);
  if (found == index_.end() || now >= found->second->banned_until) return std::nullopt;
  // A banned client that keeps knocking stays remembered, ahead of quieter ones.
  recent_.splice(recent_.begin(), recent_, found->second);
  return found->second->banned_until;
}

bool WafBans::count(std::string_view client, const WafBanRule& rule, Clock::time_point now) {
  if (rule.answers == 0 || client.empty()) return false;
  std::lock_guard lock(mutex_);
  auto found = index_.find(client);
  if (found == index_.end()) {
    while (!recent_.empty() && recent_.size() >= std::max<std::size_t>(rule.max_clients, 1)) {
      index_.erase(recent_.back().client);
      recent_.pop_back();
    }
    recent_.push_front(Entry{.client = std::string(client), .window_start = now});
    found = index_.emplace(recent_.front().client, recent_.begin()).first;
  } else {
    recent_.splice(recent_.begin(), recent_, found->second);
  }
  Entry& entry = *found->second;
  if (now < entry.banned_until) return false;
  if (entry.answers == 0 || now - entry.window_start >= rule.window) {
    entry.window_start = now;
    entry.answers = 0;
  }
  if (++entry.answers < rule.answers) return false;
  entry.answers = 0;
  entry.banned_until = now + rule.duration;
  auto end = entry.banned_until.time_since_epoch().count();
  auto last = last_ban_end_.load();
  while (last < end && !last_ban_end_.compare_exchange_weak(last, end)) {
  }
  return true;
}

std::size_t WafBans::remembered() const {
  std::lock_guard lock(mutex_);
  return recent_.size();
}

std::size_t WafConnections::open(std::string_view peer) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = open_.try_emplace(std::string(peer), 0);
  return ++it->second;
}

void WafConnections::close(std::string_view peer) {
  std::lock_guard lock(mutex_);
  auto it = open_.find(std::string(peer));
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

}  // namespace comptoir::http
