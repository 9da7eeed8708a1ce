#include "accounts/two_factor.hpp"

#include <chrono>

#include "accounts/account_urls.hpp"
#include "accounts/audit_log.hpp"
#include "accounts/credential_repository.hpp"
#include "accounts/qr_svg.hpp"
#include "accounts/sealed_fields.hpp"
#include "accounts/totp.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "notify/outbox.hpp"

namespace comptoir::accounts {
namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

AuditEntry audit(std::string action, const RequestInfo& info, std::int64_t user_id) {
  return {.actor = Actor::user(user_id),
          .action = std::move(action),
          .target_kind = "user",
          .target_id = std::to_string(user_id),
          .ip = info.client.ip,
          .request_id = info.request_id};
}

std::optional<TotpSecret> open_secret(const core::SecretKeys& keys, const TotpState& state,
                                      std::int64_t user_id) {
  if (!state.sealed_secret) return std::nullopt;
  auto opened = core::open(keys, *state.sealed_secret, sealed_fields::user_totp_secret(user_id));
  if (!opened) return std::nullopt;
  return totp_secret_from_base32(*opened);
}

}  // namespace

std::string group_by_four(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += text[i];
  }
  return out;
}

boost::asio::awaitable<Enrolment> TwoFactorService::enrolment(const User& user,
                                                              std::string qr_label) {
  auto secret = co_await deps_.db.transact([&](db::Connection& conn) {
    CredentialRepository credentials(conn);
    auto state = credentials.totp_state(user.id);
    if (!state.enabled)
      if (auto pending = open_secret(deps_.keys, state, user.id)) return *pending;
    // No pending secret yet (or one sealed under a key since removed): make one.
    auto fresh = generate_totp_secret();
    credentials.set_pending_totp(user.id, core::seal(deps_.keys, base32_encode(fresh.bytes),
                                                     sealed_fields::user_totp_secret(user.id)));
    return fresh;
  });
  Enrolment out;
  out.secret_text = group_by_four(base32_encode(secret.bytes));
  out.otpauth_uri = otpauth_uri(deps_.issuer, user.email, secret);
  out.qr_svg = qr_svg(out.otpauth_uri, qr_label);
  co_return out;
}

boost::asio::awaitable<Outcome<std::vector<std::string>>> TwoFactorService::confirm(
    const User& user, std::string code, RequestInfo info) {
  auto bucket = account_bucket("2fa", user.email);
  auto decision = co_await deps_.limiter.take(bucket, deps_.code_limit);
  if (!decision.allowed)
    co_return std::unexpected(
        Refusal{.code = Refusal::Code::rate_limited, .retry_after = decision.retry_after});
  auto codes = generate_recovery_codes();
  auto now = unix_now();
  auto enabled = co_await deps_.db.transact([&](db::Connection& conn) {
    CredentialRepository credentials(conn);
    auto state = credentials.totp_state(user.id);
    auto secret = open_secret(deps_.keys, state, user.id);
    if (state.enabled || !secret) return false;
    auto step = verify_totp(secret->bytes, code, now, kNoTotpStepUsed);
    if (!step) return false;
    credentials.enable_totp(user.id, *step);
    std::vector<std::string> hashes;
    for (const auto& each : codes)
      hashes.push_back(hash_recovery_code(normalize_recovery_code(each)));
    credentials.replace_recovery_codes(user.id, hashes);
    append_audit(conn, audit("two_factor.enrolled", info, user.id));
    return true;
  });
  if (!enabled) co_return std::unexpected(Refusal{.code = Refusal::Code::bad_credentials});
  co_await deps_.limiter.reset(bucket);
  co_return codes;
}

boost::asio::awaitable<Outcome<void>> TwoFactorService::check(const User& user, std::string code,
                                                              RequestInfo info) {
  auto bucket = account_bucket("2fa", user.email);
  auto decision = co_await deps_.limiter.take(bucket, deps_.code_limit);
  if (!decision.allowed)
    co_return std::unexpected(
        Refusal{.code = Refusal::Code::rate_limited, .retry_after = decision.retry_after});
  auto now = unix_now();
  auto accepted = co_await deps_.db.transact([&](db::Connection& conn) {
    CredentialRepository credentials(conn);
    auto state = credentials.totp_state(user.id);
    bool ok = false;
    std::string how = "totp";
    if (auto secret = open_secret(deps_.keys, state, user.id); secret && state.enabled) {
      if (auto step = verify_totp(secret->bytes, code, now, state.last_step))
        ok = credentials.use_totp_step(user.id, *step);  // false: the same code raced us
    }
    if (!ok && state.enabled) {
      auto normalized = normalize_recovery_code(code);
      if (normalized.size() == kRecoveryCodeSymbols) {
        ok = credentials.use_recovery_code(user.id, hash_recovery_code(normalized));
        how = "recovery_code";
      }
    }
    auto entry = audit(ok ? "two_factor.succeeded" : "two_factor.failed", info, user.id);
    entry.details["method"] = how;
    if (ok && how == "recovery_code")
      entry.details["recovery_codes_left"] = credentials.unused_recovery_codes(user.id);
    append_audit(conn, entry);
    return ok;
  });
  if (!accepted) co_return std::unexpected(Refusal{.code = Refusal::Code::bad_credentials});
  co_await deps_.limiter.reset(bucket);
  co_return Outcome<void>{};
}

boost::asio::awaitable<bool> TwoFactorService::count_failure(const User& user, std::string session,
                                                             RequestInfo info) {
  auto bucket = "code_session:" + session;
  auto decision = co_await deps_.limiter.take(bucket, deps_.session_failures);
  // The last failure allowed empties the bucket: that one ends the sign-in.
  if (decision.allowed && decision.tokens_left >= 1) co_return false;
  auto locale = user.locale == "en" ? core::Locale::en : core::Locale::fr;
  co_await deps_.db.transact([&](db::Connection& conn) {
    auto entry = audit("two_factor.locked_out", info, user.id);
    entry.details["failures"] = static_cast<std::int64_t>(deps_.session_failures.burst);
    append_audit(conn, entry);
    // Someone knows the password: the owner hears of it, with the way to change it.
    notify::Mail mail{
        .to = user.email,
        .locale = locale,
        .template_name = "accounts.two_factor_locked",
        .payload = {{"name", user.display_name},
                    {"link", deps_.base_url + std::string(urls::kForgot[locale])},
                    {"failures", static_cast<std::int64_t>(deps_.session_failures.burst)}}};
    notify::Outbox::enqueue(conn, mail);
  });
  co_await deps_.limiter.reset(bucket);
  co_return true;
}

}  // namespace comptoir::accounts
