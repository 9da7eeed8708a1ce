#include "accounts/address_book.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

#include "accounts/audit_log.hpp"
#include "accounts/credential_repository.hpp"
#include "accounts/sealed_fields.hpp"
#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::size_t kMaxFieldLength = 200;

std::string to_json(const Address& a) {
  return boost::json::serialize(boost::json::object{{"full_name", a.full_name},
                                                    {"line1", a.line1},
                                                    {"line2", a.line2},
                                                    {"city", a.city},
                                                    {"region", a.region},
                                                    {"postal_code", a.postal_code},
                                                    {"country", a.country},
                                                    {"phone", a.phone}});
}

std::string member(const boost::json::object& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || !it->value().is_string()) return {};
  return std::string(it->value().get_string());
}

std::optional<Address> from_json(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.get_object();
  return Address{.full_name = member(o, "full_name"),
                 .line1 = member(o, "line1"),
                 .line2 = member(o, "line2"),
                 .city = member(o, "city"),
                 .region = member(o, "region"),
                 .postal_code = member(o, "postal_code"),
                 .country = member(o, "country"),
                 .phone = member(o, "phone")};
}

std::string upper_compact(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '-') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool postal_code_fits(std::string_view country, std::string_view code) {
  auto compact = upper_compact(code);
  auto is_alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (country == "CA")  // A1A 1A1
    return compact.size() == 6 && is_alpha(compact[0]) && is_digit(compact[1]) &&
           is_alpha(compact[2]) && is_digit(compact[3]) && is_alpha(compact[4]) &&
           is_digit(compact[5]);
  if (country == "FR") return compact.size() == 5 && std::ranges::all_of(compact, is_digit);
  if (country == "US")
    return (compact.size() == 5 || compact.size() == 9) && std::ranges::all_of(compact, is_digit);
  return !compact.empty();
}

AuditEntry audit(std::string action, const RequestInfo& info, std::int64_t user_id,
                 std::int64_t address_id) {
  return {.actor = Actor::user(user_id),
          .action = std::move(action),
          .target_kind = "address",
          .target_id = std::to_string(address_id),
          .ip = info.client.ip,
          .request_id = info.request_id};
}

}  // namespace

std::vector<AddressProblem> validate_address(const Address& a) {
  std::vector<AddressProblem> problems;
  auto required = [&](std::string_view field, const std::string& value) {
    if (value.find_first_not_of(" \t") == std::string::npos)
      problems.push_back({std::string(field), "accounts.address_error.required"});
  };
  required("full_name", a.full_name);
  required("line1", a.line1);
  required("city", a.city);
  required("postal_code", a.postal_code);
  for (const auto& [field, value] : {std::pair{"full_name", &a.full_name},
                                     {"line1", &a.line1},
                                     {"line2", &a.line2},
                                     {"city", &a.city},
                                     {"region", &a.region},
                                     {"postal_code", &a.postal_code},
                                     {"phone", &a.phone}})
    if (value->size() > kMaxFieldLength)
      problems.push_back({field, "accounts.address_error.too_long"});
  if (std::ranges::find(kAddressCountries, a.country) == std::end(kAddressCountries))
    problems.push_back({"country", "accounts.address_error.country"});
  else if (!a.postal_code.empty() && !postal_code_fits(a.country, a.postal_code))
    problems.push_back({"postal_code", "accounts.address_error.postal_code"});
  return problems;
}

boost::asio::awaitable<std::vector<Address>> AddressBook::list(std::int64_t user_id) {
  auto rows = co_await db_.transact(
      [&](db::Connection& conn) { return CredentialRepository(conn).addresses(user_id); });
  std::vector<Address> out;
  for (const auto& row : rows) {
    auto opened = core::open(keys_, row.sealed, sealed_fields::address(row.id));
    if (!opened) continue;
    auto address = from_json(*opened);
    if (!address) continue;
    address->id = row.id;
    address->is_default = row.is_default;
    out.push_back(std::move(*address));
  }
  co_return out;
}

boost::asio::awaitable<std::expected<Address, std::vector<AddressProblem>>> AddressBook::add(
    std::int64_t user_id, Address address, RequestInfo info) {
  if (auto problems = validate_address(address); !problems.empty())
    co_return std::unexpected(std::move(problems));
  address.postal_code = upper_compact(address.postal_code);
  if (address.country == "CA" && address.postal_code.size() == 6)
    address.postal_code.insert(3, " ");
  co_await db_.transact([&](db::Connection& conn) {
    CredentialRepository credentials(conn);
    auto id = credentials.next_address_id();
    auto sealed = core::seal(keys_, to_json(address), sealed_fields::address(id));
    bool first = credentials.addresses(user_id).empty();
    credentials.insert_address(id, user_id, sealed, address.is_default || first);
    append_audit(conn, audit("address.added", info, user_id, id));
    address.id = id;
  });
  co_return address;
}

boost::asio::awaitable<bool> AddressBook::remove(std::int64_t user_id, std::int64_t address_id,
                                                 RequestInfo info) {
  co_return co_await db_.transact([&](db::Connection& conn) {
    if (!CredentialRepository(conn).delete_address(user_id, address_id)) return false;
    append_audit(conn, audit("address.removed", info, user_id, address_id));
    return true;
  });
}

}  // namespace comptoir::accounts
