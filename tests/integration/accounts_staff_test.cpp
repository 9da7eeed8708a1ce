#include <fmt/format.h>
#include <gtest/gtest.h>

#include "accounts/account_admin.hpp"
#include "accounts/staff_admin.hpp"
#include "auth_service_test.hpp"

namespace comptoir::accounts {
namespace {

using test::kEmail;
using test::kPassword;

constexpr std::string_view kNewPassword = "Theiere-en-gres-2026";

// The shop's team as the back office changes it (StaffAdmin): roles, sessions and invitations,
// and an invitation's link (AuthService::accept_invitation), against a real database. Marie
// (user_) is a customer.
class StaffAdminTest : public test::AuthServiceTest {
 protected:
  User make(std::string email, std::string role) {
    UserService users(database(), common_, PasswordLimits::kMinimum);
    auto made = users.create(
        {.email = std::move(email), .password = std::string(kPassword), .role = std::move(role)},
        {.actor = Actor::system()});
    EXPECT_TRUE(made) << made.error().message;
    return *made;
  }

  std::int64_t count(const std::string& sql) {
    return connect().exec(db::Query{"test_count", sql}).one<std::int64_t>();
  }
  std::string text(const std::string& sql) {
    return connect().exec(db::Query{"test_text", sql}).one<std::string>();
  }
  void sql(const std::string& text) { connect().exec_script(text); }

  // `n` live sessions of `user`; returns the id hash of the last one.
  std::string sessions_of(std::int64_t user, int n = 1) {
    std::string last;
    for (int i = 0; i < n; ++i) {
      last = fmt::format("{:064x}", user * 100 + i);
      sql(
          fmt::format("INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at) VALUES "
                      "('{}', {}, repeat('b', 64), now() + interval '1 day')",
                      last, user));
    }
    return last;
  }
  std::int64_t sessions(std::int64_t user) {
    return count(fmt::format("SELECT count(*) FROM sessions WHERE user_id = {}", user));
  }

  AuditEntry as(Actor actor) {
    return {.actor = actor, .ip = "198.51.100.4", .request_id = "req-staff"};
  }

