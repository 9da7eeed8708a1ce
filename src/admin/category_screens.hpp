#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "admin/admin_kit.hpp"
#include "catalog/catalog_error.hpp"
#include "http/form.hpp"
#include "http/types.hpp"

namespace comptoir::admin {

// The catalog's category tree for staff: the tree (indented, each category with its French and
// English names, its products and whether it is shown) with a form to create one, and one
// category's page — its texts and status (renamed: the old address redirects), its place (a new
// parent; never itself or one of its subcategories), its order among its siblings, and its
// deletion, which hands its products and subcategories to a category the staff member chooses.
// Reading needs catalog:read, every change catalog:write. Each change goes through
// catalog::CatalogService (its rules: slugs, cycles, reassignment) with the version the page
// showed: if the category changed meanwhile, nothing is written (409) and the page says what
// differs. The catalog audits each change in its own transaction (category.created, .updated,
// .moved, .reordered, .deleted) and drops its cache, so the storefront follows at once. Deleting
// asks for a ticked confirmation and, past ten minutes, a fresh code.
class CategoryScreens {
 public:
  explicit CategoryScreens(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;     // GET tree
  http::net::awaitable<http::Response> create(http::Context& ctx) const;   // POST tree
  http::net::awaitable<http::Response> show(http::Context& ctx) const;     // GET category
  http::net::awaitable<http::Response> save(http::Context& ctx) const;     // POST category
  http::net::awaitable<http::Response> move(http::Context& ctx) const;     // POST move
  http::net::awaitable<http::Response> reorder(http::Context& ctx) const;  // POST order
  http::net::awaitable<http::Response> remove(http::Context& ctx) const;   // POST delete

  // What a refused form shows: the status, the summary and its fields, which form's typed values
  // to keep ("new", "category", "move", "delete"), and for a stale form what differs.
  struct Refusal {
    http::Status status = http::Status::unprocessable_entity;
    std::string message{};
    std::vector<catalog::FieldError> fields{};
    std::string form_id{};
    std::vector<std::string> differences{};
  };

 private:
  http::net::awaitable<http::Response> render_tree(http::Context& ctx, const Staff& staff,
                                                   const Refusal* refusal,
                                                   const http::Form* typed) const;
  // The category's page: 404 when there is no such category.
  http::net::awaitable<http::Response> render(http::Context& ctx, const Staff& staff,
                                              std::int64_t id, const Refusal* refusal,
                                              const http::Form* typed) const;

  // A form posted about a category: its staff member (catalog:write), the form (its CSRF token
  // checked: else 403), the category's id and the version the page showed (else 400).
  struct Posted;
  http::net::awaitable<std::expected<Posted, http::Response>> posted(http::Context& ctx) const;
  // A refused write shown on the category's page (or 404 when the category is gone).
  http::net::awaitable<http::Response> refused(http::Context& ctx, const Staff& staff,
                                               std::int64_t id, const catalog::CatalogError& error,
                                               std::string form_id, const http::Form& form) const;

  const Kit& kit_;
};

struct CategoryScreens::Posted {
  Staff staff;
  http::Form form;
  std::int64_t id = 0;
  std::optional<int> version{};  // always given (the form's)
};

}  // namespace comptoir::admin
