#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace comptoir::accounts {

// How much work argon2id does per hash. Raising the limits later is safe: stored hashes keep
// their own parameters, and `needs_rehash` says when to re-hash at the next successful login.
struct PasswordLimits {
  unsigned long long opslimit;
  std::size_t memlimit;

  // What the server and the commands use: OWASP's argon2id minimum (Password Storage Cheat Sheet:
  // m = 19 MiB, t = 2, p = 1; libsodium always runs one lane). OWASP rates its other lines (46 MiB
  // with 1 pass, 12 MiB with 3…) as equally strong against a guesser; of those, this one costs us
  // least: 24 ms on one core of the 2-core machine we measure on, against 54 ms for 46 MiB × 1
  // (19 MiB stays in its 32 MiB L3 cache), and two hashes at once hold 38 MiB. A login then
  // answers in well under 150 ms with room to spare when the machine is shared; libsodium's
  // moderate limits (256 MiB, 3 passes), used before, took 0.9 s and allowed 2 logins/s. Hashes
  // made with other limits are replaced at the next login (`needs_rehash`).
  static const PasswordLimits kDefault;
  // The smallest limits libsodium accepts; only for tests, where hashing must be fast.
  static const PasswordLimits kMinimum;
};

// A "$argon2id$…" string holding salt, parameters and hash; throws std::runtime_error when
// libsodium cannot allocate the memory the limits ask for.
std::string hash_password(std::string_view password,
                          PasswordLimits limits = PasswordLimits::kDefault);
// False for a wrong password and for anything that is not a hash libsodium understands.
bool verify_password(std::string_view stored_hash, std::string_view password);
// True when the stored hash was made with other limits or another algorithm, or cannot be read:
// the caller re-hashes the password it has just verified.
bool needs_rehash(std::string_view stored_hash, PasswordLimits limits = PasswordLimits::kDefault);

// Passwords everybody tries first. Entries are compared case-insensitively (ASCII), so the list
// holds each password once, in lowercase.
class CommonPasswords {
 public:
  CommonPasswords() = default;
  explicit CommonPasswords(const std::vector<std::string>& passwords);

  // One password per line; blank lines and lines starting with '#' are skipped. Throws
  // std::runtime_error when the file cannot be read: the list ships with the server.
  static CommonPasswords load(const std::filesystem::path& file);

  bool contains(std::string_view password) const;
  std::size_t size() const { return lowercased_.size(); }

 private:
  std::unordered_set<std::string> lowercased_;
};

// Lengths count Unicode code points, not bytes, so "éléphant" is as long as "elephant"; the
// maximum only bounds the work one request can ask of the server. Counting code points, imposing no
// composition rules and refusing common passwords follow NIST SP 800-63B §5.1.1.2.
inline constexpr std::size_t kPasswordMinLength = 10;
inline constexpr std::size_t kPasswordMaxLength = 128;

enum class PasswordProblem { too_short, too_long, same_as_email, too_common };

// `password` is UTF-8. Refused when too short or too long, equal to the email or to its local part
// (case-insensitive), or in `common`. The first problem found is returned.
std::expected<void, PasswordProblem> check_password_policy(std::string_view password,
                                                           std::string_view email,
                                                           const CommonPasswords& common);

// The i18n key explaining the problem to the user, e.g. "accounts.password.too_short".
std::string_view message_key(PasswordProblem problem);

}  // namespace comptoir::accounts