  std::expected<RoleChange, StaffError> change_role(std::int64_t id, std::string_view role,
                                                    std::string_view expected, Actor actor) {
    return database().transact_sync([&](db::Connection& conn) {
      return StaffAdmin(conn).change_role(id, role, expected, as(actor));
    });
  }
  std::expected<std::size_t, StaffError> sign_out(std::int64_t id, Actor actor,
                                                  std::optional<std::string> keep = {}) {
    return database().transact_sync([&](db::Connection& conn) {
      std::optional<std::string_view> kept;
      if (keep) kept = *keep;
      return StaffAdmin(conn).sign_out(id, kept, as(actor));
    });
  }
  std::expected<User, StaffError> invite(Invitee invitee, Actor actor) {
    return database().transact_sync([&](db::Connection& conn) {
      return StaffAdmin(conn).invite(invitee, "https://boutique.example", as(actor));
    });
  }
  std::expected<User, StaffError> invite_again(std::int64_t id, Actor actor) {
    return database().transact_sync([&](db::Connection& conn) {
      return StaffAdmin(conn).invite_again(id, "https://boutique.example", as(actor));
    });
  }
  std::expected<StandingChange, StandingError> disable(std::int64_t id, Actor actor) {
    return database().transact_sync([&](db::Connection& conn) {
      return AccountAdmin(conn).set_disabled(id, true, false, as(actor));
    });
  }
  Outcome<User> accept(std::string token, std::string_view password) {
    return db::test::run_on_io(
        auth_->accept_invitation(std::move(token), std::string(password),
                                 {.client = {.ip = "203.0.113.8"}, .request_id = "req-accept"}));
  }
  // The token of the newest invitation mailed to `email`, from its link.
  std::string invitation_token(std::string_view email) {
    auto link = text(fmt::format(
        "SELECT payload->>'link' FROM email_outbox WHERE to_address = '{}' AND template = "
        "'accounts.invite' ORDER BY id DESC LIMIT 1",
        email));
    return link.substr(link.find("token=") + 6);
  }
};

TEST_F(StaffAdminTest, ARoleChangeEndsTheAccountsSessionsAndIsAuditedWithBeforeAndAfter) {
  auto admin = make("admin@example.ca", "admin");
  auto clerk = make("commis@example.ca", "support");
  sessions_of(clerk.id, 2);
  auto changed = change_role(clerk.id, "order_manager", "support", Actor::user(admin.id));
  ASSERT_TRUE(changed);
  EXPECT_TRUE(changed->changed);
  EXPECT_EQ(changed->user.role, "order_manager");
  EXPECT_TRUE(changed->user.can("orders:refund"));
  EXPECT_EQ(changed->sessions_ended, 2u);
  EXPECT_EQ(sessions(clerk.id), 0);
  EXPECT_EQ(count(fmt::format(
                "SELECT count(*) FROM audit_log WHERE action = 'user.role_changed' AND actor_id = "
                "{} AND target_kind = 'user' AND target_id = '{}' AND details->>'before' = "
                "'support' AND details->>'after' = 'order_manager' AND "
                "(details->>'sessions_ended')::int = 2 AND ip = '198.51.100.4' AND request_id = "
                "'req-staff'",
                admin.id, clerk.id)),
            1);

  // The same role again: nothing to do, nothing on record.
  auto audited = count("SELECT count(*) FROM audit_log");
  sessions_of(clerk.id);
  auto same = change_role(clerk.id, "order_manager", "order_manager", Actor::user(admin.id));
  ASSERT_TRUE(same);
  EXPECT_FALSE(same->changed);
  EXPECT_EQ(sessions(clerk.id), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audited);
}

TEST_F(StaffAdminTest, NobodyChangesTheirOwnRoleAndOnlyAnOwnerMakesOrChangesAnOwner) {
  auto admin = make("admin@example.ca", "admin");
  auto owner = make("proprio@example.ca", "owner");
  auto clerk = make("commis@example.ca", "support");
  auto audited = count("SELECT count(*) FROM audit_log");
  EXPECT_EQ(change_role(admin.id, "support", "admin", Actor::user(admin.id)).error(),
            StaffError::yourself);
  EXPECT_EQ(change_role(owner.id, "admin", "owner", Actor::user(owner.id)).error(),
            StaffError::yourself);
  EXPECT_EQ(change_role(clerk.id, "owner", "support", Actor::user(admin.id)).error(),
            StaffError::owner_only);
  EXPECT_EQ(change_role(owner.id, "admin", "owner", Actor::user(admin.id)).error(),
            StaffError::owner_only);
  EXPECT_EQ(change_role(clerk.id, "emperor", "support", Actor::user(admin.id)).error(),
            StaffError::unknown_role);
  EXPECT_EQ(change_role(999'999, "support", "support", Actor::user(admin.id)).error(),
            StaffError::not_found);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audited) << "a refusal writes nothing";
  EXPECT_EQ(text(fmt::format("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id "
                             "WHERE u.id = {}",
                             clerk.id)),
            "support");

  // A disabled owner is no owner: they make no one an owner.
  auto gone = make("ancien@example.ca", "owner");
  sql(fmt::format("UPDATE users SET disabled_at = now() WHERE id = {}", gone.id));
  EXPECT_EQ(change_role(clerk.id, "owner", "support", Actor::user(gone.id)).error(),
            StaffError::owner_only);

  ASSERT_TRUE(change_role(clerk.id, "owner", "support", Actor::user(owner.id)));
  ASSERT_TRUE(change_role(clerk.id, "customer", "owner", Actor::user(owner.id)));
  EXPECT_TRUE(change_role(admin.id, "support", "admin", Actor::system()));
}

TEST_F(StaffAdminTest, TheShopNeverLosesItsLastActiveOwner) {
  auto owner = make("proprio@example.ca", "owner");
  auto partner = make("associee@example.ca", "owner");
  sql(fmt::format("UPDATE users SET disabled_at = now() WHERE id = {}", partner.id));
  // The partner is disabled: the owner is the last active one, even for the system.
  EXPECT_EQ(change_role(owner.id, "admin", "owner", Actor::system()).error(),
            StaffError::last_owner);
  EXPECT_EQ(disable(owner.id, Actor::system()).error(), StandingError::last_owner);
  UserService users(database(), common_, PasswordLimits::kMinimum);
  auto cli = users.set_role(owner.email, "admin", {.actor = Actor::system()});
  ASSERT_FALSE(cli);
  EXPECT_EQ(cli.error().code, UserError::Code::forbidden);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action IN ('user.role_changed', "
                  "'user.disabled')"),
            0);

