#include <gtest/gtest.h>

#include <set>

#include "core/sealed_box.hpp"

namespace comptoir::core {
namespace {

constexpr std::string_view kLine1 = "addresses:42:line1";

SecretKey key(std::string id, unsigned char fill) {
  SecretKey key{std::move(id), {}};
  key.bytes.fill(fill);
  return key;
}

const SecretKeys kKeys({key("2024", 1)});
// After rotation: a new active key, the old one still accepted.
const SecretKeys kRotatedKeys({key("2025", 2), key("2024", 1)});

TEST(SealedBox, OpensWhatItSealed) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis, Montréal", kLine1);
  EXPECT_EQ(open(kKeys, sealed, kLine1), "1234 rue Saint-Denis, Montréal");
}

TEST(SealedBox, SealedValueNamesItsKeyAndHidesThePlaintext) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  EXPECT_TRUE(sealed.starts_with("v1.2024."));
  EXPECT_EQ(sealed.find("Saint-Denis"), std::string::npos);
  EXPECT_EQ(sealed.find('='), std::string::npos);
  EXPECT_EQ(sealed_key_id(sealed), "2024");
}

TEST(SealedBox, SameValueSealsDifferentlyEachTime) {
  std::set<std::string> sealed;
  for (int i = 0; i < 50; ++i) sealed.insert(seal(kKeys, "514-555-0199", "customers:7:phone"));
  EXPECT_EQ(sealed.size(), 50u);
}

TEST(SealedBox, EmptyValueRoundTrips) {
  EXPECT_EQ(open(kKeys, seal(kKeys, "", kLine1), kLine1), "");
}

TEST(SealedBox, ValueMovedToAnotherRowDoesNotOpen) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  EXPECT_EQ(open(kKeys, sealed, "addresses:43:line1").error(), OpenError::forged);
}

TEST(SealedBox, ValueMovedToAnotherColumnDoesNotOpen) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  EXPECT_EQ(open(kKeys, sealed, "addresses:42:line2").error(), OpenError::forged);
}

TEST(SealedBox, AlteredByteDoesNotOpen) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  for (auto position : {std::string("v1.2024.").size(), sealed.size() / 2, sealed.size() - 2}) {
    auto altered = sealed;
    altered[position] = altered[position] == 'A' ? 'B' : 'A';
    EXPECT_EQ(open(kKeys, altered, kLine1).error(), OpenError::forged) << position;
  }
}

TEST(SealedBox, ValueUnderAnotherKeyIdDoesNotOpen) {
  auto sealed = seal(kRotatedKeys, "1234 rue Saint-Denis", kLine1);  // under 2025
  auto relabelled = "v1.2024." + sealed.substr(std::string("v1.2025.").size());
  EXPECT_EQ(open(kRotatedKeys, relabelled, kLine1).error(), OpenError::forged);
}

TEST(SealedBox, ValueUnderARetiredKeyIsUnknown) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  const SecretKeys only_new({key("2025", 2)});
  EXPECT_EQ(open(only_new, sealed, kLine1).error(), OpenError::unknown_key);
}

TEST(SealedBox, OldKeyStillOpensAfterRotation) {
  auto sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  EXPECT_EQ(open(kRotatedKeys, sealed, kLine1), "1234 rue Saint-Denis");
  EXPECT_FALSE(sealed_under_active_key(kRotatedKeys, sealed));
}

TEST(SealedBox, ResealingMovesTheValueToTheActiveKey) {
  auto old_sealed = seal(kKeys, "1234 rue Saint-Denis", kLine1);
  auto resealed = seal(kRotatedKeys, open(kRotatedKeys, old_sealed, kLine1).value(), kLine1);
  EXPECT_EQ(sealed_key_id(resealed), "2025");
  EXPECT_TRUE(sealed_under_active_key(kRotatedKeys, resealed));
  EXPECT_EQ(open(kRotatedKeys, resealed, kLine1), "1234 rue Saint-Denis");
}

TEST(SealedBox, RefusesValuesWithoutTheHeader) {
  auto payload = seal(kKeys, "1234 rue Saint-Denis", kLine1).substr(std::string("v1.2024.").size());
  for (const std::string& bad :
       {std::string(""), std::string("1234 rue Saint-Denis"), std::string("v1."),
        std::string("v1.2024"), std::string("v1.2024."), "v1.." + payload, "v2.2024." + payload}) {
    EXPECT_EQ(open(kKeys, bad, kLine1).error(), OpenError::malformed) << bad;
    EXPECT_FALSE(sealed_key_id(bad)) << bad;
    EXPECT_FALSE(sealed_under_active_key(kKeys, bad)) << bad;
  }
}

TEST(SealedBox, RefusesAPayloadThatIsNotBase64urlOfNonceAndTag) {
  auto payload = seal(kKeys, "1234 rue Saint-Denis", kLine1).substr(std::string("v1.2024.").size());
  for (const std::string& bad : {"v1.2024." + payload + "=", "v1.2024." + payload + "!",
                                 "v1.2024." + payload.substr(0, 20)}) {
    EXPECT_EQ(open(kKeys, bad, kLine1).error(), OpenError::malformed) << bad;
    // The header alone names the key; the payload is only checked when opening.
    EXPECT_EQ(sealed_key_id(bad), "2024") << bad;
  }
}

TEST(SealedBox, SealingWithoutAKeyIsABug) {
  EXPECT_THROW(seal(SecretKeys(), "1234 rue Saint-Denis", kLine1), std::logic_error);
  EXPECT_FALSE(sealed_under_active_key(SecretKeys(), seal(kKeys, "x", kLine1)));
}

}  // namespace
}  // namespace comptoir::core
