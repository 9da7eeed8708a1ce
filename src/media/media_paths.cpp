#include "media/media_paths.hpp"

#include <fmt/format.h>

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

}  // namespace

std::vector<int> variant_widths(int original_width) {
  std::vector<int> widths;
  for (int width : kVariantWidths)
    if (width <= original_width) widths.push_back(width);
  return widths;
}

std::string variant_path(std::string_view path, int width) {
  return fmt::format("{}-{}.webp", stem_of(path), width);
}

std::string url(std::string_view path) {
  return fmt::format("/media/{}", path);
}

std::string srcset(std::string_view path, int width) {
  // Appended piece by piece: three formatted strings per width were most of a product picture's
  // cost on a page that no cache holds.
  auto stem = stem_of(path);
  std::string out;
  out.reserve(kVariantWidths.size() * (stem.size() + 24));
  for (int w : kVariantWidths) {
    if (w > width) continue;
    std::array<char, 12> digits{};
    auto written = std::to_chars(digits.data(), digits.data() + digits.size(), w);
    std::string_view number(digits.data(), static_cast<std::size_t>(written.ptr - digits.data()));
    if (!out.empty()) out += ", ";
    out.append("/media/").append(stem).append("-").append(number).append(".webp ");
    out.append(number).append("w");
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
