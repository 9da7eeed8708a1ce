#include "cart/cart_count.hpp"

#include <chrono>
#include <string>

#include "http/cookie.hpp"

namespace comptoir::cart {

void set_count_cookie(const http::Request& req, http::Response& res, int items) {
  auto shown = items > 0 ? std::to_string(items) : std::string{};
  auto header = req[http::Field::cookie];
  auto sent = http::find_cookie(std::string_view(header.data(), header.size()), kCountCookie);
  if (sent ? *sent == shown : shown.empty()) return;
  // As long as a guest's cart lives (its session's 30 days).
  constexpr std::chrono::seconds kKeep = std::chrono::days{30};
  res.insert(http::Field::set_cookie,
             http::set_cookie(
                 kCountCookie, shown,
                 {.http_only = false, .max_age = items > 0 ? kKeep : std::chrono::seconds{0}}));
}

}  // namespace comptoir::cart
