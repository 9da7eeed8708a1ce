#include "staticfiles/asset_store.hpp"

#include <sodium.h>

#include <array>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <fmt/format.h>

namespace comptoir::staticfiles {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "public, max-age=300";

struct MediaType {
  std::string_view extension;
  std::string_view content_type;
  bool compressible;
};

constexpr std::array kMediaTypes{
    MediaType{".css", "text/css; charset=utf-8", true},
    MediaType{".js", "text/javascript; charset=utf-8", true},
    MediaType{".mjs", "text/javascript; charset=utf-8", true},
    MediaType{".json", "application/json; charset=utf-8", true},
    MediaType{".map", "application/json; charset=utf-8", true},
    MediaType{".webmanifest", "application/manifest+json; charset=utf-8", true},
    MediaType{".txt", "text/plain; charset=utf-8", true},
    MediaType{".svg", "image/svg+xml; charset=utf-8", true},
    MediaType{".ico", "image/x-icon", true},
    MediaType{".png", "image/png", false},
    MediaType{".jpg", "image/jpeg", false},
    MediaType{".jpeg", "image/jpeg", false},
    MediaType{".webp", "image/webp", false},
    MediaType{".avif", "image/avif", false},
    MediaType{".woff2", "font/woff2", false},
};

const MediaType& media_type_of(const std::filesystem::path& path) {
  static constexpr MediaType kUnknown{"", "application/octet-stream", false};
  auto extension = path.extension().string();
  for (auto& c : extension)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& type : kMediaTypes)
    if (type.extension == extension) return type;
  return kUnknown;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read asset {}", path.string()));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Names go into URLs unescaped and are matched byte for byte against request paths, so they are
// limited to characters that need no percent-encoding.
bool is_url_safe(const std::string& logical_path) {
  std::string_view rest = logical_path;
  while (true) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (char c : segment) {
      bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '-' || c == '_';
      if (!plain) return false;
    }
    if (slash == std::string_view::npos) return true;
    rest.remove_prefix(slash + 1);
  }
}

// "css/site.css" + hash → "css/site.<hash>.css"; a name without extension gets ".<hash>" appended.
std::string fingerprint(std::string_view logical_path, std::string_view hash) {
  auto slash = logical_path.rfind('/');
  auto name_start = slash == std::string_view::npos ? 0 : slash + 1;
  auto dot = logical_path.rfind('.');
  bool has_extension = dot != std::string_view::npos && dot > name_start;
  if (!has_extension) return fmt::format("{}.{}", logical_path, hash);
  return fmt::format("{}.{}{}", logical_path.substr(0, dot), hash, logical_path.substr(dot));
}

}  // namespace

AssetStore AssetStore::load(const std::filesystem::path& static_dir) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (!std::filesystem::is_directory(static_dir))
    throw std::runtime_error(fmt::format("static directory {} not found", static_dir.string()));

  AssetStore store;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(static_dir)) {
    if (!entry.is_regular_file()) continue;
    auto logical_path = entry.path().lexically_relative(static_dir).generic_string();
    if (!is_url_safe(logical_path))
      throw std::runtime_error(fmt::format(
          "asset name {} must use only letters, digits, '.', '-' and '_'", logical_path));

    const auto& type = media_type_of(entry.path());
    Asset asset{.logical_path = logical_path,
                .fingerprinted_path = {},
                .content_type = type.content_type,
                .body = EncodedBody::of(read_file(entry.path()), type.compressible, {})};
    asset.fingerprinted_path = fingerprint(logical_path, asset.body.hash);

    auto index = store.assets_.size();
    // A file literally named like another's fingerprint would make routing ambiguous.
    if (!store.routes_.emplace(asset.logical_path, Route{index, false}).second ||
        !store.routes_.emplace(asset.fingerprinted_path, Route{index, true}).second)
      throw std::runtime_error(
          fmt::format("asset name {} clashes with a fingerprinted name", asset.logical_path));
    store.assets_.push_back(std::move(asset));
  }
  return store;
}

std::string AssetStore::url(std::string_view logical_path) const {
  auto found = routes_.find(logical_path);
  if (found == routes_.end() || found->second.fingerprinted)
    throw std::out_of_range(fmt::format("no static asset named \"{}\"", logical_path));
  return fmt::format("/static/{}", assets_[found->second.asset].fingerprinted_path);
}

http::Response AssetStore::serve(const http::Request& request, std::string_view rest) const {
  auto found = routes_.find(rest);
  if (found == routes_.end()) throw http::HttpError(http::Status::not_found);
  const auto& asset = assets_[found->second.asset];
  return respond(request, asset.body, asset.content_type, [&](http::Response& response) {
    response.set(http::Field::cache_control,
                 found->second.fingerprinted ? kImmutable : kRevalidate);
  });
}

}  // namespace comptoir::staticfiles