  // A disabled owner demoted leaves the active one in place.
  EXPECT_TRUE(change_role(partner.id, "admin", "owner", Actor::user(owner.id)));
  auto third = make("troisieme@example.ca", "owner");
  EXPECT_TRUE(change_role(owner.id, "admin", "owner", Actor::user(third.id)));
  EXPECT_EQ(change_role(third.id, "admin", "owner", Actor::system()).error(),
            StaffError::last_owner);
}

TEST_F(StaffAdminTest, AFormThatSawAnotherRoleChangesNothing) {
  auto admin = make("admin@example.ca", "admin");
  auto clerk = make("commis@example.ca", "support");
  ASSERT_TRUE(change_role(clerk.id, "catalog_manager", "support", Actor::user(admin.id)));
  sessions_of(clerk.id);
  auto audited = count("SELECT count(*) FROM audit_log");
  // Another staff member's page still said support.
  EXPECT_EQ(change_role(clerk.id, "order_manager", "support", Actor::user(admin.id)).error(),
            StaffError::stale);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audited);
  EXPECT_EQ(sessions(clerk.id), 1);
  EXPECT_EQ(text(fmt::format("SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id "
                             "WHERE u.id = {}",
                             clerk.id)),
            "catalog_manager");
}

TEST_F(StaffAdminTest, SigningOutEndsEverySessionButTheAskersOwnAndIsAudited) {
  auto admin = make("admin@example.ca", "admin");
  auto owner = make("proprio@example.ca", "owner");
  sessions_of(user_.id, 3);
  auto ended = sign_out(user_.id, Actor::user(admin.id));
  ASSERT_TRUE(ended);
  EXPECT_EQ(*ended, 3u);
  EXPECT_EQ(sessions(user_.id), 0);
  EXPECT_EQ(count(fmt::format(
                "SELECT count(*) FROM audit_log WHERE action = 'user.signed_out' AND actor_id = "
                "{} AND target_id = '{}' AND (details->>'sessions_ended')::int = 3",
                admin.id, user_.id)),
            1);

  // One's own account: the session asking stays.
  auto current = sessions_of(admin.id, 3);
  ASSERT_EQ(*sign_out(admin.id, Actor::user(admin.id), current), 2u);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM sessions WHERE id_hash = '{}'", current)), 1);
  // Someone else's: every one, whatever `keep` says.
  sessions_of(user_.id, 2);
  EXPECT_EQ(*sign_out(user_.id, Actor::user(admin.id), current), 2u);

  sessions_of(owner.id);
  EXPECT_EQ(sign_out(owner.id, Actor::user(admin.id)).error(), StaffError::owner_only);
  EXPECT_EQ(sessions(owner.id), 1);
  EXPECT_EQ(sign_out(999'999, Actor::user(admin.id)).error(), StaffError::not_found);
}

TEST_F(StaffAdminTest, AnInvitationMakesAnAccountWithNoPasswordAndMailsAWeekLongLink) {
  auto owner = make("proprio@example.ca", "owner");
  auto made = invite({.email = " Nouvelle.Recrue@Example.CA ",
                      .display_name = "Nadia Roy",
                      .role = "catalog_manager",
                      .locale = core::Locale::en},
                     Actor::user(owner.id));
  ASSERT_TRUE(made);
  EXPECT_EQ(made->email, "nouvelle.recrue@example.ca");
  EXPECT_EQ(made->role, "catalog_manager");
  EXPECT_EQ(made->locale, "en");
  EXPECT_FALSE(made->email_verified);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM users WHERE id = {} AND password_hash IS NULL",
                              made->id)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE to_address = "
                  "'nouvelle.recrue@example.ca' AND template = 'accounts.invite' AND locale = "
                  "'en' AND payload->>'name' = 'Nadia Roy' AND payload->>'link' LIKE "
                  "'https://boutique.example/en/invitation?token=%' AND "
                  "(payload->>'expires_in_days')::int = 7"),
            1);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM email_tokens WHERE user_id = {} AND purpose "
                              "= 'invite' AND expires_at > now() + interval '6 days 23 hours'",
                              made->id)),
            1);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE action = 'user.invited' AND "
                              "actor_id = {} AND target_id = '{}' AND details->>'role' = "
                              "'catalog_manager' AND details->>'locale' = 'en'",
                              owner.id, made->id)),
            1);
  auto facts = database().transact_sync(
      [&](db::Connection& conn) { return AccountAdmin(conn).facts(made->id); });
  EXPECT_TRUE(facts->awaits_invitation);
  EXPECT_TRUE(facts->invitation_expires_at);

  // Nobody signs in before the link is followed.
  auth();
  EXPECT_FALSE(login("nouvelle.recrue@example.ca", kNewPassword));
  auto token = invitation_token("nouvelle.recrue@example.ca");
  auto weak = accept(token, "court");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().code, Refusal::Code::weak_password);
  auto accepted = accept(token, kNewPassword);
  ASSERT_TRUE(accepted) << static_cast<int>(accepted.error().code);
  EXPECT_EQ(accepted->id, made->id);
  auto in = login("nouvelle.recrue@example.ca", kNewPassword);
  ASSERT_TRUE(in);
  EXPECT_TRUE(in->email_verified) << "following the link proved the mailbox";
  EXPECT_TRUE(in->is_staff());
  EXPECT_FALSE(in->totp_enabled) << "enrolment comes at the first sign-in";
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE action = "
                              "'user.invitation_accepted' AND target_id = '{}' AND request_id = "
                              "'req-accept'",
                              made->id)),
            1);
  EXPECT_EQ(accept(token, "Un-autre-essai-2026").error().code, Refusal::Code::bad_token)
      << "a link works once";
  EXPECT_EQ(invite_again(made->id, Actor::user(owner.id)).error(), StaffError::not_invited);
}

