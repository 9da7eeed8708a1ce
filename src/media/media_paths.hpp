#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::media {

// Widths of the WebP variants written next to every stored image (never wider than the original).
inline constexpr std::array kVariantWidths{320, 640, 960, 1280};

// The variant widths an original of `original_width` pixels gets: those not wider than it.
std::vector<int> variant_widths(int original_width);

// "products/42/1.jpg", 640 → "products/42/1-640.webp".
std::string variant_path(std::string_view path, int width);

// "products/42/1.jpg" → "/media/products/42/1.jpg".
std::string url(std::string_view path);

// The `srcset` of an image stored at `path` (relative to MEDIA_DIR) whose original is `width`
// pixels wide: "/media/products/42/1-320.webp 320w, /media/products/42/1-640.webp 640w, …".
// Empty when the original is narrower than the smallest variant (use its plain URL then).
std::string srcset(std::string_view path, int width);

// The Content-Type of a servable image name, by extension (jpg, jpeg, png, webp, avif, gif; any
// case); nullopt for every other file.
std::optional<std::string_view> image_content_type(std::string_view name);

// A path from a URL, already percent-decoded, checked before it touches the filesystem: relative,
// segments of [A-Za-z0-9._-] not starting with '.', no empty segment, an image extension.
// So `..`, absolute paths, backslashes, NUL, hidden files and other types are refused (nullopt).
// Symlinks are checked separately, against the resolved path (see serve_media).
std::optional<std::string> checked_media_path(std::string_view path);

// Whether `path` names a variant (`…-{width}.webp` for a width of kVariantWidths): its content
// never changes for that path, so it may be cached for a year.
bool is_variant_path(std::string_view path);

}  // namespace comptoir::media
