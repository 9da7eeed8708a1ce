#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "accounts/totp.hpp"

namespace comptoir::accounts {
namespace {

std::vector<unsigned char> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

// The key of the RFC 4226 and RFC 6238 (SHA-1) test vectors.
const std::vector<unsigned char> kRfcKey = bytes_of("12345678901234567890");

TEST(Totp, MatchesRfc6238Sha1Vectors) {
  // RFC 6238 Appendix B, SHA-1 column.
  const std::vector<std::pair<std::int64_t, std::string>> vectors{
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(totp_code(kRfcKey, time, 8), code) << "at " << time;
  }
}

TEST(Totp, SixDigitCodesKeepTheirLeadingZeros) {
  EXPECT_EQ(totp_code(kRfcKey, 1111111109), "081804");
  EXPECT_EQ(totp_code(kRfcKey, 1111111109).size(), 6u);
}

TEST(Totp, RefusesTimesBeforeTheEpochAndOddDigitCounts) {
  EXPECT_THROW(totp_code(kRfcKey, -1), std::invalid_argument);
  EXPECT_THROW(totp_code(kRfcKey, 59, 5), std::invalid_argument);
  EXPECT_THROW(totp_code(kRfcKey, 59, 9), std::invalid_argument);
}

TEST(Hotp, MatchesRfc4226Vectors) {
  // RFC 4226 Appendix D.
  const std::vector<std::string> codes{"755224", "287082", "359152", "969429", "338314",
                                       "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < codes.size(); ++counter) {
    EXPECT_EQ(hotp(kRfcKey, counter), codes[counter]) << "counter " << counter;
  }
}

TEST(Base32, MatchesRfc4648Vectors) {
  // RFC 4648 §10, without the padding.
  EXPECT_EQ(base32_encode(bytes_of("")), "");
  EXPECT_EQ(base32_encode(bytes_of("f")), "MY");
  EXPECT_EQ(base32_encode(bytes_of("fo")), "MZXQ");
  EXPECT_EQ(base32_encode(bytes_of("foo")), "MZXW6");
  EXPECT_EQ(base32_encode(bytes_of("foob")), "MZXW6YQ");
  EXPECT_EQ(base32_encode(bytes_of("fooba")), "MZXW6YTB");
  EXPECT_EQ(base32_encode(bytes_of("foobar")), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("MZXW6YQ="), bytes_of("foob"));
}

TEST(Base32, DecodesWhatItEncodes) {
  for (std::size_t size = 0; size <= 21; ++size) {
    std::vector<unsigned char> bytes(size);
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<unsigned char>(i * 37 + 200);
    EXPECT_EQ(base32_decode(base32_encode(bytes)), bytes) << size << " bytes";
  }
}

TEST(Base32, ForgivesCaseSpacesAndPadding) {
  EXPECT_EQ(base32_decode("mzxw 6ytb oi"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("  mZxW6  "), bytes_of("foo"));
}

TEST(Base32, RejectsWhatNoEncoderProduces) {
  EXPECT_FALSE(base32_decode("MZXW6YT1"));  // 1 is not in the alphabet
  EXPECT_FALSE(base32_decode("MZXW6YT0"));  // nor 0
  EXPECT_FALSE(base32_decode("MZX=W6"));    // padding inside
  EXPECT_FALSE(base32_decode("M"));         // 1, 3 or 6 trailing symbols cannot happen
  EXPECT_FALSE(base32_decode("MZX"));
  EXPECT_FALSE(base32_decode("MZXW6Y"));
  EXPECT_FALSE(base32_decode("MZ"));  // "f" is MY: Z sets bits past the last byte
  EXPECT_FALSE(base32_decode("MZXW6YTB\xc3\xa9"));
}

TEST(TotpSecret, EverySecretIsDifferent) {
  std::set<std::string> secrets;
  for (int i = 0; i < 200; ++i) secrets.insert(base32_encode(generate_totp_secret().bytes));
  EXPECT_EQ(secrets.size(), 200u);
}

TEST(TotpSecret, ReadsBackFromItsBase32) {
  auto secret = generate_totp_secret();
  auto text = base32_encode(secret.bytes);
  EXPECT_EQ(text.size(), 32u);
  auto read = totp_secret_from_base32(text);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->bytes, secret.bytes);
  EXPECT_FALSE(totp_secret_from_base32("MZXW6YTBOI"));  // a valid base32, but 6 bytes
}

constexpr std::int64_t kNow = 1'700'000'000;  // inside step 56'666'666
constexpr std::int64_t kStep = kNow / kTotpStepSeconds;

TEST(VerifyTotp, AcceptsTheCurrentStepAndOneStepEitherSide) {
  for (std::int64_t offset : {-1, 0, 1}) {
    auto code = totp_code(kRfcKey, kNow + offset * kTotpStepSeconds);
    EXPECT_EQ(verify_totp(kRfcKey, code, kNow, kNoTotpStepUsed), kStep + offset)
        << "offset " << offset;
  }
}

TEST(VerifyTotp, RejectsCodesTwoStepsAway) {
  for (std::int64_t offset : {-2, 2}) {
    auto code = totp_code(kRfcKey, kNow + offset * kTotpStepSeconds);
    EXPECT_FALSE(verify_totp(kRfcKey, code, kNow, kNoTotpStepUsed)) << "offset " << offset;
  }
}

TEST(VerifyTotp, RejectsTheCodeOfAnotherKey) {
  auto other = generate_totp_secret();
  EXPECT_FALSE(verify_totp(other.bytes, totp_code(kRfcKey, kNow), kNow, kNoTotpStepUsed));
}

TEST(VerifyTotp, ACodeCannotBeUsedTwice) {
  auto code = totp_code(kRfcKey, kNow);
  auto used = verify_totp(kRfcKey, code, kNow, kNoTotpStepUsed);
  ASSERT_EQ(used, kStep);
  EXPECT_FALSE(verify_totp(kRfcKey, code, kNow, *used));
  EXPECT_FALSE(verify_totp(kRfcKey, code, kNow + kTotpStepSeconds, *used));  // still in window
}

TEST(VerifyTotp, AnEarlierStepIsRefusedOnceALaterOneWasUsed) {
  auto previous = totp_code(kRfcKey, kNow - kTotpStepSeconds);
  EXPECT_FALSE(verify_totp(kRfcKey, previous, kNow, kStep));
  auto next = totp_code(kRfcKey, kNow + kTotpStepSeconds);
  EXPECT_EQ(verify_totp(kRfcKey, next, kNow, kStep), kStep + 1);
}

TEST(VerifyTotp, IgnoresSpacesInsideTheCode) {
  auto code = totp_code(kRfcKey, kNow);
  auto spaced = code.substr(0, 3) + " " + code.substr(3);
  EXPECT_EQ(verify_totp(kRfcKey, spaced, kNow, kNoTotpStepUsed), kStep);
  EXPECT_EQ(verify_totp(kRfcKey, " " + code + " ", kNow, kNoTotpStepUsed), kStep);
}

TEST(VerifyTotp, RejectsAnythingButSixDigits) {
  auto code = totp_code(kRfcKey, kNow);
  for (const std::string& bad :
       {std::string{}, std::string("      "), code.substr(1), code + "0", "0" + code,
        code.substr(0, 5) + "a", "+" + code.substr(1), code.substr(0, 5) + "-" + code.substr(5),
        code + std::string(1, '\0'),
        std::string("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6")}) {
    EXPECT_FALSE(verify_totp(kRfcKey, bad, kNow, kNoTotpStepUsed)) << "'" << bad << "'";
  }
}

TEST(VerifyTotp, AcceptsTheFirstStepsAfterTheEpoch) {
  EXPECT_EQ(verify_totp(kRfcKey, totp_code(kRfcKey, 0), 10, kNoTotpStepUsed), 0);
}

TEST(OtpauthUri, FollowsTheKeyUriFormat) {
  TotpSecret secret;
  std::ranges::copy(kRfcKey, secret.bytes.begin());
  EXPECT_EQ(otpauth_uri("Comptoir", "marie", secret),
            "otpauth://totp/Comptoir:marie?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Comptoir&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, PercentEncodesIssuerAndAccount) {
  auto uri = otpauth_uri("Comptoir & Fils: Québec", "marie+staff@exemple.ca", TotpSecret{});
  EXPECT_TRUE(
      uri.starts_with("otpauth://totp/Comptoir%20%26%20Fils%3A%20Qu%C3%A9bec:"
                      "marie%2Bstaff%40exemple.ca?secret="))
      << uri;
  EXPECT_NE(uri.find("&issuer=Comptoir%20%26%20Fils%3A%20Qu%C3%A9bec&"), std::string::npos) << uri;
  EXPECT_THROW(otpauth_uri("", "marie", TotpSecret{}), std::invalid_argument);
  EXPECT_THROW(otpauth_uri("Comptoir", "", TotpSecret{}), std::invalid_argument);
}

TEST(RecoveryCodes, HaveTheDocumentedShape) {
  const std::regex shape("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}");
  auto codes = generate_recovery_codes();
  EXPECT_EQ(codes.size(), 10u);
  for (const auto& code : codes) EXPECT_TRUE(std::regex_match(code, shape)) << code;
  EXPECT_EQ(generate_recovery_codes(3).size(), 3u);
}

TEST(RecoveryCodes, AreAllDifferent) {
  auto codes = generate_recovery_codes(1000);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 1000u);
}

TEST(RecoveryCodes, NormalizationForgivesCaseSpacesAndDashes) {
  EXPECT_EQ(normalize_recovery_code("k7m2-q9xp-4hfd"), "k7m2q9xp4hfd");
  EXPECT_EQ(normalize_recovery_code(" K7M2 Q9XP-4hFd "), "k7m2q9xp4hfd");
  EXPECT_EQ(normalize_recovery_code("k7m2q9xp4hfd"), "k7m2q9xp4hfd");
}

TEST(RecoveryCodes, NormalizationReadsLookAlikeLettersAsDigits) {
  EXPECT_EQ(normalize_recovery_code("oO0-iIlL1"), "00011111");
}

TEST(RecoveryCodes, HashIsAStableSha256OfTheNormalizedCode) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(hash_recovery_code("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto code = generate_recovery_codes(1).front();
  auto hash = hash_recovery_code(normalize_recovery_code(code));
  EXPECT_EQ(hash, hash_recovery_code(normalize_recovery_code(code)));
  EXPECT_EQ(hash, hash_recovery_code(code));
  EXPECT_NE(hash, hash_recovery_code("k7m2q9xp4hfd"));
}

}  // namespace
}  // namespace comptoir::accounts
