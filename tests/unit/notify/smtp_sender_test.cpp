#include <gtest/gtest.h>

#include "notify/smtp_sender.hpp"

namespace comptoir::notify {
namespace {

// smtp:// must upgrade to TLS unless the relay is on this machine: a reset link or the SMTP
// password must not cross a network in the clear because a server (or an attacker stripping the
// STARTTLS offer) said nothing about TLS.
TEST(SmtpSender, OnlyARelayOnThisMachineMayTalkInTheClear) {
  EXPECT_TRUE(names_loopback("smtp://localhost:25"));
  EXPECT_TRUE(names_loopback("smtp://LocalHost"));
  EXPECT_TRUE(names_loopback("smtp://127.0.0.1:2525"));
  EXPECT_TRUE(names_loopback("smtp://user:p%40ss@127.3.4.5:587/"));
  EXPECT_TRUE(names_loopback("smtp://[::1]:25"));

  EXPECT_FALSE(names_loopback("smtp://smtp.example.ca:587"));
  EXPECT_FALSE(names_loopback("smtp://127.0.0.1.evil.example:25"));
  EXPECT_FALSE(names_loopback("smtp://localhost.evil.example"));
  EXPECT_FALSE(names_loopback("smtp://localhost@smtp.example.ca:587"))
      << "what comes before @ is the user, not the host";
  EXPECT_FALSE(names_loopback("smtp://10.0.0.5:25"));
  EXPECT_FALSE(names_loopback("smtp://[::2]:25"));
  EXPECT_FALSE(names_loopback("smtp://127.1:25")) << "only the four-part form is read";
  EXPECT_FALSE(names_loopback("not a url"));
}

}  // namespace
}  // namespace comptoir::notify
