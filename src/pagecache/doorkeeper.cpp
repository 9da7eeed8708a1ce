#include "pagecache/doorkeeper.hpp"

#include <bit>
#include <functional>

namespace comptoir::pagecache {

Doorkeeper::Doorkeeper(std::size_t slots) {
  if (slots == 0) return;
  size_ = std::bit_ceil(slots);
  slots_ = std::make_unique<std::atomic<std::uint64_t>[]>(size_);
  for (std::size_t i = 0; i < size_; ++i) slots_[i].store(0, std::memory_order_relaxed);
  mask_ = size_ - 1;
}

bool Doorkeeper::admit(std::string_view key) noexcept {
  if (!slots_) return true;
  // 0 marks an empty slot, so no key's hash may be 0.
  std::uint64_t hash = std::hash<std::string_view>{}(key) | 1U;
  // The slot from the high bits, the stored value the whole hash: two keys sharing a slot are
  // told apart by the rest of their bits.
  auto& slot = slots_[(hash >> 32U) & mask_];
  if (slot.load(std::memory_order_relaxed) == hash) return true;
  slot.store(hash, std::memory_order_relaxed);
  return false;
}

}  // namespace comptoir::pagecache
