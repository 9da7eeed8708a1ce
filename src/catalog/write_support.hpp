#pragma once

// Internal to the catalog service's writes: how a rule broken inside a transaction rolls it back
// and comes out as a CatalogError, and how slugs are chosen.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "catalog/catalog_error.hpp"
#include "catalog/catalog_repository.hpp"
#include "catalog/catalog_service_state.hpp"
#include "db/database.hpp"
#include "db/error.hpp"

namespace comptoir::catalog::writes {

// Thrown inside a transaction so it rolls back; run() turns it into the CatalogError it carries.
struct Rejected {
  CatalogError error;
};

[[noreturn]] inline void reject(CatalogError error) {
  throw Rejected{std::move(error)};
}

// A constraint the checks before the write could not see (a concurrent insert of the same SKU
// or slug, a category deleted meanwhile) as the client error it stands for; nullopt for a fault.
std::optional<CatalogError> client_error(const db::DbError& error);

// Runs `fn(CatalogRepository&)` in one transaction and drops the cache once it is over.
template <class T, class F>
net::awaitable<CatalogService::Result<T>> run(CatalogCacheState& state, F fn) {
  using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;
  std::optional<Stored> value;
  std::optional<CatalogError> failure;
  try {
    value = co_await state.db.transact([&fn](db::Connection& c) -> Stored {
      CatalogRepository repo(c);
      if constexpr (std::is_void_v<T>) {
        fn(repo);
        return {};
      } else {
        return fn(repo);
      }
    });
  } catch (const Rejected& rejected) {
    failure = rejected.error;
  } catch (const db::DbError& error) {
    failure = client_error(error);
    if (!failure) throw;
  }
  // This process sees its own write at once; the others when the notification arrives.
  if (!failure) state.invalidate();
  if (failure) co_return std::unexpected(std::move(*failure));
  if constexpr (std::is_void_v<T>)
    co_return CatalogService::Result<void>{};
  else
    co_return std::move(*value);
}

// The version check of If-Match, after the row lock.
inline void check_version(std::optional<int> current, std::optional<int> expected,
                          std::string_view not_found_key) {
  if (!current) reject(CatalogError::not_found(std::string(not_found_key)));
  if (expected && *expected != *current) reject(CatalogError::version_mismatch());
}

enum class SlugOwner { product, category };

// Settles `slug` for an entity's text in `locale`: an asked slug must be free (409 otherwise); an
// empty one is generated from `name`, with -2, -3… when taken. `field` names the slug in errors.
std::string settle_slug(CatalogRepository& repo, SlugOwner owner, Locale locale,
                        std::int64_t entity_id, const std::string& asked, const std::string& name,
                        const std::string& field);

}  // namespace comptoir::catalog::writes
