#include "media/media_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>

#include "http/conditional.hpp"
#include "media/media_paths.hpp"

namespace comptoir::media {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kOriginal = "public, max-age=86400";

// Whether `path` lies strictly inside `root` (both canonical), compared component by component
// so "/srv/media-old" is not taken for a child of "/srv/media".
bool is_inside(const fs::path& root, const fs::path& path) {
  auto [root_end, path_at] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end() && path_at != path.end();
}

[[noreturn]] void not_found() {
  throw http::HttpError(http::Status::not_found);
}

}  // namespace

fs::path canonical_root(const fs::path& media_dir) {
  return fs::weakly_canonical(fs::absolute(media_dir));
}

http::Response serve_media(const http::Request& request, const fs::path& media_root,
                           std::string_view rest) {
  auto relative = checked_media_path(rest);
  if (!relative) not_found();
  std::error_code ec;
  // Resolves every symlink on the way: a link inside MEDIA_DIR pointing outside is refused here.
  auto resolved = fs::weakly_canonical(media_root / *relative, ec);
  if (ec || !is_inside(media_root, resolved)) not_found();
  auto status = fs::status(resolved, ec);
  if (ec || !fs::is_regular_file(status)) not_found();
  auto size = fs::file_size(resolved, ec);
  if (ec) not_found();
  auto mtime = fs::last_write_time(resolved, ec);
  if (ec) not_found();
  auto mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch());
  auto etag = fmt::format("\"{:x}-{:x}\"", size, mtime_ns.count());
  auto cache_control = is_variant_path(*relative) ? kImmutable : kOriginal;

  if (http::matches_if_none_match(request[http::Field::if_none_match], etag)) {
    http::Response response{http::Status::not_modified, request.version()};
    response.set(http::Field::cache_control, cache_control);
    response.set(http::Field::etag, etag);
    return response;
  }
  // Images are small and usually in the page cache: reading one on the I/O thread costs
  // microseconds, less than handing it to another thread would.
  std::ifstream in(resolved, std::ios::binary);
  if (!in) not_found();
  std::string body(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) not_found();

  auto response = http::text(http::Status::ok, std::move(body), *image_content_type(*relative));
  response.set(http::Field::cache_control, cache_control);
  response.set(http::Field::etag, etag);
  return response;
}

void add_routes(http::Router& router, fs::path media_dir) {
  router.get("/media/{path...}",
             [root = canonical_root(media_dir)](
                 http::Context& ctx) -> http::net::awaitable<http::Response> {
               co_return serve_media(ctx.request, root, ctx.param("path"));
             });
}

}  // namespace comptoir::media
