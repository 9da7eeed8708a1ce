#include "notify/smtp_sender.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>

#include "core/ip_range.hpp"

namespace comptoir::notify {
namespace {

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  auto room = size * count;
  auto left = upload->data.size() - upload->offset;
  auto n = std::min(room, left);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool names_loopback(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  auto authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);  // user:password@
  auto host = authority.starts_with('[') ? authority.substr(0, authority.find(']') + 1)
                                         : authority.substr(0, authority.find(':'));
  if (auto address = core::parse_ip(host)) return address->is_loopback();
  return std::ranges::equal(host, std::string_view("localhost"), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

SmtpSender::SmtpSender(std::string url, std::chrono::seconds timeout)
    : url_(std::move(url)), timeout_(timeout) {
  global_init_once();
}

std::expected<void, std::string> SmtpSender::send(std::string_view from, std::string_view to,
                                                  std::string_view message) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return std::unexpected("libcurl could not start");
  auto from_path = fmt::format("<{}>", from);
  auto to_path = fmt::format("<{}>", to);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, to_path.c_str()), &curl_slist_free_all);
  Upload upload{message};
  char error[CURL_ERROR_SIZE] = {};
  auto* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from_path.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, &read_chunk);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_USE_SSL,
                   static_cast<long>(names_loopback(url_) ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  auto code = curl_easy_perform(handle);
  if (code != CURLE_OK)
    return std::unexpected(
        fmt::format("{}{}{}", curl_easy_strerror(code), error[0] ? ": " : "", error));
  return {};
}

}  // namespace comptoir::notify
