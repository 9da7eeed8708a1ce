#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "checkout/stripe_client.hpp"
#include "checkout/stripe_signature.hpp"

namespace comptoir::checkout {
namespace {

// The signature Stripe would send, computed independently of the code under test.
std::string sign(std::string_view secret, std::int64_t t, std::string_view body) {
  auto payload = std::to_string(t) + "." + std::string(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest.data(),
       &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

constexpr std::int64_t kNow = 1'795'000'000;
constexpr std::string_view kBody = R"({"id":"evt_1","type":"checkout.session.completed"})";

TEST(StripeSignature, AcceptsTheCurrentSecret) {
  std::vector<std::string_view> secrets{"whsec_current"};
  auto header = "t=" + std::to_string(kNow) + ",v1=" + sign("whsec_current", kNow, kBody);
  EXPECT_TRUE(verify_stripe_signature(secrets, header, kBody, kNow));
}

TEST(StripeSignature, AcceptsThePreviousSecretWhileRotating) {
  std::vector<std::string_view> secrets{"whsec_new", "whsec_old"};
  auto header = "t=" + std::to_string(kNow) + ",v1=" + sign("whsec_old", kNow, kBody);
  EXPECT_TRUE(verify_stripe_signature(secrets, header, kBody, kNow));
}

TEST(StripeSignature, AcceptsAnyOfSeveralV1Entries) {
  std::vector<std::string_view> secrets{"whsec_current"};
  auto header = "t=" + std::to_string(kNow) + ",v1=" + sign("whsec_other", kNow, kBody) +
                ", v0=abc,v1=" + sign("whsec_current", kNow, kBody);
  EXPECT_TRUE(verify_stripe_signature(secrets, header, kBody, kNow));
}

TEST(StripeSignature, RefusesAlteredBodiesOtherSecretsAndMissingParts) {
  std::vector<std::string_view> secrets{"whsec_current"};
  auto good = sign("whsec_current", kNow, kBody);
  auto header = "t=" + std::to_string(kNow) + ",v1=" + good;
  EXPECT_EQ(verify_stripe_signature(secrets, header, std::string(kBody) + " ", kNow).error(),
            SignatureError::no_matching_secret);
  std::vector<std::string_view> other{"whsec_other"};
  EXPECT_EQ(verify_stripe_signature(other, header, kBody, kNow).error(),
            SignatureError::no_matching_secret);
  EXPECT_EQ(verify_stripe_signature(secrets, "", kBody, kNow).error(),
            SignatureError::missing_header);
  EXPECT_EQ(verify_stripe_signature(secrets, "v1=" + good, kBody, kNow).error(),
            SignatureError::missing_header);
  EXPECT_EQ(verify_stripe_signature(secrets, "t=" + std::to_string(kNow), kBody, kNow).error(),
            SignatureError::missing_header);
  EXPECT_EQ(verify_stripe_signature(secrets, "t=12x,v1=" + good, kBody, kNow).error(),
            SignatureError::missing_header);
  // The timestamp is signed too: changing it breaks the signature.
  auto moved = "t=" + std::to_string(kNow + 1) + ",v1=" + good;
  EXPECT_EQ(verify_stripe_signature(secrets, moved, kBody, kNow).error(),
            SignatureError::no_matching_secret);
}

TEST(StripeSignature, RefusesDeliveriesOutsideFiveMinutes) {
  std::vector<std::string_view> secrets{"whsec_current"};
  auto at = [&](std::int64_t t) {
    return "t=" + std::to_string(t) + ",v1=" + sign("whsec_current", t, kBody);
  };
  EXPECT_TRUE(verify_stripe_signature(secrets, at(kNow - 300), kBody, kNow));
  EXPECT_EQ(verify_stripe_signature(secrets, at(kNow - 301), kBody, kNow).error(),
            SignatureError::stale_timestamp);
  EXPECT_EQ(verify_stripe_signature(secrets, at(kNow + 301), kBody, kNow).error(),
            SignatureError::stale_timestamp);
}

TEST(StripeSecrets, SplitOnCommasIgnoringBlanks) {
  auto secrets = split_secrets(" whsec_a , whsec_b,,");
  ASSERT_EQ(secrets.size(), 2u);
  EXPECT_EQ(secrets[0], "whsec_a");
  EXPECT_EQ(secrets[1], "whsec_b");
  EXPECT_TRUE(split_secrets("").empty());
}

TEST(CheckoutPolicy, FormActionAllowsStripesPaymentPage) {
  auto stripe = content_security_policy("https://api.stripe.com");
  EXPECT_NE(stripe.find("form-action 'self' https://checkout.stripe.com;"), std::string::npos)
      << stripe;
  EXPECT_NE(stripe.find("default-src 'self'"), std::string::npos) << "the rest of the policy stays";
  // A test double serves the payment page on its own origin.
  auto fake = content_security_policy("http://127.0.0.1:4242/v1");
  EXPECT_NE(fake.find("form-action 'self' https://checkout.stripe.com http://127.0.0.1:4242;"),
            std::string::npos)
      << fake;
}

TEST(StripeForm, EncodesCheckoutSessionsInBracketNotation) {
  CheckoutSessionRequest request{
      .currency = "CAD",
      .line_items = {{.name = "Thé vert & fleurs", .unit_amount = 1295, .quantity = 2},
                     {.name = "TPS (5 %)", .unit_amount = 179}},
      .success_url =
          "https://shop.example/fr/commandes/cmp-x?t=k.a&session_id={CHECKOUT_SESSION_ID}",
      .cancel_url = "https://shop.example/fr/commandes/cmp-x?cancelled=1",
      .customer_email = "marie+thé@example.ca",
      .client_reference_id = "CMP-7K3Q9XAB",
      .order_number = "CMP-7K3Q9XAB",
      .locale = "fr",
      .expires_at = 1'795'001'860};
  auto form = form_encode(request);
  EXPECT_TRUE(form.starts_with("mode=payment&"));
  for (std::string_view part :
       {"line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=cad",
        "line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=1295",
        "line_items%5B0%5D%5Bprice_data%5D%5Bproduct_data%5D%5Bname%5D=Th%C3%A9%20vert%20%26%"
        "20fleurs",
        "line_items%5B0%5D%5Bquantity%5D=2", "line_items%5B1%5D%5Bquantity%5D=1",
        "success_url=https%3A%2F%2Fshop.example%2Ffr%2Fcommandes%2Fcmp-x%3Ft%3Dk.a%26session_id%3D%"
        "7BCHECKOUT_SESSION_ID%7D",
        "customer_email=marie%2Bth%C3%A9%40example.ca", "client_reference_id=CMP-7K3Q9XAB",
        "metadata%5Border_id%5D=CMP-7K3Q9XAB", "locale=fr", "expires_at=1795001860"})
    EXPECT_NE(form.find(part), std::string::npos) << part << "\nin\n" << form;
}

}  // namespace
}  // namespace comptoir::checkout
