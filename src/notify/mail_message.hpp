#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace comptoir::notify {

struct MailContent {
  std::string from{};  // an address, e.g. boutique@example.ca
  std::string from_name{};
  std::string to{};
  std::string subject{};  // UTF-8
  std::string text{};     // the plain-text part, UTF-8
  std::string html{};     // the HTML part, UTF-8
};

// An RFC 5322 message: From, To, Subject (RFC 2047 encoded when not ASCII), Date, Message-ID,
// then multipart/alternative with the text and HTML parts, each UTF-8 in base64 (safe through
// any relay, with or without 8BITMIME). Lines end in CRLF.
std::string mail_message(const MailContent& mail, std::string_view message_id,
                         std::chrono::system_clock::time_point date);

// "=?UTF-8?B?…?=" for text that is not plain ASCII; the text itself otherwise.
std::string encode_header_word(std::string_view text);
// "Thu, 27 Nov 2026 16:20:00 +0000"
std::string rfc5322_date(std::chrono::system_clock::time_point date);

}  // namespace comptoir::notify
