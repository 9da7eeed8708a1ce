#include "app/suppliers_command.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/supplier_shops.hpp"
#include "core/config.hpp"
#include "core/files.hpp"
#include "core/random.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/catalog_sync.hpp"
#include "suppliers/connection_test.hpp"
#include "suppliers/connector_factory.hpp"
#include "suppliers/shops.hpp"
#include "suppliers/status_report.hpp"
#include "suppliers/supplier_service.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::app {
namespace {

namespace json = boost::json;
using suppliers::Shop;

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::expected<std::vector<Shop>, std::string> load_shops(const core::Config& config,
                                                         const SuppliersCommand& command) {
  return supplier_shops::load(config, command.shops_file, command.shop);
}

int fail(std::string_view message) {
  fmt::print(stderr, "comptoir suppliers: {}\n", message);
  return kExitFailure;
}

int add(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  suppliers::SupplierInput input;
  input.name = command.name;
  input.type = suppliers::parse_cli_type(command.type);
  if (!command.api_base.empty()) input.api_base = command.api_base;
  if (!command.account.empty()) input.account = command.account;
  if (!command.currency.empty()) input.currency = command.currency;
  if (!command.contact_name.empty()) input.contact_name = command.contact_name;
  if (!command.contact_email.empty()) input.contact_email = command.contact_email;
  if (!command.fulfillment.empty())
    input.fulfillment = suppliers::parse_fulfillment_type(command.fulfillment);
  json::object credentials;
  if (!command.credentials_file.empty()) {
    auto text = core::read_file(command.credentials_file);
    if (!text) return fail(fmt::format("cannot read {}", command.credentials_file));
    boost::system::error_code ec;
    auto value = json::parse(*text, ec);
    if (ec || !value.is_object())
      return fail(fmt::format("{} must hold a JSON object of the connector's secrets",
                              command.credentials_file));
    credentials = std::move(value.as_object());
  }
  auto added = suppliers::in_transaction(conn, [&](db::Connection& c) {
    return suppliers::SupplierService(c, shop.secret_keys).add(input, credentials);
  });
  if (!added) return fail(added.error().message);
  fmt::print("{}\n", added->id);
  return kExitOk;
}

int list(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  auto all = suppliers::SupplierService(conn, shop.secret_keys).list();
  if (command.json) {
    json::array out;
    for (const auto& supplier : all) out.push_back(suppliers::to_json(supplier));
    fmt::print("{}\n", json::serialize(out));
    return kExitOk;
  }
  if (all.empty()) {
    fmt::print("No supplier in shop '{}'. Add one with 'comptoir suppliers add'.\n", shop.id);
    return kExitOk;
  }
  fmt::print("{:>5}  {:<28} {:<12} {:<16} {:<7} {:<12} {}\n", "id", "name", "type", "fulfilment",
             "active", "credentials", "minimum order");
  for (const auto& s : all)
    fmt::print("{:>5}  {:<28} {:<12} {:<16} {:<7} {:<12} {}\n", s.id, s.name,
               suppliers::cli_name(s.type), suppliers::to_string(s.fulfillment),
               s.active ? "yes" : "no", s.has_credentials ? "set" : "none",
               suppliers::plain_amount(s.minimum_order_amount, s.currency));
  return kExitOk;
}

int test(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  auto tested = suppliers::test_connection(conn, shop, *command.supplier);
  if (!tested.ok)
    return fail(tested.latency_ms > 0 ? fmt::format("{} ({} ms)", tested.message, tested.latency_ms)
                                      : tested.message);
  if (tested.latency_ms > 0)
    fmt::print("ok: {} ({} ms)\n", tested.message, tested.latency_ms);
  else
    fmt::print("ok: {}\n", tested.message);
  return kExitOk;
}

int sync(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  suppliers::SupplierService service(conn, shop.secret_keys);
  std::vector<suppliers::Supplier> targets;
  if (command.supplier) {
    auto supplier = service.find(*command.supplier);
    if (!supplier)
      return fail(fmt::format("no supplier {} in shop '{}'", *command.supplier, shop.id));
    targets.push_back(*supplier);
  } else {
    for (auto& supplier : service.list())
      if (supplier.active && supplier.type != suppliers::SupplierType::local_stock &&
          supplier.type != suppliers::SupplierType::dropshipper)
        targets.push_back(std::move(supplier));
  }
  std::optional<std::string> price_list;
  if (!command.file.empty()) {
    price_list = core::read_file(command.file);
    if (!price_list) return fail(fmt::format("cannot read {}", command.file));
  }
  suppliers::ApiCallLog log(shop.database_url);
  int failed = 0;
  for (const auto& supplier : targets) {
    ProgressReport progress(fmt::format("products of {}", supplier.name), stdout, false);
    auto outcome = suppliers::sync_catalog(
        conn, shop.secret_keys, supplier.id, log,
        {.progress = [&](const suppliers::SyncRun& run,
                         std::int64_t total) { progress.update(run.products_seen, total); },
         .price_list = price_list});
    progress.finish();
    if (!outcome) {
      ++failed;
      fmt::print(stderr, "comptoir suppliers: {}: {}\n", supplier.name, outcome.error());
      continue;
    }
    const auto& run = outcome->run;
    if (!outcome->error.empty()) {
      ++failed;
      fmt::print(stderr, "comptoir suppliers: {}: sync {} failed after {} page(s): {}\n",
                 supplier.name, run.id, run.pages, outcome->error);
      continue;
    }
    fmt::print(
        "{}: sync {} {}{}: {} products, {} variants ({} new, {} updated), {} unreadable, {} "
        "gone, {} mapped by SKU, {} by GTIN, {} unmapped\n",
        supplier.name, run.id, run.status == "DONE" ? "done" : run.status,
        outcome->resumed ? " (continued)" : "", run.products_seen, run.variants_seen, run.created,
        run.updated, run.errors_count, outcome->gone, run.mapped - outcome->mapped_by_gtin,
        outcome->mapped_by_gtin, outcome->unmapped);
  }
  return failed == 0 ? kExitOk : kExitFailure;
}

// Subscribes the platform's order events to the shop's URL with a new secret, kept sealed in the
// supplier's session (the shop's endpoint checks each event's signature with it).
int webhooks(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  suppliers::SupplierService service(conn, shop.secret_keys);
  auto supplier = service.find(*command.supplier);
  if (!supplier)
    return fail(fmt::format("no supplier {} in shop '{}'", *command.supplier, shop.id));
  if (!command.url.starts_with("https://") && !command.url.starts_with("http://"))
    return fail("--url must be the shop's http(s) address of /webhooks/printify/ID");
  suppliers::ApiCallLog log(shop.database_url);
  auto connector = suppliers::connect_supplier(conn, shop.secret_keys, *supplier, log);
  if (!connector) return fail(connector.error().message);
  auto secret = core::random_hex(32);
  auto session = service.session(supplier->id).value_or(json::object{});
  // Kept before the platform is told: an event signed with it is never refused for want of it.
  session["webhook_secret"] = secret;
  service.set_session(supplier->id, session);
  auto subscribed = (*connector)->subscribe(command.url, secret);
  log.flush();
  if (!subscribed) return fail(subscribed.error().message);
  fmt::print("ok: {}\n", *subscribed);
  return kExitOk;
}

int export_config(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  auto config = suppliers::SupplierService(conn, shop.secret_keys).export_config();
  auto text = json::serialize(config) + "\n";
  if (command.file.empty()) {
    fmt::print("{}", text);
    return kExitOk;
  }
  std::ofstream out(command.file, std::ios::binary | std::ios::trunc);
  if (!(out << text)) return fail(fmt::format("cannot write {}", command.file));
  fmt::print(stderr, "{} supplier(s) written to {} (without secrets)\n", config.size(),
             command.file);
  return kExitOk;
}

int import_config(const SuppliersCommand& command, const Shop& shop, db::Connection& conn) {
  auto text = core::read_file(command.file);
  if (!text) return fail(fmt::format("cannot read {}", command.file));
  boost::system::error_code ec;
  auto document = json::parse(*text, ec);
  if (ec) return fail(fmt::format("{} is not JSON: {}", command.file, ec.message()));
  auto report = suppliers::in_transaction(conn, [&](db::Connection& c) {
    return suppliers::SupplierService(c, shop.secret_keys).import_config(document);
  });
  if (!report) return fail(report.error().message);
  fmt::print("{} created, {} updated, {} unchanged\n", report->created, report->updated,
             report->unchanged);
  return kExitOk;
}

int status(const core::Config& config, const SuppliersCommand& command) {
  auto shops = load_shops(config, command);
  if (!shops) return fail(shops.error());
  if (!command.shop.empty())
    std::erase_if(*shops, [&](const Shop& shop) { return shop.id != command.shop; });
  if (shops->empty()) return fail(fmt::format("no shop '{}' in the shops file", command.shop));
  // Each shop's schema is compared with this program's migrations (a shop to migrate says so).
  const auto migrations = db::MigrationSet::load(config.data_dir / "migrations");
  auto all = suppliers::consolidated_status(*shops, &migrations);
  bool any_down = false;
  if (command.json) {
    json::array out;
    for (const auto& s : all) {
      any_down = any_down || !s.reachable;
      out.push_back(suppliers::to_json(s));
    }
    fmt::print("{}\n", json::serialize(out));
    return any_down ? kExitFailure : kExitOk;
  }
  fmt::print("{:<14} {:<10} {:>9} {:>9} {:>9} {:>12} {:>7} {:>7}  {}\n", "shop", "status",
             "suppliers", "variants", "unmapped", "open orders", "errors", "alerts",
             "orders by state");
  for (const auto& s : all) {
    if (!s.reachable) {
      any_down = true;
      fmt::print("{:<14} {:<10} {}\n", s.shop_id,
                 s.schema == suppliers::SchemaState::needs_migrate ? "MIGRATE" : "UNREACHABLE",
                 s.error.substr(0, 120));
      continue;
    }
    std::int64_t active = 0;
    for (const auto& [type, count] : s.active_suppliers_by_type) active += count;
    std::int64_t open = 0;
    std::string states;
    for (const auto& [state, count] : s.open_orders_by_state) {
      open += count;
      states += fmt::format("{}{}={}", states.empty() ? "" : " ", state, count);
    }
    fmt::print("{:<14} {:<10} {:>9} {:>9} {:>9} {:>12} {:>7} {:>7}  {}\n", s.shop_id, "ok", active,
               s.synced_variants, s.unmapped_variants, open, s.sync_errors, s.open_alerts,
               states.empty() ? "-" : states);
  }
  return any_down ? kExitFailure : kExitOk;
}

}  // namespace

