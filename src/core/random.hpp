#pragma once

#include <cstddef>
#include <string>

namespace comptoir::core {

// Lowercase hex of `bytes` bytes from libsodium's CSPRNG (thread-safe).
std::string random_hex(std::size_t bytes);

}  // namespace comptoir::core
