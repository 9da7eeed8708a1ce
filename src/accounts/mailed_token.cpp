#include "accounts/mailed_token.hpp"

#include <fmt/format.h>

#include "accounts/account_urls.hpp"
#include "accounts/api_token.hpp"
#include "core/random.hpp"
#include "http/form.hpp"
#include "notify/outbox.hpp"

namespace comptoir::accounts {
namespace {

struct MailedToken {
  std::string token = core::random_hex(32);
  std::string hash = hash_secret(token);
};

std::string_view link_path(EmailTokenPurpose purpose, core::Locale locale) {
  switch (purpose) {
    case EmailTokenPurpose::verify_email:
      return urls::kVerify[locale];
    case EmailTokenPurpose::reset_password:
      return urls::kReset[locale];
    case EmailTokenPurpose::unlock_login:
      return urls::kUnlock[locale];
    case EmailTokenPurpose::invite:
      return urls::kInvitation[locale];
  }
  return urls::kVerify[locale];
}

}  // namespace

std::chrono::seconds token_lifetime(EmailTokenPurpose purpose) {
  if (purpose == EmailTokenPurpose::invite) return std::chrono::days{7};
  return std::chrono::hours{1};
}

void mail_token(db::Connection& conn, const User& user, EmailTokenPurpose purpose,
                std::string_view base_url, core::Locale locale,
                std::optional<std::string_view> password_hash) {
  MailedToken fresh;
  const auto lifetime = token_lifetime(purpose);
  CredentialRepository credentials(conn);
  if (!password_hash) credentials.revoke_email_tokens(user.id, purpose);
  credentials.insert_email_token(user.id, purpose, fresh.hash, lifetime, password_hash);
  auto path = link_path(purpose, locale);
  notify::Mail mail{.to = user.email,
                    .locale = locale,
                    .template_name = fmt::format("accounts.{}", purpose_name(purpose)),
                    .payload = {{"name", user.display_name},
                                {"link", fmt::format("{}{}?token={}", base_url, path,
                                                     http::form_encode(fresh.token))},
                                {"expires_in_minutes", lifetime.count() / 60}}};
  if (const auto days = std::chrono::floor<std::chrono::days>(lifetime).count(); days > 0)
    mail.payload["expires_in_days"] = days;
  notify::Outbox::enqueue(conn, mail);
}

}  // namespace comptoir::accounts
