#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace comptoir::notify {

// Sends one message through SMTP_URL with libcurl: smtps:// is TLS from the start; smtp:// must
// upgrade with STARTTLS (a server that does not offer it, or someone on the path who strips the
// offer, gets nothing: no password, no reset link), except to a relay on this machine (localhost,
// 127.0.0.0/8, ::1), which may talk in the clear. User and password come from the URL.
class SmtpSender {
 public:
  SmtpSender(std::string url, std::chrono::seconds timeout = std::chrono::seconds{30});

  // The error says what failed (no secret: the URL's password is never part of it).
  std::expected<void, std::string> send(std::string_view from, std::string_view to,
                                        std::string_view message) const;

 private:
  std::string url_;
  std::chrono::seconds timeout_;
};

// The host of an smtp:// or smtps:// URL is this machine: localhost, 127.0.0.0/8 or [::1].
bool names_loopback(std::string_view url);

}  // namespace comptoir::notify
