#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <expected>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/locale.hpp"
#include "http/form.hpp"
#include "http/types.hpp"
#include "views/dictionary.hpp"

namespace comptoir::db {
class Database;
class Connection;
}  // namespace comptoir::db
namespace comptoir::i18n {
class Catalog;
class Formatter;
}  // namespace comptoir::i18n
namespace comptoir::views {
class Views;
}
namespace comptoir::staticfiles {
class AssetStore;
}
namespace comptoir::accounts {
class SessionService;
class AuthService;
struct Session;
struct User;
}  // namespace comptoir::accounts
namespace comptoir::orders {
class OrderService;
class ReturnService;
}  // namespace comptoir::orders
namespace comptoir::checkout {
class RefundService;
}
namespace comptoir::catalog {
class CatalogService;
class CatalogImports;
}  // namespace comptoir::catalog
namespace comptoir::accounts {
class TwoFactorService;
class AddressBook;
}  // namespace comptoir::accounts

namespace comptoir::admin {

// What the back office is built on: the services it drives and the shared web kit.
struct AdminDeps {
  db::Database& db;
  accounts::SessionService& sessions;
  accounts::AuthService& auth;
  orders::OrderService& orders;
  orders::ReturnService& returns;
  checkout::RefundService& refunds;
  catalog::CatalogService& catalog;
  catalog::CatalogImports& imports;
  accounts::TwoFactorService& two_factor;
  accounts::AddressBook& addresses;
  const views::Views& views;
  const i18n::Catalog& messages;
  const i18n::Formatter& formatter;
  const staticfiles::AssetStore& assets;
  std::string allowed_origin{};  // BASE_URL's origin, for the CSRF checks
  // Where scheduled backups are written; empty when COMPTOIR_BACKUP_SCHEDULE is unset.
  std::filesystem::path backup_dir{};
  std::string base_url{};  // BASE_URL, for the links mailed from the back office (invitations)
};

// The staff member a screen serves: signed in, second factor given in this session, holding the
// screen's permission.
struct Staff {
  accounts::Session& session;
  core::Locale locale;

  const accounts::User& user() const;
  bool can(std::string_view permission) const;
  const std::string& csrf() const;
};

// One section of the navigation (the current screen's is marked).
enum class Section {
  dashboard,
  orders,
  returns,
  products,
  customers,
  activity,
  settings,
  categories,
  incidents,
};

// What every screen shares: the gate, CSRF, the layout, the audit trail, texts and amounts.
class Kit {
 public:
  explicit Kit(AdminDeps deps);

  // The staff member if the session may use a screen that needs `permission` (empty: any staff
  // member); otherwise the answer: 303 to the login page with a way back (anonymous), to the code
  // page (password given, code awaited), to 2FA enrolment (staff without it), or the 403 page
  // (customers, and staff without the permission: audited as access.denied).
  http::net::awaitable<std::expected<Staff, http::Response>> admit(
      http::Context& ctx, std::string_view permission) const;

  // The form's token is the session's and the browser says the form came from this site.
  bool csrf_ok(const http::Context& ctx, const Staff& staff, const http::Form& form) const;

  // A posted form of a screen that needs `permission`: admit(), then the form, its CSRF token
  // checked (403 when it fails).
  struct Posted {
    Staff staff;
    http::Form form;
  };
  http::net::awaitable<std::expected<Posted, http::Response>> admit_form(
      http::Context& ctx, std::string_view permission) const;

  // `body_template` (under templates/admin/) filled by `body`, in the back office's layout.
  http::Response page(http::Status status, const http::Context& ctx, const Staff& staff,
                      Section section, std::string_view title, std::string_view body_template,
                      views::Dict& body, std::string_view notice = {},
                      std::string_view error = {}) const;
  // The translated message of ?notice=NAME, looked up under "admin.notice.NAME"; empty otherwise.
  std::string notice(const http::Context& ctx, core::Locale locale) const;

  // Money and destructive actions ask for a fresh second factor when the last one given in this
  // session is older than this.
  static constexpr std::chrono::minutes kFreshFactor{10};
  bool needs_fresh_code(const Staff& staff) const;
  // When needs_fresh_code: checks `code` (a current TOTP code or a recovery code, throttled as at
  // sign-in) and, if right, records it on the session. The message key of a refusal, else nullopt.
  http::net::awaitable<std::optional<std::string>> confirm_identity(http::Context& ctx,
                                                                    const Staff& staff,
                                                                    std::string code) const;

  // Appends a staff action to the audit log on `conn` (inside the action's transaction), with the
  // request's address and id.
  void audit(db::Connection& conn, const http::Context& ctx, const Staff& staff,
             std::string_view action, std::string_view target_kind, std::string_view target_id,
             boost::json::object details = {}) const;

  std::string t(core::Locale locale, std::string_view key) const;
  // Sets each template variable of `pairs` (variable, message key) to its translated text.
  void labels(views::Dict& dict, core::Locale locale,
              std::initializer_list<std::pair<std::string_view, std::string_view>> pairs) const;
  std::string money(std::int64_t minor_units, std::string_view currency, core::Locale locale) const;
  std::string number(std::int64_t value, core::Locale locale) const;
  // "2026-12-02T14:05:09Z" → "2026-12-02 14:05 UTC"
  static std::string when(std::string_view iso);
  static std::string when(std::chrono::sys_seconds time);

  const AdminDeps& deps() const { return deps_; }

 private:
  http::Response forbidden(const http::Context& ctx, core::Locale locale) const;

  AdminDeps deps_;
  std::string site_stylesheet_;
  std::string admin_stylesheet_;
  std::string favicon_;
};

}  // namespace comptoir::admin
