#pragma once

#include <filesystem>
#include <string_view>

#include "http/router.hpp"
#include "http/types.hpp"

namespace comptoir::media {

// GET (and HEAD) /media/{path...}: image files under `media_dir` (MEDIA_DIR). Anything else —
// another type, a path leaving the directory (`..`, absolute, a symlink pointing outside), a
// missing file — is a 404. Variants are cached for a year (their path never changes content);
// originals for a day. ETag from size and mtime; If-None-Match → 304.
void add_routes(http::Router& router, std::filesystem::path media_dir);

// The handler's work, for one request: `rest` is the percent-decoded path after "/media/".
// `media_root` must be absolute and canonical (see canonical_root). Throws http::HttpError(404).
http::Response serve_media(const http::Request& request, const std::filesystem::path& media_root,
                           std::string_view rest);

// MEDIA_DIR made absolute with its symlinks resolved, as serve_media expects it.
std::filesystem::path canonical_root(const std::filesystem::path& media_dir);

}  // namespace comptoir::media
