#include "privacy/privacy_service.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include <chrono>

#include "accounts/account_privacy.hpp"
#include "accounts/audit_log.hpp"
#include "cart/cart_service.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "notify/outbox.hpp"

namespace comptoir::privacy {
namespace {

namespace json = boost::json;

// The version of the document's shape: a change of shape changes it.
constexpr std::string_view kFormat = "comptoir.personal-data/1";

accounts::AuditEntry entry(std::string action, const accounts::User& user,
                           const accounts::RequestInfo& info) {
  return {.actor = accounts::Actor::user(user.id),
          .action = std::move(action),
          .target_kind = "user",
          .target_id = std::to_string(user.id),
          .ip = info.client.ip,
          .request_id = info.request_id};
}

std::int64_t size_of(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || !it->value().is_array()) return 0;
  return static_cast<std::int64_t>(it->value().get_array().size());
}

}  // namespace

void PrivacyService::add_part(std::string name, ExportPart part) {
  parts_.emplace_back(std::move(name), std::move(part));
}

boost::asio::awaitable<std::string> PrivacyService::export_data(const accounts::User& user,
                                                                core::Locale locale,
                                                                accounts::RequestInfo info) {
  co_return co_await deps_.db.transact([&](db::Connection& conn) {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    json::object document{{"format", kFormat},
                          {"generated_at", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now)}};
    for (auto& [key, value] : accounts::export_account(conn, deps_.keys, user.id))
      document[key] = std::move(value);
    for (auto& [key, value] :
         orders::export_orders(conn, deps_.keys, deps_.formatter, locale, user.id))
      document[key] = std::move(value);
    // No module records consents of its own yet: the list is there, empty, for the one that will.
    document["consents"] = json::array{};
    for (const auto& [name, part] : parts_) document[name] = part(conn, user.id);

    auto audit = entry("privacy.export", user, info);
    audit.details = {{"orders", size_of(document, "orders")},
                     {"returns", size_of(document, "returns")},
                     {"addresses", size_of(document, "addresses")}};
    accounts::append_audit(conn, audit);
    return json::serialize(document);
  });
}

boost::asio::awaitable<orders::Unfinished> PrivacyService::unfinished(std::int64_t user_id) {
  co_return co_await deps_.db.transact(
      [&](db::Connection& conn) { return orders::unfinished_business(conn, user_id); });
}

boost::asio::awaitable<std::expected<Closed, CloseRefusal>> PrivacyService::close_account(
    const accounts::User& user, accounts::RequestInfo info) {
  co_return co_await deps_.db.transact(
      [&](db::Connection& conn) { return close_account(conn, user, info); });
}

std::expected<Closed, CloseRefusal> PrivacyService::close_account(
    db::Connection& conn, const accounts::User& user, const accounts::RequestInfo& info) const {
  // Staff close no account of their own here: an owner changes their role first (the shop must
  // keep an owner, and a staff member's actions stay attributed to a person the shop knows).
  if (user.is_staff()) return std::unexpected(CloseRefusal{.reason = CloseRefusal::Reason::staff});
  auto unfinished = orders::unfinished_business(conn, user.id);
  if (!unfinished.empty())
    return std::unexpected(CloseRefusal{.reason = CloseRefusal::Reason::unfinished,
                                        .unfinished = std::move(unfinished)});

  Closed closed;
  closed.detached = orders::detach_customer(conn, deps_.keys, user.id);
  closed.carts = cart::CartService::erase_for_user(conn, user.id);
  auto erased = accounts::erase_account(conn, user.id);
  if (!erased) return std::unexpected(CloseRefusal{.reason = CloseRefusal::Reason::unknown});
  closed.sessions = erased->sessions;
  closed.addresses = erased->addresses;
  closed.email_tokens = erased->email_tokens;
  closed.recovery_codes = erased->recovery_codes;
  // The mails sent to the address go; the confirmation is queued after, so it is kept and sent.
  closed.mails_forgotten = notify::Outbox::forget_sent_to(conn, erased->email);
  auto locale = erased->locale == "en" ? core::Locale::en : core::Locale::fr;
  notify::Mail mail{
      .to = erased->email,
      .locale = locale,
      .template_name = "accounts.account_deleted",
      .payload = {{"link", fmt::format("{}/{}", deps_.base_url, core::code(locale))}}};
  notify::Outbox::enqueue(conn, mail);

  // Counts only: the log outlives the account and must not keep what was erased.
  auto audit = entry("privacy.account_deleted", user, info);
  audit.details = {{"orders_detached", closed.detached.orders},
                   {"returns_detached", closed.detached.returns},
                   {"sessions_ended", closed.sessions},
                   {"addresses_deleted", closed.addresses},
                   {"carts_deleted", closed.carts},
                   {"mails_forgotten", closed.mails_forgotten}};
  accounts::append_audit(conn, audit);
  return closed;
}

}  // namespace comptoir::privacy
