#include "core/unique_id.hpp"

#include <sodium.h>

#include <bit>
#include <stdexcept>

namespace comptoir::core {
namespace {

Xoshiro256 seeded_generator() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium failed to initialise");
  std::array<std::uint64_t, 4> seed{};
  while (seed == std::array<std::uint64_t, 4>{}) randombytes_buf(seed.data(), sizeof seed);
  return Xoshiro256(seed);
}

}  // namespace

std::uint64_t Xoshiro256::operator()() {
  auto& s = state_;
  const std::uint64_t result = std::rotl(s[1] * 5, 7) * 9;
  const std::uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = std::rotl(s[3], 45);
  return result;
}

std::string unique_hex(std::size_t bytes) {
  thread_local Xoshiro256 generator = seeded_generator();
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes * 2, '\0');
  std::size_t i = 0;
  while (i < out.size()) {
    auto word = generator();
    for (int nibble = 0; nibble < 16 && i < out.size(); ++nibble, word >>= 4)
      out[i++] = kDigits[word & 0xF];
  }
  return out;
}

}  // namespace comptoir::core
