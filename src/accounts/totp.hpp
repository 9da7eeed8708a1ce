#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::accounts {

// Staff two-factor authentication: time-based one-time passwords (RFC 6238) as authenticator apps
// compute them — HMAC-SHA1, 6 digits, 30-second steps counted from the Unix epoch — and
// single-use recovery codes for a lost phone.
inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpStepSeconds = 30;
// What to pass as `last_used_step` for an account that has never used a code: every real step
// (Unix time / 30) is greater.
inline constexpr std::int64_t kNoTotpStepUsed = -1;

// 160 bits, the key length RFC 4226 §4 (R6) recommends for HMAC-SHA1.
struct TotpSecret {
  std::array<unsigned char, 20> bytes{};
};

TotpSecret generate_totp_secret();

// RFC 4648 base32, the form authenticator apps take secrets in. Encoding is upper case without
// padding; decoding ignores case, spaces and trailing `=`, so a secret typed by hand is accepted.
std::string base32_encode(std::span<const unsigned char> bytes);
// nullopt on a symbol outside the alphabet, a length no encoder produces, or non-zero pad bits
// (a typo in the last symbol).
std::optional<std::vector<unsigned char>> base32_decode(std::string_view text);
// nullopt unless `text` decodes to exactly the 20 bytes of a secret.
std::optional<TotpSecret> totp_secret_from_base32(std::string_view text);

// RFC 4226 HOTP of `counter`, zero-padded to `digits` (6 to 8, as §5.3 allows).
std::string hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits = 6);
// RFC 6238 TOTP at `unix_time` (not negative), zero-padded to `digits`.
std::string totp_code(std::span<const unsigned char> key, std::int64_t unix_time,
                      int digits = kTotpDigits, std::int64_t step = kTotpStepSeconds);

// The time step `code` belongs to, when it is the code of the current step or of one step either
// side (phone clocks drift, users type slowly) and that step is strictly after `last_used_step`.
// The caller stores the returned step as the new `last_used_step`, so a code seen once — over a
// shoulder, in a proxy log — cannot be used again. `code` must be 6 ASCII digits; spaces anywhere
// are ignored ("123 456" is how apps display it).
std::optional<std::int64_t> verify_totp(std::span<const unsigned char> key, std::string_view code,
                                        std::int64_t unix_time, std::int64_t last_used_step);

// The Key URI authenticator apps read from a QR code (Google Authenticator "Key Uri Format"):
// otpauth://totp/Issuer:account?secret=…&issuer=Issuer&algorithm=SHA1&digits=6&period=30, with
// issuer and account percent-encoded per RFC 3986. Both must be non-empty: the issuer is what
// tells this entry apart from the user's other accounts in the app.
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        const TotpSecret& secret);

// Recovery codes read `k7m2-q9xp-4hfd`: 12 symbols of Crockford's base32 (no i, l, o or u), so 60
// random bits each, in groups of four to be copied by hand. Each code is unique within the set.
inline constexpr std::size_t kRecoveryCodeSymbols = 12;
std::vector<std::string> generate_recovery_codes(int count = 10);
// What the user meant: lower case, without spaces or dashes, and with the letters Crockford's
// alphabet leaves out read as the digits they resemble (o → 0, i and l → 1).
std::string normalize_recovery_code(std::string_view typed);
// Lower-case hex SHA-256 of the normalized code (normalizing again is harmless). Compare stored
// hashes with `hashes_equal` from api_token.hpp.
std::string hash_recovery_code(std::string_view normalized);

}  // namespace comptoir::accounts
