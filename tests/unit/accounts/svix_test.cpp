#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "accounts/svix.hpp"

namespace comptoir::accounts {
namespace {

// The example from Svix's documentation and the test suites of its official libraries.
constexpr std::string_view kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view kMsgId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::string_view kTimestamp = "1614265330";
constexpr std::int64_t kSentAt = 1614265330;
constexpr std::string_view kBody = R"({"test": 2432232314})";
constexpr std::string_view kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

// Signs with libsodium's HMAC rather than OpenSSL's, so the test does not repeat the code under
// test.
std::string sign(std::string_view secret, std::string_view msg_id, std::string_view timestamp,
                 std::string_view body) {
  EXPECT_GE(sodium_init(), 0);
  secret.remove_prefix(std::string_view("whsec_").size());
  std::vector<unsigned char> key(secret.size());
  std::size_t key_size = 0;
  sodium_base642bin(key.data(), key.size(), secret.data(), secret.size(), nullptr, &key_size,
                    nullptr, sodium_base64_VARIANT_ORIGINAL);
  auto content = std::string(msg_id) + "." + std::string(timestamp) + "." + std::string(body);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key_size);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(content.data()),
                                content.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return "v1," + base64(mac, sizeof mac);
}

std::expected<void, SvixError> verify_example(std::string_view signature_header,
                                              std::int64_t now = kSentAt) {
  return verify_svix(kSecret, kMsgId, kTimestamp, signature_header, kBody, now);
}

TEST(Svix, AcceptsThePublishedExample) {
  EXPECT_TRUE(verify_example(kSignature));
}

TEST(Svix, IndependentSignatureMatchesThePublishedExample) {
  EXPECT_EQ(sign(kSecret, kMsgId, kTimestamp, kBody), kSignature);
}

TEST(Svix, AcceptsAFreshDeliveryWithAnotherSecret) {
  constexpr std::string_view kOtherSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
  auto signature = sign(kOtherSecret, "msg_2", "1700000000", R"({"type":"user.created"})");
  EXPECT_TRUE(verify_svix(kOtherSecret, "msg_2", "1700000000", signature,
                          R"({"type":"user.created"})", 1700000100));
}

TEST(Svix, AcceptsWhenAnyOfSeveralSignaturesMatches) {
  auto other = sign("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", kMsgId, kTimestamp, kBody);
  EXPECT_TRUE(verify_example(other + " " + std::string(kSignature)));
  EXPECT_TRUE(verify_example(std::string(kSignature) + " " + other));
}

TEST(Svix, IgnoresSignaturesOfOtherVersions) {
  auto as_v2 = "v2," + std::string(kSignature.substr(3));
  EXPECT_EQ(verify_example(as_v2).error(), SvixError::no_matching_signature);
  EXPECT_TRUE(verify_example("v1a,abc " + as_v2 + " " + std::string(kSignature)));
}

TEST(Svix, RefusesASignatureMadeWithAnotherSecret) {
  auto other = sign("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", kMsgId, kTimestamp, kBody);
  EXPECT_EQ(verify_example(other).error(), SvixError::no_matching_signature);
  EXPECT_EQ(verify_svix("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", kMsgId, kTimestamp, kSignature,
                        kBody, kSentAt)
                .error(),
            SvixError::no_matching_signature);
}

TEST(Svix, RefusesATamperedBody) {
  EXPECT_EQ(verify_svix(kSecret, kMsgId, kTimestamp, kSignature, R"({"test": 2432232315})", kSentAt)
                .error(),
            SvixError::no_matching_signature);
  EXPECT_EQ(verify_svix(kSecret, kMsgId, kTimestamp, kSignature, R"({"test":2432232314})", kSentAt)
                .error(),
            SvixError::no_matching_signature);
}

TEST(Svix, RefusesAnotherMessageIdOrTimestamp) {
  EXPECT_EQ(verify_svix(kSecret, "msg_other", kTimestamp, kSignature, kBody, kSentAt).error(),
            SvixError::no_matching_signature);
  EXPECT_EQ(verify_svix(kSecret, kMsgId, "1614265331", kSignature, kBody, kSentAt).error(),
            SvixError::no_matching_signature);
}

TEST(Svix, RefusesATruncatedOrMangledSignature) {
  EXPECT_EQ(verify_example(kSignature.substr(0, kSignature.size() - 1)).error(),
            SvixError::no_matching_signature);
  EXPECT_EQ(verify_example(kSignature.substr(3)).error(), SvixError::no_matching_signature);
  EXPECT_EQ(verify_example("v1,").error(), SvixError::no_matching_signature);
}

TEST(Svix, AcceptsTimestampsWithinTheTolerance) {
  EXPECT_TRUE(verify_example(kSignature, kSentAt + 300));
  EXPECT_TRUE(verify_example(kSignature, kSentAt - 300));
}

TEST(Svix, RefusesAStaleDelivery) {
  EXPECT_EQ(verify_example(kSignature, kSentAt + 301).error(), SvixError::stale_timestamp);
  EXPECT_EQ(verify_example(kSignature, kSentAt + 86400).error(), SvixError::stale_timestamp);
}

TEST(Svix, RefusesADeliveryFromTheFuture) {
  EXPECT_EQ(verify_example(kSignature, kSentAt - 301).error(), SvixError::stale_timestamp);
}

TEST(Svix, ToleranceCanBeNarrowed) {
  EXPECT_EQ(verify_svix(kSecret, kMsgId, kTimestamp, kSignature, kBody, kSentAt + 11, 10).error(),
            SvixError::stale_timestamp);
}

TEST(Svix, RefusesMissingHeaders) {
  EXPECT_EQ(verify_svix(kSecret, "", kTimestamp, kSignature, kBody, kSentAt).error(),
            SvixError::missing_header);
  EXPECT_EQ(verify_svix(kSecret, kMsgId, "", kSignature, kBody, kSentAt).error(),
            SvixError::missing_header);
  EXPECT_EQ(verify_svix(kSecret, kMsgId, kTimestamp, "", kBody, kSentAt).error(),
            SvixError::missing_header);
}

TEST(Svix, RefusesATimestampThatIsNotAnInteger) {
  for (std::string_view timestamp : {"soon", "1614265330.5", " 1614265330", "1614265330s", "+1"})
    EXPECT_EQ(verify_svix(kSecret, kMsgId, timestamp, kSignature, kBody, kSentAt).error(),
              SvixError::missing_header)
        << timestamp;
  EXPECT_EQ(
      verify_svix(kSecret, kMsgId, "99999999999999999999999", kSignature, kBody, kSentAt).error(),
      SvixError::missing_header);
}

TEST(Svix, RefusesASecretWithoutItsPrefix) {
  EXPECT_EQ(verify_svix(kSecret.substr(6), kMsgId, kTimestamp, kSignature, kBody, kSentAt).error(),
            SvixError::bad_secret);
}

TEST(Svix, RefusesASecretThatIsNotBase64) {
  for (std::string_view secret :
       {"whsec_", "whsec_not base64!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS"})
    EXPECT_EQ(verify_svix(secret, kMsgId, kTimestamp, kSignature, kBody, kSentAt).error(),
              SvixError::bad_secret)
        << secret;
}

}  // namespace
}  // namespace comptoir::accounts
