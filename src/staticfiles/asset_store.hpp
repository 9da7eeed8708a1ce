#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"
#include "staticfiles/encoded_body.hpp"

namespace comptoir::staticfiles {

// Every file under static/, read once at start with its content hash and precompressed variants.
// Serving only looks names up in memory, so no request can reach the filesystem. Immutable after
// load and safe to share between threads.
class AssetStore {
 public:
  // Throws std::runtime_error when the directory cannot be read or a file name is not URL-safe
  // ([A-Za-z0-9._-] per path segment).
  static AssetStore load(const std::filesystem::path& static_dir);

  // "css/site.css" → "/static/css/site.<12 hex>.css"; throws std::out_of_range for an unknown
  // asset so no page can link to a missing file.
  std::string url(std::string_view logical_path) const;

  // `rest` is the request path after "/static/". The fingerprinted name is cached for a year, the
  // plain name for five minutes. Throws http::HttpError(not_found) for anything else.
  http::Response serve(const http::Request& request, std::string_view rest) const;

 private:
  struct Asset {
    std::string logical_path;
    std::string fingerprinted_path;
    std::string_view content_type;
    EncodedBody body;  // its hash names the fingerprinted file
  };
  struct Route {
    std::size_t asset;
    bool fingerprinted;
  };

  std::vector<Asset> assets_;
  std::map<std::string, Route, std::less<>> routes_;  // logical and fingerprinted names
};

}  // namespace comptoir::staticfiles
