#pragma once

#include "admin/admin_kit.hpp"
#include "http/types.hpp"

namespace comptoir::admin {

// The catalog's CSV import for staff (catalog:write), on catalog::CatalogImports:
// - the import page: the file to send (the columns of the export, any subset with `sku`) and the
//   latest imports;
// - sending a file: its shape is checked at once (a file that is not UTF-8 CSV with a `sku`
//   column is refused with why, 422), then the dry run runs in the background;
// - one import's page: while a pass runs, a progress bar (kept current by a small script, or the
//   page's Refresh link without it); once checked, what each line would do — created, changed
//   with each field before and after, unchanged, refused with the column and the reason — with
//   filters and pages, and the button that applies it (at the version the page showed: a stale
//   page applies nothing); once applied, what each line did.
class ImportScreens {
 public:
  explicit ImportScreens(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> index(http::Context& ctx) const;     // GET import
  http::net::awaitable<http::Response> submit(http::Context& ctx) const;    // POST import
  http::net::awaitable<http::Response> show(http::Context& ctx) const;      // GET import/{id}
  http::net::awaitable<http::Response> progress(http::Context& ctx) const;  // GET …/progress
  http::net::awaitable<http::Response> apply(http::Context& ctx) const;     // POST …/apply

  static constexpr int kRowsPerPage = 100;

 private:
  // The import page, with a refused file's message when there is one.
  http::net::awaitable<http::Response> render_index(http::Context& ctx, const Staff& staff,
                                                    http::Status status,
                                                    std::string_view error) const;

  const Kit& kit_;
};

}  // namespace comptoir::admin
