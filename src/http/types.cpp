#include "http/types.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "http/weighted_list.hpp"

namespace comptoir::http {
namespace {

// True when the Accept header ranks a JSON type above text/html.
bool accept_prefers_json(std::string_view accept) {
  int json_q = -1;
  int html_q = -1;
  for_each_weighted(accept, [&](const WeightedItem& item) {
    if (item.value == "application/json" || item.value == "application/problem+json")
      json_q = std::max(json_q, item.q);
    else if (item.value == "text/html")
      html_q = std::max(html_q, item.q);
  });
  return json_q > 0 && json_q > html_q;
}

}  // namespace

bool Context::wants_json() const {
  // Webhook senders (Stripe, Svix) are programs too: they get problem+json, never a page.
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/webhooks/") ||
         accept_prefers_json(request[Field::accept]);
}

Response text(Status status, std::string body, std::string_view content_type) {
  Response res{status, 11};
  res.set(Field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

Response html(Status status, std::string body) {
  return text(status, std::move(body), "text/html; charset=utf-8");
}

Response json(Status status, const boost::json::value& body) {
  return text(status, boost::json::serialize(body), "application/json");
}

Response redirect(Status status, std::string_view location) {
  Response res{status, 11};
  res.set(Field::location, location);
  return res;
}

}  // namespace comptoir::http
