#include "accounts/csrf.hpp"

#include "accounts/api_token.hpp"
#include "accounts/session.hpp"

namespace comptoir::accounts {

std::string origin_of(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto path = url.find('/', scheme_end + 3);
  return std::string(url.substr(0, path));
}

namespace {

bool origin_is_ours(const http::Context& ctx, std::string_view origin,
                    std::string_view allowed_origin) {
  auto host = ctx.header(http::Field::host);
  return origin == allowed_origin || (!host.empty() && (origin == "http://" + std::string(host) ||
                                                        origin == "https://" + std::string(host)));
}

}  // namespace

bool proves_same_origin(const http::Context& ctx, std::string_view allowed_origin) {
  auto site = ctx.request["Sec-Fetch-Site"];
  if (!site.empty()) return site == "same-origin";
  auto origin = ctx.header(http::Field::origin);
  return !origin.empty() && origin_is_ours(ctx, origin, allowed_origin);
}

CsrfVerdict check_csrf(const http::Context& ctx, const Session& session, std::string_view submitted,
                       std::string_view allowed_origin) {
  auto site = ctx.request["Sec-Fetch-Site"];
  if (!site.empty() && site != "same-origin" && site != "none") return CsrfVerdict::cross_site;
  auto origin = ctx.header(http::Field::origin);
  if (!origin.empty() && !origin_is_ours(ctx, origin, allowed_origin))
    return CsrfVerdict::cross_site;
  if (session.csrf_token.empty() || !hashes_equal(session.csrf_token, submitted))
    return CsrfVerdict::bad_token;
  return CsrfVerdict::ok;
}

}  // namespace comptoir::accounts
