#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/auth_service.hpp"
#include "core/secret_keys.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::accounts {

// A postal address. Stored as one JSON value sealed under the active key (addresses.sealed),
// so a database dump alone shows no address.
struct Address {
  std::int64_t id = 0;
  std::string full_name{};
  std::string line1{};
  std::string line2{};
  std::string city{};
  std::string region{};  // province, state or département; optional
  std::string postal_code{};
  std::string country = "CA";  // ISO 3166-1 alpha-2
  std::string phone{};         // optional
  bool is_default = false;
};

// The countries the shop delivers to today (Québec and France, as the mission says).
inline constexpr std::string_view kAddressCountries[] = {"CA", "FR", "US"};

// A field the visitor must fix: the field's name and the i18n key of the explanation.
struct AddressProblem {
  std::string field{};
  std::string message_key{};
};

// Required fields, lengths, a known country and a postal code of that country's shape.
std::vector<AddressProblem> validate_address(const Address& address);

class AddressBook {
 public:
  AddressBook(db::Database& db, const core::SecretKeys& keys) : db_(db), keys_(keys) {}

  // The user's addresses, default first. A value no key opens (a key removed too early) is left
  // out rather than failing the page; `comptoir keys rotate` reports such values.
  boost::asio::awaitable<std::vector<Address>> list(std::int64_t user_id);
  boost::asio::awaitable<std::expected<Address, std::vector<AddressProblem>>> add(
      std::int64_t user_id, Address address, RequestInfo info);
  boost::asio::awaitable<bool> remove(std::int64_t user_id, std::int64_t address_id,
                                      RequestInfo info);

 private:
  db::Database& db_;
  const core::SecretKeys& keys_;
};

}  // namespace comptoir::accounts
