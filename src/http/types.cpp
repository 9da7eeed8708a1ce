#include "http/types.hpp"

#include <boost/json/serialize.hpp>

namespace comptoir::http {
namespace {

// True when the Accept header ranks a JSON type above text/html (absent q means 1).
bool accept_prefers_json(std::string_view accept) {
  double json_q = -1;
  double html_q = -1;
  while (!accept.empty()) {
    auto comma = accept.find(',');
    auto item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    auto semi = item.find(';');
    auto type = item.substr(0, semi);
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    double q = 1;
    if (semi != std::string_view::npos) {
      auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(item.substr(qpos + 2)));
        } catch (const std::exception&) {
          q = 0;
        }
      }
    }
    if (type == "application/json" || type == "application/problem+json")
      json_q = std::max(json_q, q);
    else if (type == "text/html")
      html_q = std::max(html_q, q);
  }
  return json_q > 0 && json_q > html_q;
}

}  // namespace

bool Context::wants_json() const {
  return path.starts_with("/api/") || path == "/api" || accept_prefers_json(request[Field::accept]);
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
