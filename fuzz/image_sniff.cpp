// What an uploaded file is (media::sniff_image), read from bytes alone before any decoder sees
// them. Input: the file. Properties: no crash; an accepted image is within the pixel limit and
// free of HTML/script markers; any byte added after an accepted image makes it a polyglot, and a
// shortened one is never accepted whole.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"
#include "media/image_sniff.hpp"

namespace {

using comptoir::fuzz::check;
using comptoir::media::ImageRefusal;
using comptoir::media::sniff_image;

constexpr std::int64_t kMaxPixels = 1'000'000;  // small, so fuzzed headers reach the limit

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = comptoir::fuzz::as_text(data, size);
  auto sniffed = sniff_image(bytes, kMaxPixels);
  if (!sniffed) {
    check(!comptoir::media::code(sniffed.error()).empty(), "a refusal has a code");
    check((sniffed.error() == ImageRefusal::empty) == bytes.empty(),
          "empty is said of 0 bytes only");
    return 0;
  }
  check(sniffed->width > 0 && sniffed->height > 0, "an accepted image has a size");
  check(sniffed->width * sniffed->height <= kMaxPixels, "an accepted image is within the limit");
  for (std::string_view tail : {std::string_view("\0", 1), std::string_view("<")}) {
    std::string longer(bytes);
    longer += tail;
    auto again = sniff_image(longer, kMaxPixels);
    check(!again && again.error() == ImageRefusal::polyglot,
          "a byte after an accepted image makes it a polyglot");
  }
  auto shorter = sniff_image(bytes.substr(0, bytes.size() - 1), kMaxPixels);
  check(!shorter, "an accepted image cut by one byte is not accepted");
  return 0;
}
