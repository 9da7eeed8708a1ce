#pragma once

// Internal to the catalog service's writes: how a rule broken inside a transaction rolls it back
// and comes out as a CatalogError, the product a write locks and reads back, the files of the
// pictures a write leaves unnamed, and how slugs are chosen.

#include <boost/json/object.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/author.hpp"
#include "catalog/catalog_error.hpp"
#include "catalog/catalog_repository.hpp"
#include "catalog/catalog_service_state.hpp"
#include "db/database.hpp"
#include "db/error.hpp"
#include "media/pending_files.hpp"

namespace comptoir::catalog::writes {

// Thrown inside a transaction so it rolls back; run() turns it into the CatalogError it carries.
struct Rejected {
  CatalogError error;
};

[[noreturn]] inline void reject(CatalogError error) {
  throw Rejected{std::move(error)};
}

inline constexpr std::string_view kProductNotFound = "catalog.error.product_not_found";

// The product as this transaction sees it, ready for the cache; not found: rejected.
std::shared_ptr<const Product> reload(CatalogRepository& repo, std::int64_t id);
// The current product, locked and at the expected version.
Product lock(CatalogRepository& repo, std::int64_t id, std::optional<int> expected_version);

inline void fail_if(std::vector<FieldError> errors) {
  if (!errors.empty()) reject(CatalogError::invalid(std::move(errors)));
}

// The position after every item's (variants, images): the end of the order.
int next_position(const auto& items) {
  int next = 0;
  for (const auto& item : items) next = std::max(next, item.position + 1);
  return next;
}

// A constraint the checks before the write could not see (a concurrent insert of the same SKU
// or slug, a category deleted meanwhile) as the client error it stands for; nullopt for a fault.
std::optional<CatalogError> client_error(const db::DbError& error);

// Runs `fn(CatalogRepository&)` in one transaction and, once it is over, drops `drop` from the
// cache (read after `fn` ran: a creation names its product there).
template <class T, class F>
net::awaitable<CatalogService::Result<T>> run(CatalogCacheState& state, const CacheDrop& drop,
                                              F fn) {
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
  if (!failure) state.drop(drop);
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

// Inside a write's transaction, once its rows changed: those of `paths` (files under MEDIA_DIR)
// that no row names any more, each noted as pending (media/pending_files.hpp), so that a crash
// between the commit and their removal leaves a note catalog.media_cleanup follows. Throws when a
// note cannot be written: the write rolls back rather than lose track of files.
std::vector<media::PendingNote> orphaned_files(CatalogRepository& repo,
                                               const std::filesystem::path& media_dir,
                                               std::vector<std::string> paths);
// After the commit: removes the files of `notes`, then the notes. Never throws.
void remove_files(const std::filesystem::path& media_dir,
                  const std::vector<media::PendingNote>& notes);

// Inside a write's transaction, when it has an author: appends `action` about the product to the
// audit log with its version after the write and what changed (catalog_audit.hpp). `before` is
// null for a creation, `after` for a deletion. An update that changed nothing records nothing.
void record(CatalogRepository& repo, const std::optional<Author>& author, std::string_view action,
            std::int64_t product_id, const Product* before, const Product* after);

// The same about a category (catalog_audit.hpp's category_changes), with `extra` details added
// (a deletion's reassignment, a reorder's sibling order). An update that changed nothing records
// nothing.
void record_category(CatalogRepository& repo, const std::optional<Author>& author,
                     std::string_view action, std::int64_t category_id, const Category* before,
                     const Category* after, boost::json::object extra = {});

enum class SlugOwner { product, category };

// Settles `slug` for an entity's text in `locale`: an asked slug must be free (409 otherwise); an
// empty one is generated from `name`, with -2, -3… when taken. `field` names the slug in errors.
std::string settle_slug(CatalogRepository& repo, SlugOwner owner, Locale locale,
                        std::int64_t entity_id, const std::string& asked, const std::string& name,
                        const std::string& field);

}  // namespace comptoir::catalog::writes
