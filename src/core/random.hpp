#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace comptoir::core {

// Lowercase hex of `bytes` bytes from libsodium's CSPRNG (thread-safe).
std::string random_hex(std::size_t bytes);

// Lowercase hex of `bytes` (digests, MACs).
std::string hex(std::span<const unsigned char> bytes);

}  // namespace comptoir::core
