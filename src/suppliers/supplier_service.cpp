#include "suppliers/supplier_service.hpp"

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "core/sealed_box.hpp"
#include "db/connection.hpp"
#include "http/form.hpp"
#include "suppliers/sealed_fields.hpp"
#include "suppliers/supplier_repository.hpp"

namespace comptoir::suppliers {
namespace {

namespace json = boost::json;

std::unexpected<SupplierError> invalid(std::string field, std::string message) {
  return std::unexpected(SupplierError{.kind = SupplierError::Kind::invalid,
                                       .field = std::move(field),
                                       .message = std::move(message)});
}

bool is_http_url(std::string_view url) {
  if (url.size() > 500 || !http::is_clean_text(url)) return false;
  for (std::string_view scheme : {"https://", "http://"})
    if (url.starts_with(scheme) && url.size() > scheme.size() &&
        std::none_of(url.begin(), url.end(), [](char c) {
          return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>';
        }))
      return true;
  return false;
}

// Text PostgreSQL takes (well-formed UTF-8, no NUL) of at most `max` bytes.
bool plain_text(std::string_view text, std::size_t max) {
  return text.size() <= max && http::is_clean_text(text);
}

void apply(Supplier& s, const SupplierInput& in) {
  if (in.name) s.name = *in.name;
  if (in.type) s.type = *in.type;
  if (in.fulfillment) s.fulfillment = *in.fulfillment;
  if (in.active) s.active = *in.active;
  if (in.api_base) s.api_base = *in.api_base;
  if (in.account) s.account = *in.account;
  if (in.currency) s.currency = *in.currency;
  if (in.minimum_order_amount) s.minimum_order_amount = *in.minimum_order_amount;
  if (in.default_shipping_days) s.default_shipping_days = *in.default_shipping_days;
  if (in.contact_name) s.contact_name = *in.contact_name;
  if (in.contact_email) s.contact_email = *in.contact_email;
  if (in.notes) s.notes = *in.notes;
}

std::string seal_object(const core::SecretKeys& keys, const json::object& object,
                        const std::string& associated) {
  return core::seal(keys, json::serialize(object), associated);
}

std::expected<json::object, SupplierError> open_object(const core::SecretKeys& keys,
                                                       const std::optional<std::string>& sealed,
                                                       const std::string& associated) {
  if (!sealed) return json::object{};
  auto opened = core::open(keys, *sealed, associated);
  if (!opened)
    return std::unexpected(SupplierError{
        .kind = SupplierError::Kind::unreadable_credentials,
        .message = opened.error() == core::OpenError::unknown_key
                       ? "sealed under a key COMPTOIR_SECRET_KEYS no longer has"
                       : "the sealed value does not open (altered, or copied from another row)"});
  boost::system::error_code ec;
  auto value = json::parse(*opened, ec);
  if (ec || !value.is_object())
    return std::unexpected(SupplierError{.kind = SupplierError::Kind::unreadable_credentials,
                                         .message = "the sealed value is not a JSON object"});
  return std::move(value.as_object());
}

template <class T>
std::optional<T> number(const json::value& value) {
  if (value.is_int64()) return static_cast<T>(value.as_int64());
  if (value.is_uint64() && value.as_uint64() <= 9'000'000'000'000'000'000ULL)
    return static_cast<T>(value.as_uint64());
  return std::nullopt;
}

}  // namespace

std::expected<void, SupplierError> validate(const SupplierInput& in) {
  if (in.name && (in.name->empty() || !plain_text(*in.name, 200) ||
                  std::all_of(in.name->begin(), in.name->end(), [](char c) { return c == ' '; })))
    return invalid("name", "a name of 1 to 200 characters is needed");
  if (in.api_base && !in.api_base->empty() && !is_http_url(*in.api_base))
    return invalid("api_base", "the API base must be an http:// or https:// URL");
  if (in.account && !plain_text(*in.account, 200))
    return invalid("account", "the account is at most 200 characters");
  if (in.currency &&
      !(in.currency->size() == 3 && std::all_of(in.currency->begin(), in.currency->end(),
                                                [](char c) { return c >= 'A' && c <= 'Z'; })))
    return invalid("currency", "the currency is an ISO 4217 code such as CAD or EUR");
  if (in.minimum_order_amount &&
      (*in.minimum_order_amount < 0 || *in.minimum_order_amount > 100'000'000'00LL))
    return invalid("minimum_order_amount", "the minimum order amount is 0 or more (in cents)");
  if (in.default_shipping_days &&
      (*in.default_shipping_days < 0 || *in.default_shipping_days > 365))
    return invalid("default_shipping_days", "the shipping days are 0 to 365");
  if (in.contact_name && !plain_text(*in.contact_name, 200))
    return invalid("contact_name", "the contact's name is at most 200 characters");
  if (in.contact_email && !in.contact_email->empty() &&
      !(plain_text(*in.contact_email, 254) && in.contact_email->find('@') != std::string::npos &&
        in.contact_email->find(' ') == std::string::npos))
    return invalid("contact_email", "the contact's email address is not valid");
  if (in.notes && !plain_text(*in.notes, 4000))
    return invalid("notes", "the notes are at most 4000 characters");
  return {};
}

std::expected<Supplier, SupplierError> SupplierService::add(const SupplierInput& input,
                                                            const json::object& credentials) {
  if (!input.name) return invalid("name", "a name of 1 to 200 characters is needed");
  if (!input.type) return invalid("type", "the type of supplier is needed");
  if (auto ok = validate(input); !ok) return std::unexpected(ok.error());
  Supplier supplier;
  supplier.fulfillment = default_fulfillment(*input.type);
  apply(supplier, input);
  SupplierRepository repository(conn_);
  auto id = repository.insert(supplier);
  if (!id)
    return std::unexpected(
        SupplierError{.kind = SupplierError::Kind::name_taken,
                      .field = "name",
                      .message = fmt::format("a supplier is already named '{}'", supplier.name)});
  if (!credentials.empty())
    repository.set_credentials(
        *id, seal_object(keys_, credentials, sealed_fields::supplier_credentials(*id)));
  return *repository.find(*id);
}

std::expected<Supplier, SupplierError> SupplierService::set_credentials(
    std::int64_t id, const boost::json::object& credentials) {
  SupplierRepository repository(conn_);
  if (!repository.find(id))
    return std::unexpected(SupplierError{.kind = SupplierError::Kind::not_found,
                                         .message = fmt::format("no supplier {}", id)});
  repository.set_credentials(
      id, credentials.empty() ? std::optional<std::string>{}
                              : std::optional<std::string>{seal_object(
                                    keys_, credentials, sealed_fields::supplier_credentials(id))});
  return *repository.find(id);
}

std::expected<Supplier, SupplierError> SupplierService::update(std::int64_t id, int version,
                                                               const SupplierInput& input) {
  if (auto ok = validate(input); !ok) return std::unexpected(ok.error());
  SupplierRepository repository(conn_);
  auto current = repository.find(id);
  if (!current)
    return std::unexpected(SupplierError{.kind = SupplierError::Kind::not_found,
                                         .message = fmt::format("no supplier {}", id)});
  if (current->version != version)
    return std::unexpected(SupplierError{
        .kind = SupplierError::Kind::stale,
        .message = "the supplier was changed meanwhile: read it again before changing it"});
  apply(*current, input);
  bool name_taken = false;
  if (!repository.update(*current, &name_taken)) {
    if (name_taken)
      return std::unexpected(
          SupplierError{.kind = SupplierError::Kind::name_taken,
                        .field = "name",
                        .message = fmt::format("a supplier is already named '{}'", current->name)});
    return std::unexpected(SupplierError{
        .kind = SupplierError::Kind::stale,
        .message = "the supplier was changed meanwhile: read it again before changing it"});
  }
  return *repository.find(id);
}

std::vector<Supplier> SupplierService::list() {
  return SupplierRepository(conn_).list();
}

std::optional<Supplier> SupplierService::find(std::int64_t id) {
  return SupplierRepository(conn_).find(id);
}

std::expected<json::object, SupplierError> SupplierService::credentials(std::int64_t id) {
  return open_object(keys_, SupplierRepository(conn_).credentials(id),
                     sealed_fields::supplier_credentials(id));
}

std::expected<json::object, SupplierError> SupplierService::session(std::int64_t id) {
  return open_object(keys_, SupplierRepository(conn_).session(id),
                     sealed_fields::supplier_session(id));
}

void SupplierService::set_session(std::int64_t id, const json::object& session) {
  SupplierRepository(conn_).set_session(id, sealed_session(keys_, id, session));
}

std::string sealed_session(const core::SecretKeys& keys, std::int64_t id,
                           const json::object& session) {
  return seal_object(keys, session, sealed_fields::supplier_session(id));
}

json::object to_json(const Supplier& s) {
  return json::object{
      {"id", s.id},
      {"name", s.name},
      {"type", to_string(s.type)},
      {"fulfillment_type", to_string(s.fulfillment)},
      {"active", s.active},
      {"api_base", s.api_base},
      {"account", s.account},
      {"currency", s.currency},
      {"minimum_order_amount", s.minimum_order_amount},
      {"default_shipping_days", s.default_shipping_days},
      {"contact_name", s.contact_name},
      {"contact_email", s.contact_email},
      {"notes", s.notes},
      {"has_credentials", s.has_credentials},
      {"version", s.version},
      {"created_at", s.created_at},
      {"updated_at", s.updated_at},
  };
}

json::array SupplierService::export_config() {
  json::array out;
  for (const auto& supplier : list()) {
    auto entry = to_json(supplier);
    // What identifies the row in this database only, and what changes by itself.
    for (auto key : {"id", "version", "created_at", "updated_at"}) entry.erase(key);
    out.push_back(std::move(entry));
  }
  return out;
}

std::expected<SupplierInput, SupplierError> supplier_input_from_json(const json::object& o) {
  SupplierInput in;
  for (const auto& [key, value] : o) {
    auto text = [&](std::optional<std::string>& out) -> bool {
      if (!value.is_string()) return false;
      out = std::string(value.as_string());
      return true;
    };
    bool ok = true;
    if (key == "name") {
      ok = text(in.name);
    } else if (key == "type") {
      ok = value.is_string() && (in.type = parse_supplier_type(value.as_string())).has_value();
    } else if (key == "fulfillment_type") {
      ok = value.is_string() &&
           (in.fulfillment = parse_fulfillment_type(value.as_string())).has_value();
    } else if (key == "active") {
      ok = value.is_bool();
      if (ok) in.active = value.as_bool();
    } else if (key == "api_base") {
      ok = text(in.api_base);
    } else if (key == "account") {
      ok = text(in.account);
    } else if (key == "currency") {
      ok = text(in.currency);
    } else if (key == "minimum_order_amount") {
      in.minimum_order_amount = number<std::int64_t>(value);
      ok = in.minimum_order_amount.has_value();
    } else if (key == "default_shipping_days") {
      auto days = number<std::int64_t>(value);
      ok = days && *days >= -1 && *days <= 100000;
      if (ok) in.default_shipping_days = static_cast<int>(*days);
    } else if (key == "contact_name") {
      ok = text(in.contact_name);
    } else if (key == "contact_email") {
      ok = text(in.contact_email);
    } else if (key == "notes") {
      ok = text(in.notes);
    } else if (key == "has_credentials" || key == "id" || key == "version" || key == "created_at" ||
               key == "updated_at") {
      // What an export or a listing carries and an import leaves alone.
    } else if (key == "credentials") {
      return invalid("credentials",
                     "secrets are not imported: set them with `suppliers add --credentials-file`");
    } else {
      return invalid(std::string(key), fmt::format("unknown field '{}'", std::string_view(key)));
    }
    if (!ok)
      return invalid(std::string(key),
                     fmt::format("'{}' has the wrong type or value", std::string_view(key)));
  }
  if (auto valid = validate(in); !valid) return std::unexpected(valid.error());
  return in;
}

std::expected<ImportReport, SupplierError> SupplierService::import_config(
    const json::value& document) {
  if (!document.is_array())
    return invalid("", "the supplier configuration is a JSON array of suppliers");
  std::vector<SupplierInput> inputs;
  std::size_t index = 0;
  for (const auto& item : document.as_array()) {
    ++index;
    if (!item.is_object()) return invalid("", fmt::format("entry #{} is not an object", index));
    auto input = supplier_input_from_json(item.as_object());
    if (!input) {
      auto error = input.error();
      error.message = fmt::format("entry #{}: {}", index, error.message);
      return std::unexpected(std::move(error));
    }
    if (!input->name || !input->type)
      return invalid("", fmt::format("entry #{}: name and type are needed", index));
    inputs.push_back(std::move(*input));
  }
  ImportReport report;
  SupplierRepository repository(conn_);
  for (const auto& input : inputs) {
    auto existing = repository.find_by_name(*input.name);
    if (!existing) {
      auto added = add(input);
      if (!added) return std::unexpected(added.error());
      ++report.created;
      continue;
    }
    auto changed = *existing;
    apply(changed, input);
    auto same = to_json(changed) == to_json(*existing);
    if (same) {
      ++report.unchanged;
      continue;
    }
    auto updated = update(existing->id, existing->version, input);
    if (!updated) return std::unexpected(updated.error());
    ++report.updated;
  }
  return report;
}

}  // namespace comptoir::suppliers