TEST_F(StaffAdminTest, InvitationsAreForStaffRolesNewAddressesAndOwnersOnlyFromOwners) {
  auto admin = make("admin@example.ca", "admin");
  auto audited = count("SELECT count(*) FROM audit_log");
  auto as_admin = Actor::user(admin.id);
  EXPECT_EQ(invite({.email = "MARIE@example.ca", .role = "support"}, as_admin).error(),
            StaffError::email_taken);
  EXPECT_EQ(invite({.email = "x@example.ca", .role = "customer"}, as_admin).error(),
            StaffError::not_staff);
  EXPECT_EQ(invite({.email = "x@example.ca", .role = "emperor"}, as_admin).error(),
            StaffError::unknown_role);
  EXPECT_EQ(invite({.email = "x@example.ca", .role = "owner"}, as_admin).error(),
            StaffError::owner_only);
  EXPECT_EQ(invite({.email = "pas une adresse", .role = "support"}, as_admin).error(),
            StaffError::invalid_email);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audited);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE email = 'x@example.ca'"), 0);
  EXPECT_TRUE(invite({.email = "x@example.ca", .role = "owner"}, Actor::system()));
}

TEST_F(StaffAdminTest, AnotherInvitationRevokesTheEarlierLinksAndARegistrationNeverFinishesOne) {
  auto admin = make("admin@example.ca", "admin");
  auto made = invite({.email = "recrue@example.ca", .role = "support"}, Actor::user(admin.id));
  ASSERT_TRUE(made);
  auto first = invitation_token("recrue@example.ca");

  // A stranger registering the invited address: its owner hears of it, and no link of the
  // stranger's could give the staff account a password.
  auth();
  ASSERT_TRUE(db::test::run_on_io(
      auth_->register_customer("recrue@example.ca", "Mot-de-passe-intrus-9", "Intrus",
                               core::Locale::fr, {.client = {.ip = "198.51.100.9"}})));
  EXPECT_EQ(count("SELECT count(*) FROM email_tokens t JOIN users u ON u.id = t.user_id WHERE "
                  "u.email = 'recrue@example.ca' AND t.purpose = 'verify_email'"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE to_address = 'recrue@example.ca' AND "
                  "template = 'accounts.registration_attempt'"),
            1);

  ASSERT_TRUE(invite_again(made->id, Actor::user(admin.id)));
  auto second = invitation_token("recrue@example.ca");
  ASSERT_NE(first, second);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM audit_log WHERE action = 'user.invited' AND "
                              "target_id = '{}' AND details->>'again' = 'true'",
                              made->id)),
            1);
  EXPECT_EQ(accept(first, kNewPassword).error().code, Refusal::Code::bad_token);
  EXPECT_TRUE(accept(second, kNewPassword));

  // A disabled invitee is sent nothing, and their link no longer works.
  auto other = invite({.email = "autre@example.ca", .role = "support"}, Actor::user(admin.id));
  ASSERT_TRUE(other);
  auto token = invitation_token("autre@example.ca");
  sql(fmt::format("UPDATE users SET disabled_at = now() WHERE id = {}", other->id));
  EXPECT_EQ(invite_again(other->id, Actor::user(admin.id)).error(), StaffError::not_invited);
  EXPECT_EQ(accept(token, kNewPassword).error().code, Refusal::Code::bad_token);
}

}  // namespace
}  // namespace comptoir::accounts
