#include "core/random.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace comptoir::core {

std::string random_hex(std::size_t bytes) {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium failed to initialise");
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), raw.data(), raw.size());
  out.pop_back();
  return out;
}

}  // namespace comptoir::core
