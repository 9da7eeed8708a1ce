#include "accounts/seed/demo_accounts.hpp"

#include <stdexcept>

#include "accounts/credential_repository.hpp"
#include "accounts/password.hpp"
#include "accounts/sealed_fields.hpp"
#include "accounts/totp.hpp"
#include "accounts/user_repository.hpp"
#include "core/sealed_box.hpp"

namespace comptoir::accounts::seed {

const std::vector<DemoAccount>& demo_accounts() {
  // Known on purpose: this is a demonstration shop on a developer's machine. Never in production.
  static const std::vector<DemoAccount> accounts{
      {"owner", "proprio@comptoir.example", "Demo-proprio-2026", "INHETOPBASM2BM5R6RHOAX4IK7D6XLWP",
       "Odile Proprio", "fr"},
      {"admin", "admin@comptoir.example", "Demo-admin-2026", "V6VQBX54TE6DKPFIPUROG77NS6B33ZCV",
       "Alain Admin", "fr"},
      {"order_manager", "commandes@comptoir.example", "Demo-commandes-2026",
       "O7MVIKPCPJICGIJLBNWLXORYHGF4UPB5", "Chloé Commandes", "fr"},
      {"catalog_manager", "catalogue@comptoir.example", "Demo-catalogue-2026",
       "5XAEOTSJQKDVMYBR362WFAXUDVOANB6G", "Carl Catalogue", "en"},
      {"support", "soutien@comptoir.example", "Demo-soutien-2026",
       "UVFPITJM3XEIRL3UGJOLBXM5BNHFYWBN", "Sophie Soutien", "fr"},
      {"customer", "client@comptoir.example", "Demo-client-2026", "", "Claire Client", "fr"},
  };
  return accounts;
}

int seed_demo_accounts(db::Connection& conn, const core::SecretKeys& keys) {
  UserRepository users(conn);
  CredentialRepository credentials(conn);
  int added = 0;
  for (const auto& account : demo_accounts()) {
    if (users.find_by_email(account.email)) continue;
    auto role = users.find_role(account.role);
    if (!role)
      throw std::runtime_error("demo accounts: no role named " + std::string(account.role));
    auto id = users.insert({.email = std::string(account.email),
                            .password_hash = hash_password(account.password),
                            .display_name = std::string(account.display_name),
                            .locale = std::string(account.locale),
                            .role_id = role->id});
    if (!id) continue;  // taken meanwhile
    credentials.mark_email_verified(*id);
    if (!account.totp_secret.empty()) {
      credentials.set_pending_totp(
          *id, core::seal(keys, account.totp_secret, sealed_fields::user_totp_secret(*id)));
      credentials.enable_totp(*id, 0);
    }
    ++added;
  }
  return added;
}

}  // namespace comptoir::accounts::seed
