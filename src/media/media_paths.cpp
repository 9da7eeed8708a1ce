#include "media/media_paths.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace comptoir::media {
namespace {

struct ImageType {
  std::string_view extension;
  std::string_view content_type;
};
constexpr ImageType kImageTypes[] = {
    {"jpg", "image/jpeg"},  {"jpeg", "image/jpeg"}, {"png", "image/png"},
    {"webp", "image/webp"}, {"avif", "image/avif"}, {"gif", "image/gif"},
};

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

// "products/42/1.jpg" → "products/42/1": the path without the extension of its last segment.
std::string_view stem_of(std::string_view path) {
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return path;
  return path.substr(0, dot);
}

constexpr std::string_view kMediaPrefix = "/media/";

void append_number(std::string& out, int value) {
  std::array<char, 12> digits{};
  auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out.append(digits.data(), written.ptr);
}

// "{stem}-{width}.webp": the one spelling of a variant's name (variant_path, srcset).
void append_variant_path(std::string& out, std::string_view stem, int width) {
  out += stem;
  out += '-';
  append_number(out, width);
  out += ".webp";
}

}  // namespace

std::vector<int> variant_widths(int original_width) {
  std::vector<int> widths;
  for (int width : kVariantWidths)
    if (width <= original_width) widths.push_back(width);
  return widths;
}

std::string variant_path(std::string_view path, int width) {
  std::string out;
  append_variant_path(out, stem_of(path), width);
  return out;
}

std::string url(std::string_view path) {
  std::string out(kMediaPrefix);
  out += path;
  return out;
}

std::string srcset(std::string_view path, int width) {
  // Appended into one string: a formatted string per piece and per width was most of a product
  // picture's cost on a page that no cache holds.
  auto stem = stem_of(path);
  std::string out;
  out.reserve(kVariantWidths.size() * (kMediaPrefix.size() + stem.size() + 20));
  for (int w : kVariantWidths) {
    if (w > width) continue;
    if (!out.empty()) out += ", ";
    out += kMediaPrefix;
    append_variant_path(out, stem, w);
    out += ' ';
    append_number(out, w);
    out += 'w';
  }
  return out;
}

std::optional<std::string_view> image_content_type(std::string_view name) {
  auto slash = name.rfind('/');
  auto base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  auto dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  auto extension = base.substr(dot + 1);
  for (const auto& type : kImageTypes)
    if (iequals(extension, type.extension)) return type.content_type;
  return std::nullopt;
}

std::optional<std::string> checked_media_path(std::string_view path) {
  if (path.empty() || path.size() > 1024) return std::nullopt;
  std::string_view rest = path;
  while (true) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    // Empty (leading '/', '//' or a trailing '/'), '.', '..' and hidden names all start badly.
    if (segment.empty() || segment.front() == '.') return std::nullopt;
    if (!std::ranges::all_of(segment, is_name_char)) return std::nullopt;  // '\\', NUL, ':' …
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (!image_content_type(path)) return std::nullopt;
  return std::string(path);
}

bool is_variant_path(std::string_view path) {
  if (!path.ends_with(".webp")) return false;
  auto stem = path.substr(0, path.size() - 5);
  auto dash = stem.rfind('-');
  if (dash == std::string_view::npos) return false;
  auto digits = stem.substr(dash + 1);
  int width = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), width);
  if (error != std::errc{} || end != digits.data() + digits.size()) return false;
  return std::ranges::find(kVariantWidths, width) != kVariantWidths.end();
}

}  // namespace comptoir::media
