#include "seo/json_writer.hpp"

#include <array>
#include <charconv>

namespace comptoir::seo {
namespace {

// What each byte becomes inside a string: "" when it is copied as it is. 0xE2 is looked at apart:
// it starts U+2028 and U+2029, and many characters that stay (an em dash, curly quotes).
constexpr auto kEscapes = [] {
  std::array<std::string_view, 256> escapes{};
  constexpr std::array<std::string_view, 32> kControls{
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  for (std::size_t c = 0; c < kControls.size(); ++c) escapes[c] = kControls[c];
  escapes['"'] = "\\\"";
  escapes['\\'] = "\\\\";
  escapes['<'] = "\\u003c";
  escapes['>'] = "\\u003e";
  escapes['&'] = "\\u0026";
  return escapes;
}();

// The bytes to stop at: those with an escape, and 0xE2.
constexpr auto kAttention = [] {
  std::array<bool, 256> attention{};
  for (std::size_t c = 0; c < attention.size(); ++c) attention[c] = !kEscapes[c].empty();
  attention[0xE2] = true;
  return attention;
}();

}  // namespace

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!empty_) out_ += ',';
  empty_ = false;
}

JsonWriter& JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  empty_ = true;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  empty_ = false;  // the container that holds it has a member now: this one
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  write_string(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  before_value();
  write_string(value);
  return *this;
}

void JsonWriter::write_string(std::string_view value) {
  out_ += '"';
  const auto size = value.size();
  std::size_t copied = 0;  // value[copied, i) is still to copy
  for (std::size_t i = 0;; ++i) {
    while (i < size && !kAttention[static_cast<unsigned char>(value[i])]) ++i;
    if (i == size) break;
    auto escape = kEscapes[static_cast<unsigned char>(value[i])];
    std::size_t length = 1;
    if (value[i] == '\xE2') {
      // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are E2 80 A8 and E2 80 A9.
      if (i + 2 >= size || value[i + 1] != '\x80' ||
          (value[i + 2] != '\xA8' && value[i + 2] != '\xA9'))
        continue;
      escape = value[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      length = 3;
    }
    out_.append(value.substr(copied, i - copied));
    out_.append(escape);
    i += length - 1;
    copied = i + 1;
  }
  out_.append(value.substr(copied));
  out_ += '"';
}

JsonWriter& JsonWriter::number(std::int64_t value) {
  before_value();
  std::array<char, 24> digits{};
  auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out_.append(digits.data(), written.ptr);
  return *this;
}

}  // namespace comptoir::seo
