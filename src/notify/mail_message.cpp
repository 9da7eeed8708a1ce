#include "notify/mail_message.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <ctime>

#include "core/random.hpp"

namespace comptoir::notify {
namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Base64 in lines of 76 characters, as RFC 2045 §6.8 requires.
std::string base64_lines(std::string_view bytes) {
  auto encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

bool is_plain_ascii(std::string_view text) {
  return std::ranges::all_of(text, [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
}

// No header injection: a line break in a value would start a new header.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

}  // namespace

std::string encode_header_word(std::string_view text) {
  auto clean = one_line(text);
  if (is_plain_ascii(clean)) return clean;
  return fmt::format("=?UTF-8?B?{}?=", base64(clean));
}

std::string rfc5322_date(std::chrono::system_clock::time_point date) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto seconds = std::chrono::system_clock::to_time_t(date);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
                     kDays[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                     kMonths[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour,
                     utc.tm_min, utc.tm_sec);
}

std::string mail_message(const MailContent& mail, std::string_view message_id,
                         std::chrono::system_clock::time_point date) {
  auto boundary = fmt::format("=_comptoir_{}", core::random_hex(12));
  auto from = mail.from_name.empty()
                  ? one_line(mail.from)
                  : fmt::format("{} <{}>", encode_header_word(mail.from_name), one_line(mail.from));
  std::string out;
  out += fmt::format("From: {}\r\n", from);
  out += fmt::format("To: {}\r\n", one_line(mail.to));
  out += fmt::format("Subject: {}\r\n", encode_header_word(mail.subject));
  out += fmt::format("Date: {}\r\n", rfc5322_date(date));
  out += fmt::format("Message-ID: <{}>\r\n", one_line(message_id));
  out += "MIME-Version: 1.0\r\n";
  out += fmt::format("Content-Type: multipart/alternative; boundary=\"{}\"\r\n\r\n", boundary);
  out += fmt::format(
      "--{}\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n{}",
      boundary, base64_lines(mail.text));
  out += fmt::format(
      "--{}\r\nContent-Type: text/html; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n{}",
      boundary, base64_lines(mail.html));
  out += fmt::format("--{}--\r\n", boundary);
  return out;
}

}  // namespace comptoir::notify
