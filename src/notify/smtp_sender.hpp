#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace comptoir::notify {

// Sends one message through SMTP_URL with libcurl: smtp:// upgrades to TLS with STARTTLS when
// the server offers it, smtps:// is TLS from the start; user and password come from the URL.
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

}  // namespace comptoir::notify
