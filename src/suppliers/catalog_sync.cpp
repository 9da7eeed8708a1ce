#include "suppliers/catalog_sync.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

#include "catalog/gtin.hpp"
#include "catalog/inventory.hpp"
#include "core/text.hpp"
#include "db/connection.hpp"
#include "suppliers/alerts.hpp"
#include "suppliers/api_call_log.hpp"
#include "suppliers/connector_factory.hpp"
#include "suppliers/connectors/price_list.hpp"
#include "suppliers/session_lock.hpp"
#include "suppliers/supplier_service.hpp"
#include "suppliers/supplier_stock.hpp"
#include "suppliers/transaction.hpp"

namespace comptoir::suppliers {
namespace {

constexpr int kMapBatch = 1000;

// The errors of a page's broken products, one line each, for the run's record.
std::string page_errors(const ProductPage& page) {
  std::string out;
  for (const auto& product : page.products)
    if (!product.error.empty())
      out +=
          fmt::format("product {}: {}\n",
                      product.external_id.empty() ? "(no id)" : product.external_id, product.error);
  return out;
}

void raise_api_alert(db::Connection& conn, std::int64_t supplier_id, const ConnectorError& e) {
  if (e.kind == ConnectorError::Kind::rate_limited)
    Alerts::raise(conn, AlertKind::rate_limited, supplier_id, "", e.message);
  else if (e.kind == ConnectorError::Kind::unavailable ||
           e.kind == ConnectorError::Kind::unauthorized)
    Alerts::raise(conn, AlertKind::api_failing, supplier_id, "", e.message);
}

}  // namespace

namespace {

// One way of mapping: which unmapped supplier variants have a code, the code's key (as both sides
// compare it), and the shop variants that carry these keys.
struct MapBy {
  std::string_view source;  // supplier_mappings.source
  std::vector<CodeToMap> (SyncRepository::*unmapped)(std::int64_t, std::int64_t, int);
  std::optional<std::string> (*key)(std::string_view code);
  std::map<std::string, std::int64_t> (*shop)(db::Connection&, const std::vector<std::string>&);
};

// Hands `found` each batch of (supplier variant, shop variant) pairs `by` finds among the
// supplier's unmapped variants.
template <class Found>
void match_by(db::Connection& conn, std::int64_t supplier_id, const MapBy& by, Found found) {
  SyncRepository repository(conn);
  std::int64_t after = 0;
  for (;;) {
    auto batch = (repository.*by.unmapped)(supplier_id, after, kMapBatch);
    if (batch.empty()) break;
    after = batch.back().supplier_variant_id;
    // Each row's key, worked out once (nullopt: a code that cannot match, a GTIN that is wrong).
    std::vector<std::optional<std::string>> row_keys;
    std::vector<std::string> keys;
    row_keys.reserve(batch.size());
    keys.reserve(batch.size());
    for (const auto& row : batch) {
      row_keys.push_back(by.key(row.code));
      if (row_keys.back()) keys.push_back(*row_keys.back());
    }
    auto shop = by.shop(conn, keys);
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const auto& key = row_keys[i];
      if (auto match = key ? shop.find(*key) : shop.end(); match != shop.end())
        pairs.emplace_back(batch[i].supplier_variant_id, match->second);
    }
    found(repository, pairs);
    if (static_cast<int>(batch.size()) < kMapBatch) break;
  }
}

int map_by(db::Connection& conn, std::int64_t supplier_id, const MapBy& by) {
  int mapped = 0;
  match_by(conn, supplier_id, by, [&](SyncRepository& repository, const auto& pairs) {
    mapped += repository.map(pairs, by.source);
  });
  return mapped;
}

constexpr MapBy kBySku{
    .source = "SKU",
    .unmapped = &SyncRepository::unmapped_with_sku,
    .key = [](std::string_view sku) -> std::optional<std::string> {
      return core::upper_ascii(sku);
    },
    .shop =
        [](db::Connection& conn, const std::vector<std::string>& skus) {
          std::map<std::string, std::int64_t> out;  // upper-cased SKU → variant
          for (const auto& match : catalog::Inventory::variants_by_sku(conn, skus))
            out.emplace(core::upper_ascii(match.sku), match.variant_id);
          return out;
        }};

constexpr MapBy kByGtin{
    .source = "GTIN",
    .unmapped = &SyncRepository::unmapped_with_gtin,
    .key = [](std::string_view gtin) { return catalog::gtin14(core::trim_blanks(gtin)); },
    .shop =
        [](db::Connection& conn, const std::vector<std::string>& gtins) {
          std::map<std::string, std::int64_t> out;  // 14-digit GTIN → variant
          for (const auto& match : catalog::Inventory::variants_by_gtin(conn, gtins))
            out.emplace(match.gtin14, match.variant_id);
          return out;
        }};

}  // namespace

