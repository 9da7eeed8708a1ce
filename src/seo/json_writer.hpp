#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// JSON written straight into its text, for a document that sits inside <script
// type="application/ld+json">: no tree of values is built, allocated and released first (on a
// product page that no cache holds, building, serializing and freeing that tree was a sixth of the
// page's instructions).
namespace comptoir::seo {

class JsonWriter {
 public:
  // Containers and keys. A value written after key() belongs to it; the commas are the writer's.
  JsonWriter& open_object() { return open('{'); }
  JsonWriter& close_object() { return close('}'); }
  JsonWriter& open_array() { return open('['); }
  JsonWriter& close_array() { return close(']'); }
  JsonWriter& key(std::string_view name);

  // A string value, escaped as Boost.JSON's serializer escapes it ('"', '\\' and the control
  // characters) and also made script-safe: '<', '>', '&', U+2028 and U+2029 are written as \u
  // escapes. These only ever occur inside strings, where the escapes mean the same thing, so the
  // text can neither close the <script> element ("</script>") nor start a comment ("<!--").
  // Other bytes, UTF-8 or not, are copied as they are.
  JsonWriter& string(std::string_view value);
  JsonWriter& number(std::int64_t value);
  JsonWriter& field(std::string_view name, std::string_view value) {
    return key(name).string(value);
  }

  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  const std::string& text() const { return out_; }
  std::string take() && { return std::move(out_); }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void before_value();
  void write_string(std::string_view value);

  std::string out_;
  bool empty_ = true;       // the innermost container has no member yet
  bool after_key_ = false;  // the next value is a key's
};

}  // namespace comptoir::seo
