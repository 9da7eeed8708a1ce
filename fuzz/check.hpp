#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace comptoir::fuzz {

// A property every input must keep. A broken one aborts, which libFuzzer reports as a crash and
// saves the input under build/fuzz/artifacts/.
inline void check(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: property broken: %s\n", property);
  std::abort();
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at its first '\n': two independent strings from one input.
inline std::pair<std::string_view, std::string_view> split_at_newline(std::string_view input) {
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return {input, {}};
  return {input.substr(0, newline), input.substr(newline + 1)};
}

}  // namespace comptoir::fuzz