std::expected<SuppliersCommand, std::string> parse_suppliers_command(
    std::span<const std::string_view> args) {
  if (args.empty())
    return std::unexpected(
        "suppliers: say what to do: status, add, list, test, sync, dispatch, run, webhooks, "
        "export or import");
  SuppliersCommand command;
  auto action = args[0];
  using Action = SuppliersCommand::Action;
  if (action == "add") {
    command.action = Action::add;
  } else if (action == "list") {
    command.action = Action::list;
  } else if (action == "test") {
    command.action = Action::test;
  } else if (action == "sync") {
    command.action = Action::sync;
  } else if (action == "status") {
    command.action = Action::status;
  } else if (action == "export") {
    command.action = Action::exported;
  } else if (action == "import") {
    command.action = Action::imported;
  } else if (action == "dispatch") {
    command.action = Action::dispatch;
  } else if (action == "run") {
    command.action = Action::run;
  } else if (action == "webhooks") {
    command.action = Action::webhooks;
  } else {
    return std::unexpected(fmt::format("suppliers: unknown action '{}'", action));
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    auto arg = args[i];
    auto context = fmt::format("suppliers {}", action);
    auto take = [&](std::string_view option, std::string& out) -> std::optional<std::string> {
      auto value = cli_args::option_value(args, i, option, context);
      if (!value) return value.error();
      out = std::string(*value);
      return std::nullopt;
    };
    auto is = [&](std::string_view option) { return cli_args::is_option(arg, option); };
    std::optional<std::string> problem;
    bool adds = command.action == Action::add;
    if (is("--shops")) {
      problem = take("--shops", command.shops_file);
    } else if (is("--shop")) {
      problem = take("--shop", command.shop);
      if (!problem && !suppliers::is_valid_shop_id(command.shop))
        problem = fmt::format("suppliers {}: '{}' is not a shop id", action, command.shop);
    } else if (arg == "--json" &&
               (command.action == Action::list || command.action == Action::status)) {
      command.json = true;
    } else if (adds && is("--type")) {
      problem = take("--type", command.type);
    } else if (adds && is("--name")) {
      problem = take("--name", command.name);
    } else if (adds && is("--api-base")) {
      problem = take("--api-base", command.api_base);
    } else if (adds && is("--account")) {
      problem = take("--account", command.account);
    } else if (adds && is("--currency")) {
      problem = take("--currency", command.currency);
    } else if (adds && is("--fulfillment")) {
      problem = take("--fulfillment", command.fulfillment);
    } else if (adds && is("--credentials-file")) {
      problem = take("--credentials-file", command.credentials_file);
    } else if (adds && is("--contact-name")) {
      problem = take("--contact-name", command.contact_name);
    } else if (adds && is("--contact-email")) {
      problem = take("--contact-email", command.contact_email);
    } else if (command.action == Action::webhooks && is("--url")) {
      problem = take("--url", command.url);
    } else if ((command.action == Action::test || command.action == Action::sync ||
                command.action == Action::webhooks) &&
               is("--supplier")) {
      std::string text;
      problem = take("--supplier", text);
      if (!problem) {
        command.supplier = parse_id(text);
        if (!command.supplier)
          problem = fmt::format("suppliers {}: '{}' is not a supplier id", action, text);
      }
    } else if (command.action == Action::run && arg == "--once") {
      command.once = true;
    } else if (command.action == Action::dispatch && is("--limit")) {
      std::string text;
      problem = take("--limit", text);
      if (!problem) {
        auto limit = parse_id(text);
        if (!limit)
          problem = fmt::format("suppliers dispatch: '{}' is not a number", text);
        else
          command.limit = static_cast<std::size_t>(*limit);
      }
    } else if (command.action == Action::sync && is("--file")) {
      problem = take("--file", command.file);
    } else if (command.action == Action::exported && is("--to")) {
      problem = take("--to", command.file);
    } else if (command.action == Action::imported && !arg.starts_with("--") &&
               command.file.empty()) {
      command.file = std::string(arg);
    } else {
      problem = fmt::format("suppliers {}: unexpected argument '{}'", action, arg);
    }
    if (problem) return std::unexpected(*problem);
  }
  if (command.action == Action::add) {
    if (command.name.empty()) return std::unexpected("suppliers add: --name NAME is needed");
    if (command.type.empty() || !suppliers::parse_cli_type(command.type))
      return std::unexpected(
          "suppliers add: --type is one of printify, amazon, etsy, ebay, dropshipper, local");
    if (!command.fulfillment.empty() && !suppliers::parse_fulfillment_type(command.fulfillment))
      return std::unexpected(
          "suppliers add: --fulfillment is one of DROPSHIPPING, PRINT_ON_DEMAND, LOCAL_STOCK, "
          "HYBRID");
  }
  if (command.action == Action::test && !command.supplier)
    return std::unexpected("suppliers test: --supplier ID is needed");
  if (command.action == Action::webhooks && (!command.supplier || command.url.empty()))
    return std::unexpected(
        "suppliers webhooks: --supplier ID and --url https://SHOP/webhooks/printify/ID are "
        "needed");
  if (command.action == Action::sync && !command.file.empty() && !command.supplier)
    return std::unexpected("suppliers sync: --file needs --supplier ID (whose price list it is)");
  if (command.action == Action::imported && command.file.empty())
    return std::unexpected("suppliers import: give the FILE to import");
  return command;
}

