#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "accounts/credential_repository.hpp"
#include "accounts/user.hpp"
#include "core/locale.hpp"

namespace comptoir::db {
class Connection;
}

// The single-use links the accounts mail (verification, reset, unlock, staff invitation): a
// random token whose SHA-256 is stored in email_tokens, and the mail carrying its link, both
// written in the caller's transaction (the mail through notify::Outbox).
namespace comptoir::accounts {

// How long a link works: a week for an invitation, an hour for the others (the schema's CHECK).
std::chrono::seconds token_lifetime(EmailTokenPurpose purpose);

// Writes a token and the mail carrying its link (template "accounts.<purpose>", payload `name`,
// `link`, `expires_in_minutes` and, for a link that lives days, `expires_in_days`). A newer token
// revokes the older ones of its purpose, except a registration's (`password_hash`): each carries
// the password its own form chose, and whichever link the mailbox's owner follows wins.
void mail_token(db::Connection& conn, const User& user, EmailTokenPurpose purpose,
                std::string_view base_url, core::Locale locale,
                std::optional<std::string_view> password_hash = std::nullopt);

}  // namespace comptoir::accounts
