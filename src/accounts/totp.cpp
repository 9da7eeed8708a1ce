#include "accounts/totp.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace comptoir::accounts {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kRecoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kRecoveryGroupSymbols = 4;

void ensure_sodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium failed to initialise");
}

std::optional<std::uint32_t> base32_value(char symbol) {
  if (symbol >= 'A' && symbol <= 'Z') return static_cast<std::uint32_t>(symbol - 'A');
  if (symbol >= 'a' && symbol <= 'z') return static_cast<std::uint32_t>(symbol - 'a');
  if (symbol >= '2' && symbol <= '7') return static_cast<std::uint32_t>(symbol - '2' + 26);
  return std::nullopt;
}

// The code as typed, without its spaces, if it is then exactly kTotpDigits ASCII digits.
std::optional<std::string> typed_totp_code(std::string_view code) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  return digits;
}

// RFC 3986 §2.3: only unreserved characters go through as they are.
std::string percent_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

}  // namespace

TotpSecret generate_totp_secret() {
  ensure_sodium();
  TotpSecret secret;
  randombytes_buf(secret.bytes.data(), secret.bytes.size());
  return secret;
}

std::string base32_encode(std::span<const unsigned char> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;  // only the low `bits` bits are pending
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> bits) & 0x1fu];
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1fu];
  return out;
}

std::optional<std::vector<unsigned char>> base32_decode(std::string_view text) {
  std::string symbols;
  std::ranges::copy_if(text, std::back_inserter(symbols), [](char c) { return c != ' '; });
  while (!symbols.empty() && symbols.back() == '=') symbols.pop_back();
  // Every 5 bytes make 8 symbols; a tail of 1 to 4 bytes makes 2, 4, 5 or 7.
  auto tail = symbols.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;

  std::vector<unsigned char> out;
  out.reserve(symbols.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char symbol : symbols) {
    auto value = base32_value(symbol);
    if (!value) return std::nullopt;
    buffer = (buffer << 5) | *value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>(buffer >> bits));
    }
  }
  if ((buffer & ((1u << bits) - 1u)) != 0) return std::nullopt;
  return out;
}

std::optional<TotpSecret> totp_secret_from_base32(std::string_view text) {
  auto bytes = base32_decode(text);
  TotpSecret secret;
  if (!bytes || bytes->size() != secret.bytes.size()) return std::nullopt;
  std::ranges::copy(*bytes, secret.bytes.begin());
  return secret;
}

std::string hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits) {
  if (digits < 6 || digits > 8) throw std::invalid_argument("HOTP codes have 6 to 8 digits");
  if (key.size() > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("HOTP key size");
  std::array<unsigned char, 8> message{};  // the counter, big-endian
  for (std::size_t i = 0; i < message.size(); ++i) {
    message[message.size() - 1 - i] = static_cast<unsigned char>(counter >> (8 * i));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_size) == nullptr ||
      mac_size != 20) {
    throw std::runtime_error("HMAC-SHA1 failed");
  }
  // Dynamic truncation, RFC 4226 §5.3: 31 bits from an offset the MAC's last nibble chooses.
  std::size_t offset = mac[19] & 0x0fu;
  std::uint32_t value = (std::uint32_t{mac[offset]} & 0x7fu) << 24 |
                        std::uint32_t{mac[offset + 1]} << 16 | std::uint32_t{mac[offset + 2]} << 8 |
                        std::uint32_t{mac[offset + 3]};
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return fmt::format("{:0{}}", value % modulus, digits);
}

std::string totp_code(std::span<const unsigned char> key, std::int64_t unix_time, int digits,
                      std::int64_t step) {
  if (unix_time < 0) throw std::invalid_argument("TOTP time before the Unix epoch");
  if (step <= 0) throw std::invalid_argument("TOTP step must be positive");
  return hotp(key, static_cast<std::uint64_t>(unix_time / step), digits);
}

std::optional<std::int64_t> verify_totp(std::span<const unsigned char> key, std::string_view code,
                                        std::int64_t unix_time, std::int64_t last_used_step) {
  auto typed = typed_totp_code(code);
  if (!typed || unix_time < 0) return std::nullopt;
  auto current = unix_time / kTotpStepSeconds;
  std::optional<std::int64_t> matched;
  // All three candidates are computed and compared in constant time whatever matches, so the
  // response time says neither how many digits were right nor which step matched.
  for (auto counter = current - 1; counter <= current + 1; ++counter) {
    if (counter < 0) continue;
    auto expected = hotp(key, static_cast<std::uint64_t>(counter), kTotpDigits);
    bool same = CRYPTO_memcmp(expected.data(), typed->data(), expected.size()) == 0;
    if (same && counter > last_used_step && !matched) matched = counter;
  }
  return matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        const TotpSecret& secret) {
  if (issuer.empty() || account.empty()) {
    throw std::invalid_argument("an otpauth URI needs an issuer and an account");
  }
  auto encoded_issuer = percent_encode(issuer);
  return fmt::format(
      "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&algorithm=SHA1&digits={3}&period={4}",
      encoded_issuer, percent_encode(account), base32_encode(secret.bytes), kTotpDigits,
      kTotpStepSeconds);
}

std::vector<std::string> generate_recovery_codes(int count) {
  if (count < 0) throw std::invalid_argument("negative recovery code count");
  ensure_sodium();
  std::vector<std::string> codes;
  while (codes.size() < static_cast<std::size_t>(count)) {
    std::string code;
    for (std::size_t i = 0; i < kRecoveryCodeSymbols; ++i) {
      if (i > 0 && i % kRecoveryGroupSymbols == 0) code += '-';
      // randombytes_uniform is unbiased; the alphabet has 32 symbols, so 5 bits each.
      code += kRecoveryAlphabet[randombytes_uniform(kRecoveryAlphabet.size())];
    }
    // A repeat is a 2^-60 event, but a set that promises n codes must hold n different ones.
    if (std::ranges::find(codes, code) == codes.end()) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (char c : typed) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // Crockford's decoding rule: the letters left out of the alphabet stand for their look-alikes.
    if (c == 'o') c = '0';
    if (c == 'i' || c == 'l') c = '1';
    out += c;
  }
  return out;
}

std::string hash_recovery_code(std::string_view normalized) {
  // A fast hash is enough here, unlike for passwords: slow hashes exist to protect guessable
  // secrets, while a recovery code carries 60 random bits, so reversing one stolen hash means
  // ~2^59 SHA-256 on average — years of GPU time for one single-use code.
  ensure_sodium();
  auto code = normalize_recovery_code(normalized);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(code.data()),
                     code.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

}  // namespace comptoir::accounts
