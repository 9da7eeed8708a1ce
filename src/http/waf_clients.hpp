#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/waf_rules.hpp"

// What the WAF remembers about clients, in this process's memory only: each process counts and
// bans alone (no PostgreSQL round trip, nothing shared), and forgets at restart.
namespace comptoir::http {

// Fail2ban-like bans (WafBanRule). A client's count starts at its first counted answer and
// starts again `window` later; the answer that reaches `answers` bans it for `duration`. At most
// `max_clients` clients are remembered: the one seen least recently is forgotten first.
class WafBans {
 public:
  using Clock = std::chrono::steady_clock;

  // When the client's ban ends, if it is banned at `now`. Without any ban in force this takes
  // no lock.
  std::optional<Clock::time_point> banned_until(std::string_view client, Clock::time_point now);
  // Counts one answer to `client` (not while it is banned); true when this answer bans it.
  bool count(std::string_view client, const WafBanRule& rule, Clock::time_point now);
  std::size_t remembered() const;

 private:
  struct Entry {
    std::string client;
    Clock::time_point window_start{};
    std::size_t answers = 0;
    Clock::time_point banned_until{};
  };

  mutable std::mutex mutex_;
  std::list<Entry> recent_;  // most recently seen first; nodes never move in memory
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // keys: Entry::client
  std::atomic<Clock::rep> last_ban_end_{Clock::time_point::min().time_since_epoch().count()};
};

// Open connections per TCP peer. Entries live while a connection is open, so memory is bounded
// by the open connections.
class WafConnections {
 public:
  // Counts one more connection from `peer`; returns how many it now has open.
  std::size_t open(std::string_view peer);
  void close(std::string_view peer);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> open_;
};

}  // namespace comptoir::http
