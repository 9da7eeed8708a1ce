#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "suppliers/connectors/api_client.hpp"
#include "suppliers/connectors/connector.hpp"

namespace comptoir::suppliers {

// An OAuth 2 access token got from a refresh token (Login with Amazon, Etsy, eBay), kept until a
// minute before it ends. `grant` builds the token request (a form body and its headers); `learnt`
// sees every answer (Etsy hands out a new refresh token with each access token). Each token is
// added to `api`'s secrets, so the call log never shows it.
class RefreshedToken {
 public:
  struct Grant {
    std::string form{};                  // application/x-www-form-urlencoded
    std::vector<std::string> headers{};  // e.g. Basic authorization
  };

  RefreshedToken(ApiClient& token_endpoint, ApiClient& api, std::string platform,
                 std::function<Grant()> grant,
                 std::function<void(const boost::json::object&)> learnt = {})
      : endpoint_(token_endpoint),
        api_(api),
        platform_(std::move(platform)),
        grant_(std::move(grant)),
        learnt_(std::move(learnt)) {}

  // The token in hand, or a new one when it is about to end or `renew` (it was refused).
  std::expected<std::string, ConnectorError> get(bool renew = false);

 private:
  ApiClient& endpoint_;
  ApiClient& api_;
  std::string platform_;
  std::function<Grant()> grant_;
  std::function<void(const boost::json::object&)> learnt_;
  std::string token_{};
  std::chrono::steady_clock::time_point expires_{};
};

// Sends `request` through `api` with the token in a header (`header`: "Authorization: Bearer ",
// "x-amz-access-token: "); an answer of `refused_status` (the platform's "token no longer good")
// gets a new token and one more try. A non-2xx answer is the platform's error.
std::expected<ApiResponse, ConnectorError> send_with_token(ApiClient& api, RefreshedToken& token,
                                                           ApiRequest request,
                                                           std::string_view header,
                                                           int refused_status,
                                                           std::string_view platform);

// RFC 3986: unreserved characters as they are, everything else %XX (form and query values).
std::string url_encode(std::string_view text);

}  // namespace comptoir::suppliers
