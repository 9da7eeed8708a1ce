#include "suppliers/connectors/oauth_token.hpp"

#include <fmt/format.h>

#include "suppliers/connectors/json_reading.hpp"

namespace comptoir::suppliers {

std::expected<std::string, ConnectorError> RefreshedToken::get(bool renew) {
  if (!renew && !token_.empty() && std::chrono::steady_clock::now() < expires_) return token_;
  auto grant = grant_();
  auto response = endpoint_.send({.method = "POST",
                                  .body = std::move(grant.form),
                                  .content_type = "application/x-www-form-urlencoded",
                                  .headers = std::move(grant.headers)});
  auto body = json_reading::parse_body(response, platform_);
  if (!body) {
    // A refused refresh token or client is not worth retrying: say so plainly.
    if (body.error().kind == ConnectorError::Kind::rejected)
      body.error().kind = ConnectorError::Kind::unauthorized;
    return std::unexpected(body.error());
  }
  const auto* o = body->if_object();
  auto token = o ? json_reading::text(*o, "access_token") : "";
  if (token.empty())
    return std::unexpected(
        ConnectorError{.kind = ConnectorError::Kind::malformed,
                       .message = fmt::format("{} gave no access_token", platform_)});
  auto lifetime = std::chrono::seconds{json_reading::integer(*o, "expires_in").value_or(3600)};
  token_ = std::move(token);
  expires_ = std::chrono::steady_clock::now() + lifetime - std::chrono::seconds{60};
  api_.add_secret(token_);
  endpoint_.add_secret(token_);
  if (learnt_) learnt_(*o);
  return token_;
}

std::expected<ApiResponse, ConnectorError> send_with_token(ApiClient& api, RefreshedToken& token,
                                                           ApiRequest request,
                                                           std::string_view header,
                                                           int refused_status,
                                                           std::string_view platform) {
  request.headers.emplace_back();
  for (int round = 0; round < 2; ++round) {
    auto current = token.get(round > 0);
    if (!current) return std::unexpected(current.error());
    request.headers.back() = fmt::format("{}{}", header, *current);
    auto response = api.send(request);
    if (response.status == refused_status && round == 0) continue;
    if (response.status < 200 || response.status >= 300)
      return std::unexpected(json_reading::failure(response, platform));
    return response;
  }
  return std::unexpected(
      ConnectorError{.kind = ConnectorError::Kind::unauthorized,
                     .message = fmt::format("{} refused a fresh access token", platform)});
}

std::string url_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~')
      out += c;
    else
      out += fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace comptoir::suppliers
