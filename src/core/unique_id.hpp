#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace comptoir::core {

// xoshiro256** (Blackman and Vigna, 2018): 64-bit words from 256 bits of state, a few instructions
// each, statistically sound but NOT cryptographic (its output gives its state away). For
// identifiers that must not repeat by chance and protect nothing; secrets use random_hex()
// (core/random.hpp).
class Xoshiro256 {
 public:
  // The state must not be all zeros (the generator would give zeros forever).
  explicit Xoshiro256(const std::array<std::uint64_t, 4>& seed) : state_(seed) {}
  std::uint64_t operator()();

 private:
  std::array<std::uint64_t, 4> state_;
};

// Lowercase hex of `bytes` bytes from this thread's Xoshiro256, seeded once per thread from the
// operating system's CSPRNG (libsodium, getrandom): no system call per value. Unique by chance (a
// repeat among a billion 12-byte values: about 1 in 10^11), guessable by whoever sees many:
// request ids, not tokens.
std::string unique_hex(std::size_t bytes);

}  // namespace comptoir::core
