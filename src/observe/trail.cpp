#include "observe/trail.hpp"

#include <functional>
#include <utility>

namespace comptoir::observe {

RequestTrails::RequestTrails() : slots_(kSlots) {}

const RequestTrails::Slot* RequestTrails::find(std::string_view request_id) const {
  const auto start = std::hash<std::string_view>{}(request_id) % kSlots;
  for (std::size_t probe = 0; probe < kSlots; ++probe) {
    const auto& slot = slots_[(start + probe) % kSlots];
    if (slot.state == State::empty) return nullptr;  // never used: the id is not further on
    if (slot.state == State::used && slot.id == request_id) return &slot;
  }
  return nullptr;
}

RequestTrails::Slot* RequestTrails::find(std::string_view request_id) {
  return const_cast<Slot*>(std::as_const(*this).find(request_id));
}

bool RequestTrails::open(std::string_view request_id) {
  if (request_id.empty()) return false;
  std::lock_guard lock(mutex_);
  Slot* slot = find(request_id);
  if (slot == nullptr) {
    const auto start = std::hash<std::string_view>{}(request_id) % kSlots;
    for (std::size_t probe = 0; probe < kSlots && slot == nullptr; ++probe) {
      auto& candidate = slots_[(start + probe) % kSlots];
      if (candidate.state != State::used) slot = &candidate;
    }
    if (slot == nullptr) return false;
    slot->state = State::used;
    slot->id.assign(request_id);
    open_count_.fetch_add(1, std::memory_order_relaxed);
  }
  slot->next = 0;
  slot->count = 0;
  return true;
}

void RequestTrails::close(std::string_view request_id) {
  std::lock_guard lock(mutex_);
  Slot* slot = find(request_id);
  if (slot == nullptr) return;
  slot->state = State::freed;  // keeps later ids of the same probe sequence reachable
  slot->count = 0;
  open_count_.fetch_sub(1, std::memory_order_relaxed);
  // A freed slot followed by an empty one ends no probe sequence early: make it empty, and the
  // freed ones before it, so lookups stay short.
  auto at = static_cast<std::size_t>(slot - slots_.data());
  while (slots_[at].state == State::freed && slots_[(at + 1) % kSlots].state == State::empty) {
    slots_[at].state = State::empty;
    at = (at + kSlots - 1) % kSlots;
  }
}

void RequestTrails::record(std::string_view request_id, std::string_view line) {
  std::lock_guard lock(mutex_);
  if (Slot* slot = find(request_id)) {
    slot->lines[slot->next].assign(line);  // reuses the buffer of the line it replaces
    slot->next = (slot->next + 1) % kDepth;
    if (slot->count < kDepth) ++slot->count;
  }
}

std::vector<std::string> RequestTrails::lines(std::string_view request_id) const {
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  const Slot* slot = find(request_id);
  if (slot == nullptr) return out;
  out.reserve(slot->count);
  auto first = (slot->next + kDepth - slot->count) % kDepth;
  for (std::size_t i = 0; i < slot->count; ++i) out.push_back(slot->lines[(first + i) % kDepth]);
  return out;
}

RequestTrails& request_trails() {
  static RequestTrails trails;
  return trails;
}

TrailScope::TrailScope(std::string request_id)
    : request_id_(std::move(request_id)), opened_(request_trails().open(request_id_)) {}

TrailScope::~TrailScope() {
  if (opened_) request_trails().close(request_id_);
}

}  // namespace comptoir::observe
