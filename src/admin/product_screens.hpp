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

// The catalog's products for staff: the list (search, category, status, stock, sort, pages), a
// new product, and one product's page — its fields and its French and English texts side by side
// in one form, each variant and each picture with a form of its own, uploads, and deletion.
// Reading needs catalog:read, every change catalog:write. Each change goes through
// catalog::CatalogService with the version the page showed: if the product changed meanwhile,
// nothing is written and the page shows the current product and how it differs from what was
// typed. Each change is audited by the catalog in its own transaction (product.created,
// product.updated, product.deleted, with the fields before and after). Deleting a product, a
// variant or a picture asks for a ticked confirmation and, past ten minutes, a fresh code.
class ProductScreens {
 public:
  explicit ProductScreens(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;          // GET list
  http::net::awaitable<http::Response> blank(http::Context& ctx) const;         // GET new
  http::net::awaitable<http::Response> create(http::Context& ctx) const;        // POST list
  http::net::awaitable<http::Response> show(http::Context& ctx) const;          // GET product
  http::net::awaitable<http::Response> save(http::Context& ctx) const;          // POST product
  http::net::awaitable<http::Response> add_variant(http::Context& ctx) const;   // POST variants
  http::net::awaitable<http::Response> save_variant(http::Context& ctx) const;  // POST variant
  http::net::awaitable<http::Response> upload(http::Context& ctx) const;        // POST images
  http::net::awaitable<http::Response> change_image(http::Context& ctx) const;  // POST image
  http::net::awaitable<http::Response> remove(http::Context& ctx) const;        // POST delete
  // GET products.csv (catalog:read): one row per variant, both languages, at most
  // kMaxExportRows; filters status and category as the list's. Audited (catalog.exported).
  http::net::awaitable<http::Response> export_csv(http::Context& ctx) const;
  static constexpr std::int64_t kMaxExportRows = 100'000;

  // What a refused change shows: the status, the error summary and its fields, and which form's
  // typed values to keep ("product", "variant-12", "new-variant", "image-5", "upload", "delete").
  struct Refusal {
    http::Status status = http::Status::unprocessable_entity;
    std::string message{};
    std::vector<catalog::FieldError> fields{};
    std::string form_id{};
    std::vector<std::string> differences{};  // a stale edit: what differs from what was typed
  };

 private:
  // The product's page: 404 when there is no such product. `typed`, when given, is the refused
  // form (`refusal->form_id`), whose values are shown as typed.
  http::net::awaitable<http::Response> render(http::Context& ctx, const Staff& staff,
                                              std::int64_t id, const Refusal* refusal,
                                              const http::Form* typed) const;
  http::net::awaitable<http::Response> render_blank(http::Context& ctx, const Staff& staff,
                                                    const Refusal* refusal,
                                                    const http::Form* typed) const;

  // A form posted about a product: its staff member (catalog:write), the form (its CSRF token
  // checked), the product's id and the version the page showed. Else the gate's answer; a form
  // without its token is 403, without its version 400.
  struct Posted;
  http::net::awaitable<std::expected<Posted, http::Response>> posted(http::Context& ctx) const;
  // A deletion's ticked confirmation and, past ten minutes, a fresh code: the message key of a
  // refusal, else nullopt.
  http::net::awaitable<std::optional<std::string>> confirmed(http::Context& ctx, const Staff& staff,
                                                             const http::Form& form) const;

  const Kit& kit_;
};

struct ProductScreens::Posted {
  Staff staff;
  http::Form form;
  std::int64_t id = 0;
  std::optional<int> version{};  // always given (the form's)
};

}  // namespace comptoir::admin
