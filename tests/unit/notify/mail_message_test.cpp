#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "notify/mail_message.hpp"
#include "notify/outbox_sender.hpp"

namespace comptoir::notify {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

TEST(MailMessage, HeadersAreEncodedWhenNotAsciiAndNeverSplitByInput) {
  EXPECT_EQ(encode_header_word("Your order"), "Your order");
  EXPECT_EQ(encode_header_word("Réinitialisation"), "=?UTF-8?B?UsOpaW5pdGlhbGlzYXRpb24=?=");
  EXPECT_EQ(encode_header_word("a\r\nBcc: x@evil.example"), "a  Bcc: x@evil.example");
}

TEST(MailMessage, DateFollowsRfc5322) {
  auto instant = std::chrono::sys_days{std::chrono::November / 27 / 2026} + 16h + 5min + 9s;
  EXPECT_EQ(rfc5322_date(instant), "Fri, 27 Nov 2026 16:05:09 +0000");
}

TEST(MailMessage, IsMultipartAlternativeWithBase64PartsAndCrlfLines) {
  MailContent mail{.from = "boutique@example.ca",
                   .from_name = "Comptoir Québec",
                   .to = "client@example.ca",
                   .subject = "Votre commande",
                   .text = "Merci, à bientôt !",
                   .html = "<p>Merci</p>"};
  auto message = mail_message(mail, "42.ab@example.ca", std::chrono::system_clock::now());
  EXPECT_THAT(message,
              HasSubstr("From: =?UTF-8?B?Q29tcHRvaXIgUXXDqWJlYw==?= <boutique@example.ca>\r\n"));
  EXPECT_THAT(message, HasSubstr("Message-ID: <42.ab@example.ca>\r\n"));
  EXPECT_THAT(message, HasSubstr("Content-Type: multipart/alternative; boundary="));
  EXPECT_THAT(message, HasSubstr("Content-Type: text/plain; charset=utf-8\r\n"));
  EXPECT_THAT(message, HasSubstr("Content-Type: text/html; charset=utf-8\r\n"));
  EXPECT_THAT(message, HasSubstr("TWVyY2ksIMOgIGJpZW50w7R0ICE=\r\n"));  // the text, base64
  EXPECT_THAT(message, Not(HasSubstr("à bientôt")));
  for (std::size_t at = message.find('\n'); at != std::string::npos;
       at = message.find('\n', at + 1))
    EXPECT_EQ(message[at - 1], '\r') << "a bare LF at " << at;
}

TEST(Outbox, RetriesWaitLongerEachTimeUpToSixHours) {
  EXPECT_EQ(retry_delay(1), 30s);
  EXPECT_EQ(retry_delay(2), 60s);
  EXPECT_EQ(retry_delay(5), 480s);
  EXPECT_EQ(retry_delay(12), 6h);
}

}  // namespace
}  // namespace comptoir::notify
