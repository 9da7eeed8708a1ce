#include "pagecache/cached_page.hpp"

#include <algorithm>

#include "http/middleware.hpp"

namespace comptoir::pagecache {
namespace {

bool says(std::string_view value, std::string_view directive) {
  // Cache-Control directives are case-insensitive tokens; ours are written in lower case.
  std::string lower(value);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c);
  });
  return lower.find(directive) != std::string::npos;
}

}  // namespace

CachedPage CachedPage::of(http::Response response) {
  CachedPage page;
  http::add_vary(response, "Accept-Encoding");
  for (const auto& field : response.base()) {
    auto name = field.name();
    if (name == http::Field::content_length || name == http::Field::content_type) continue;
    page.headers.emplace_back(field.name_string(), field.value());
  }
  page.content_type = response[http::Field::content_type];
  page.body = staticfiles::EncodedBody::of(std::move(response.body()), false, {});
  return page;
}

staticfiles::ContentEncoding CachedPage::preferred(std::string_view accept_encoding) const {
  return staticfiles::choose_encoding(accept_encoding, !tried_br || body.br.has_value(),
                                      !tried_gzip || body.gzip.has_value());
}

bool CachedPage::lacks(std::string_view accept_encoding) const {
  if (tried_br && tried_gzip) return false;
  auto encoding = preferred(accept_encoding);
  return (encoding == staticfiles::ContentEncoding::br && !tried_br) ||
         (encoding == staticfiles::ContentEncoding::gzip && !tried_gzip);
}

void CachedPage::make_for(std::string_view accept_encoding,
                          staticfiles::EncodedBody::Levels levels) {
  // At most twice: brotli, found not smaller, then gzip.
  for (;;) {
    auto encoding = preferred(accept_encoding);
    if (encoding == staticfiles::ContentEncoding::br && !tried_br) {
      body.br = staticfiles::brotli_compress(body.identity, levels.brotli);
      tried_br = true;
    } else if (encoding == staticfiles::ContentEncoding::gzip && !tried_gzip) {
      body.gzip = staticfiles::gzip_compress(body.identity, levels.gzip);
      tried_gzip = true;
    } else {
      return;
    }
  }
}

std::size_t CachedPage::bytes() const {
  std::size_t total = body.bytes() + content_type.size();
  for (const auto& [name, value] : headers) total += name.size() + value.size();
  return total;
}

std::vector<std::string> take_tags(http::Response& response) {
  std::vector<std::string> tags;
  auto field = response.find(kTagsField);
  if (field == response.end()) return tags;
  std::string_view value = field->value();
  while (!value.empty()) {
    auto space = value.find(' ');
    auto tag = value.substr(0, space);
    if (!tag.empty()) tags.emplace_back(tag);
    value = space == std::string_view::npos ? std::string_view{} : value.substr(space + 1);
  }
  response.erase(kTagsField);
  return tags;
}

bool storable(const http::Response& response) {
  if (response.result() != http::Status::ok) return false;
  if (response.find(http::Field::set_cookie) != response.end()) return false;
  if (response.find(http::Field::content_encoding) != response.end()) return false;
  auto cache_control = response[http::Field::cache_control];
  return !says(cache_control, "no-store") && !says(cache_control, "private");
}

http::Response answer(const CachedPage& page, const http::Request& request,
                      std::string_view accept_encoding, std::string_view cache_status) {
  return staticfiles::respond(request, accept_encoding, page.body, page.content_type,
                              [&](http::Response& res) {
                                for (const auto& [name, value] : page.headers)
                                  res.insert(name, value);
                                res.set("Cache-Status", cache_status);
                              });
}

std::string normalized_query(std::string_view query) {
  std::vector<std::string_view> params;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto param = query.substr(0, amp);
    if (!param.empty()) params.push_back(param);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  auto name = [](std::string_view param) { return param.substr(0, param.find('=')); };
  std::ranges::stable_sort(params, {}, name);
  std::string out;
  for (auto param : params) {
    if (!out.empty()) out += '&';
    out += param;
  }
  return out;
}

std::string page_key(core::Locale locale, std::string_view path, std::string_view query) {
  std::string key(core::code(locale));
  key += ' ';
  key += path;
  auto normalized = normalized_query(query);
  if (!normalized.empty()) {
    key += '?';
    key += normalized;
  }
  return key;
}

}  // namespace comptoir::pagecache
