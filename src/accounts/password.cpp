#include "accounts/password.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <stdexcept>

namespace comptoir::accounts {
namespace {

void init_sodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium failed to initialise");
}

// Only ASCII letters change case: emails and the common list are compared on what users type on
// any keyboard, and folding the rest of Unicode would need ICU for little gain.
std::string ascii_lowercase(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

// Every UTF-8 code point has exactly one byte that is not a continuation byte (10xxxxxx).
std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::ranges::count_if(
      utf8, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kBlank = " \t\r\n";
  auto first = s.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlank) - first + 1);
}

// libsodium reads stored hashes as NUL-terminated strings of fewer than crypto_pwhash_STRBYTES.
bool copy_stored_hash(std::string_view stored_hash, std::array<char, crypto_pwhash_STRBYTES>& out) {
  if (stored_hash.empty() || stored_hash.size() >= out.size()) return false;
  if (stored_hash.find('\0') != std::string_view::npos) return false;
  out.fill('\0');
  std::ranges::copy(stored_hash, out.begin());
  return true;
}

}  // namespace

const PasswordLimits PasswordLimits::kDefault{2, std::size_t{19} << 20};
const PasswordLimits PasswordLimits::kMinimum{crypto_pwhash_OPSLIMIT_MIN,
                                              crypto_pwhash_MEMLIMIT_MIN};

std::string hash_password(std::string_view password, PasswordLimits limits) {
  init_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), limits.opslimit,
                            limits.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error(
        fmt::format("argon2id could not hash a password with {} MiB", limits.memlimit >> 20));
  return std::string(out.data());
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  init_sodium();
  std::array<char, crypto_pwhash_STRBYTES> stored{};
  if (!copy_stored_hash(stored_hash, stored)) return false;
  return crypto_pwhash_str_verify(stored.data(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view stored_hash, PasswordLimits limits) {
  init_sodium();
  // Older hashes made with argon2i are still verified, but get upgraded to argon2id.
  if (!stored_hash.starts_with(crypto_pwhash_argon2id_STRPREFIX)) return true;
  std::array<char, crypto_pwhash_STRBYTES> stored{};
  if (!copy_stored_hash(stored_hash, stored)) return true;
  return crypto_pwhash_str_needs_rehash(stored.data(), limits.opslimit, limits.memlimit) != 0;
}

CommonPasswords::CommonPasswords(const std::vector<std::string>& passwords) {
  for (const auto& password : passwords) lowercased_.insert(ascii_lowercase(password));
}

CommonPasswords CommonPasswords::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read common passwords {}", file.string()));
  std::vector<std::string> passwords;
  for (std::string line; std::getline(in, line);) {
    auto entry = trim(line);
    if (entry.empty() || entry.starts_with('#')) continue;
    passwords.emplace_back(entry);
  }
  return CommonPasswords(passwords);
}

bool CommonPasswords::contains(std::string_view password) const {
  return lowercased_.contains(ascii_lowercase(password));
}

std::expected<void, PasswordProblem> check_password_policy(std::string_view password,
                                                           std::string_view email,
                                                           const CommonPasswords& common) {
  auto length = count_code_points(password);
  if (length < kPasswordMinLength) return std::unexpected(PasswordProblem::too_short);
  if (length > kPasswordMaxLength) return std::unexpected(PasswordProblem::too_long);
  auto lowered = ascii_lowercase(password);
  auto lowered_email = ascii_lowercase(email);
  auto local_part = std::string_view(lowered_email).substr(0, lowered_email.rfind('@'));
  if (!lowered_email.empty() && (lowered == lowered_email || lowered == local_part))
    return std::unexpected(PasswordProblem::same_as_email);
  if (common.contains(password)) return std::unexpected(PasswordProblem::too_common);
  return {};
}

std::string_view message_key(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::too_short:
      return "accounts.password.too_short";
    case PasswordProblem::too_long:
      return "accounts.password.too_long";
    case PasswordProblem::same_as_email:
      return "accounts.password.same_as_email";
    case PasswordProblem::too_common:
      return "accounts.password.too_common";
  }
  return "accounts.password.invalid";
}

}  // namespace comptoir::accounts