std::vector<MatchProposal> propose_matches(db::Connection& conn, std::int64_t supplier_id) {
  std::vector<MatchProposal> out;
  std::set<std::int64_t> proposed;  // by SKU: not proposed again by GTIN (a SKU match wins)
  for (const auto* by : {&kBySku, &kByGtin})
    match_by(conn, supplier_id, *by, [&](SyncRepository&, const auto& pairs) {
      for (const auto& [supplier_variant, variant] : pairs)
        if (proposed.insert(supplier_variant).second)
          out.push_back({.supplier_variant_id = supplier_variant,
                         .variant_id = variant,
                         .source = std::string(by->source)});
    });
  return out;
}

int accept_matches(db::Connection& conn, const std::vector<MatchProposal>& proposals) {
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> by_source;
  for (const auto& p : proposals)
    if (p.source == "SKU" || p.source == "GTIN")
      by_source[p.source].emplace_back(p.supplier_variant_id, p.variant_id);
  SyncRepository repository(conn);
  int mapped = 0;
  for (const auto& [source, pairs] : by_source) mapped += repository.map(pairs, source);
  return mapped;
}

bool reads_catalog_api(const Supplier& supplier) {
  return supplier.active && supplier.type != SupplierType::local_stock &&
         supplier.type != SupplierType::dropshipper;
}

AutoMapped auto_map(db::Connection& conn, std::int64_t supplier_id) {
  AutoMapped out;
  out.by_sku = map_by(conn, supplier_id, kBySku);
  out.by_gtin = map_by(conn, supplier_id, kByGtin);  // after: a SKU match wins
  return out;
}

std::expected<SyncOutcome, std::string> sync_catalog(db::Connection& conn,
                                                     const core::SecretKeys& keys,
                                                     std::int64_t supplier_id, ApiCallLog& log,
                                                     const SyncOptions& options) {
  SupplierService suppliers(conn, keys);
  auto supplier = suppliers.find(supplier_id);
  if (!supplier) return std::unexpected(fmt::format("no supplier {}", supplier_id));
  if (!supplier->active)
    return std::unexpected(
        fmt::format("supplier {} ('{}') is inactive", supplier->id, supplier->name));
  std::unique_ptr<Connector> connector;
  if (options.price_list) {
    auto list = make_price_list(*options.price_list, supplier->currency);
    if (!list) return std::unexpected(list.error());
    connector = std::move(*list);
  } else {
    auto made = connect_supplier(conn, keys, *supplier, log);
    if (!made) return std::unexpected(made.error().message);
    connector = std::move(*made);
  }

  // One sync per supplier at a time, across processes: the session lock is held while this one
  // runs and goes with its connection, so a run left RUNNING by a process that died is continued
  // at once by the next one.
  auto lock = SessionLock::try_take(conn, fmt::format("comptoir.supplier_sync:{}", supplier_id));
  if (!lock)
    return std::unexpected(
        fmt::format("a sync of supplier {} is already running in another process", supplier_id));

  SyncOutcome outcome;
  auto run = in_transaction(conn, [&](db::Connection& c) {
    SyncRepository runs(c);
    if (auto started = runs.start(supplier_id)) return *started;
    outcome.resumed = true;
    return *runs.running(supplier_id);
  });
  std::int64_t total = -1;

  // Ends the run CANCELLED, or FAILED with the reason and its alerts.
  auto stop = [&](std::string_view status, const ConnectorError* cause) {
    auto why = cause ? cause->message : std::string{};
    outcome.run = in_transaction(conn, [&](db::Connection& c) {
      if (cause) {
        raise_api_alert(c, supplier_id, *cause);
        Alerts::raise(c, AlertKind::sync_failed, supplier_id, "",
                      fmt::format("the catalog sync of '{}' failed: {}", supplier->name, why));
      }
      return SyncRepository(c).finish(run.id, status, 0, why.empty() ? "" : why + "\n");
    });
    log.flush();
    outcome.error = why;
    return outcome;
  };

  for (;;) {
    if (options.stop.stop_requested()) return stop("CANCELLED", nullptr);
    auto page = connector->list_products(run.cursor);
    if (!page) return stop("FAILED", &page.error());
    if (page->total >= 0) total = page->total;
    auto errors = page_errors(*page);
    run = in_transaction(conn, [&](db::Connection& c) {
      SyncRepository repository(c);
      auto counts = repository.store_page(supplier_id, *page);
      return repository.advance(run.id, page->next, counts, errors);
    });
    if (options.progress) options.progress(run, total);
    if (page->next.empty()) break;
  }

  outcome.run = in_transaction(conn, [&](db::Connection& c) {
    SyncRepository repository(c);
    outcome.gone = repository.mark_gone(supplier_id, run.id);
    auto mapped = auto_map(c, supplier_id);
    outcome.mapped_by_gtin = mapped.by_gtin;
    outcome.unmapped = repository.unmapped_count(supplier_id);
    Alerts::resolve(c, AlertKind::sync_failed, supplier_id);
    Alerts::resolve(c, AlertKind::api_failing, supplier_id);
    Alerts::resolve(c, AlertKind::rate_limited, supplier_id);
    refresh_supplier_stock(c);
    return repository.finish(run.id, "DONE", mapped.by_sku + mapped.by_gtin, "");
  });
  log.flush();
  return outcome;
}

}  // namespace comptoir::suppliers
