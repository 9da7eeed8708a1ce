#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::observe {

// The last log lines of each request followed for error reports (breadcrumbs), keyed by request
// id. A log line joins a request's trail when it carries that request's `request_id` field.
//
// Cheap: a fixed table of slots (open addressing on the id's hash) whose strings keep their
// buffers from one request to the next, so a steady stream of requests allocates nothing once
// the lines have reached their usual length; one short lock per open, line and close. Nothing is
// kept when no request is followed (any_open() is one relaxed load). When every slot is taken,
// further requests are not followed (their reports carry no breadcrumbs).
class RequestTrails {
 public:
  static constexpr std::size_t kDepth = 20;   // lines kept per request: the last ones
  static constexpr std::size_t kSlots = 512;  // requests followed at once

  RequestTrails();

  // Starts following `request_id` (already followed: its lines so far are forgotten). False when
  // the table is full or the id is empty.
  bool open(std::string_view request_id);
  // Stops following it and forgets its lines.
  void close(std::string_view request_id);
  // Appends a line to the request's trail when the request is followed.
  void record(std::string_view request_id, std::string_view line);
  // The request's lines, oldest first (empty when not followed).
  std::vector<std::string> lines(std::string_view request_id) const;
  bool any_open() const { return open_count_.load(std::memory_order_relaxed) > 0; }

 private:
  enum class State : unsigned char { empty, used, freed };
  struct Slot {
    State state = State::empty;
    std::string id;
    std::array<std::string, kDepth> lines;
    std::size_t next = 0;   // where the next line goes
    std::size_t count = 0;  // lines held, at most kDepth
  };
  Slot* find(std::string_view request_id);
  const Slot* find(std::string_view request_id) const;

  mutable std::mutex mutex_;
  std::vector<Slot> slots_;
  std::atomic<std::size_t> open_count_{0};
};

// The process's trails, which observe::log feeds.
RequestTrails& request_trails();

// Follows one request for as long as it lives (the error-report middleware holds one).
class TrailScope {
 public:
  explicit TrailScope(std::string request_id);
  ~TrailScope();
  TrailScope(const TrailScope&) = delete;
  TrailScope& operator=(const TrailScope&) = delete;

 private:
  std::string request_id_;
  bool opened_;
};

}  // namespace comptoir::observe