int run_suppliers_command(const core::Config& config, const SuppliersCommand& command) {
  try {
    if (command.action == SuppliersCommand::Action::status) return status(config, command);
    if (command.action == SuppliersCommand::Action::run) return run_engine(config, command);
    auto shop = supplier_shops::one(config, command.shops_file, command.shop);
    if (!shop) return fail(shop.error());
    auto conn = supplier_shops::connect(config, *shop);
    if (!conn) return fail(conn.error());
    switch (command.action) {
      case SuppliersCommand::Action::add:
        return add(command, *shop, *conn);
      case SuppliersCommand::Action::list:
        return list(command, *shop, *conn);
      case SuppliersCommand::Action::test:
        return test(command, *shop, *conn);
      case SuppliersCommand::Action::sync:
        return sync(command, *shop, *conn);
      case SuppliersCommand::Action::exported:
        return export_config(command, *shop, *conn);
      case SuppliersCommand::Action::imported:
        return import_config(command, *shop, *conn);
      case SuppliersCommand::Action::dispatch:
        return dispatch_once(config, command, *shop, *conn);
      case SuppliersCommand::Action::webhooks:
        return webhooks(command, *shop, *conn);
      case SuppliersCommand::Action::status:
      case SuppliersCommand::Action::run:
        break;
    }
    return kExitOk;
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace comptoir::app
