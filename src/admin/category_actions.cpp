// CategoryScreens: creating a category, and a category's changes — texts, place, order, deletion.
#include <fmt/format.h>

#include "admin/admin_urls.hpp"
#include "admin/category_parts.hpp"
#include "admin/category_screens.hpp"
#include "admin/product_form.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_audit.hpp"
#include "catalog/catalog_service.hpp"
#include "http/pages.hpp"

namespace comptoir::admin {
namespace {

using catalog::CatalogError;
using catalog::CatalogErrorCode;
using catalog::Category;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

constexpr std::string_view kNotFound = "catalog.error.category_not_found";

// What differs between the category now and what the staff member typed in its form.
std::vector<std::string> differences(const Kit& kit, Locale locale, const Category& current,
                                     const catalog::CategoryInput& typed) {
  auto merged = catalog::apply(typed, current);
  for (auto l : core::kLocales)
    if (typed.text[l]) merged.text[l] = catalog::apply(*typed.text[l], current.text[l]);
  return difference_lines(kit, locale, catalog::category_changes(&current, &merged));
}

// A parent named for people: its path, or the top of the tree.
std::string parent_text(const Kit& kit, Locale locale, const catalog::CategoryTree& tree,
                        std::optional<std::int64_t> parent) {
  if (!parent) return kit.t(locale, "admin.category.top_level");
  auto path = category_path(tree, *parent, locale);
  return path.empty() ? fmt::format("#{}", *parent) : path;
}

}  // namespace

net::awaitable<std::expected<CategoryScreens::Posted, Response>> CategoryScreens::posted(
    Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "catalog:write");
  if (!admitted) co_return std::unexpected(std::move(admitted.error()));
  auto id = id_param(ctx, "id");
  auto version = read_version(admitted->form);
  if (!version) throw http::HttpError(Status::bad_request);
  co_return Posted{
      .staff = admitted->staff, .form = std::move(admitted->form), .id = id, .version = version};
}

net::awaitable<Response> CategoryScreens::refused(Context& ctx, const Staff& staff, std::int64_t id,
                                                  const CatalogError& error, std::string form_id,
                                                  const http::Form& form) const {
  if (error.code == CatalogErrorCode::not_found && error.message_key == kNotFound)
    throw http::HttpError(Status::not_found);
  const auto locale = staff.locale;
  Refusal refusal{
      .status = form_status(error), .fields = error.fields, .form_id = std::move(form_id)};
  if (error.code == CatalogErrorCode::version_mismatch) {
    // Someone changed the category since the page was shown: nothing was written; the page shows
    // it as it is now, with the new version, so the staff member decides again.
    refusal.message = kit_.t(locale, "admin.category.stale");
    refusal.form_id.clear();
  } else if (error.code == CatalogErrorCode::invalid &&
             error.message_key == "catalog.error.validation") {
    refusal.message = kit_.t(locale, "admin.product.invalid");
  } else if (error.message_key.starts_with("catalog.error.category_has_")) {
    refusal.message = kit_.t(locale, "admin.category.needs_reassign");  // the API's says "pass…"
  } else {
    refusal.message = kit_.t(locale, error.message_key);
  }
  co_return co_await render(ctx, staff, id, &refusal, &form);
}

net::awaitable<Response> CategoryScreens::create(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  const auto locale = staff.locale;
  catalog::FieldErrors errors;
  auto input = read_new_category(form, errors);
  Refusal refusal{.form_id = "new"};
  if (errors.empty()) {
    auto author = author_of(ctx, staff);
    auto created =
        co_await kit_.deps().catalog.create_category(std::move(input), std::move(author));
    if (created)
      co_return http::see_other(http::with_notice(urls::category(created->id), "category_created"));
    const auto& error = created.error();
    refusal.status = form_status(error);
    refusal.fields = error.fields;
    if (error.message_key != "catalog.error.validation")
      refusal.message = kit_.t(locale, error.message_key);
  } else {
    refusal.fields = std::move(errors);
  }
  if (refusal.message.empty()) refusal.message = kit_.t(locale, "admin.product.invalid");
  co_return co_await render_tree(ctx, staff, &refusal, &form);
}

net::awaitable<Response> CategoryScreens::save(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  auto input = read_category(form);
  auto typed = input;
  auto author = author_of(ctx, staff);
  auto saved = co_await kit_.deps().catalog.update_category(id, std::move(input), version,
                                                            std::move(author));
  if (saved) co_return http::see_other(http::with_notice(urls::category(id), "category_saved"));
  if (saved.error().code == CatalogErrorCode::version_mismatch) {
    auto current = co_await kit_.deps().catalog.category(id);
    if (!current) throw http::HttpError(Status::not_found);
    Refusal refusal{.status = Status::conflict,
                    .message = kit_.t(staff.locale, "admin.category.stale"),
                    .differences = differences(kit_, staff.locale, *current, typed)};
    co_return co_await render(ctx, staff, id, &refusal, nullptr);
  }
  co_return co_await refused(ctx, staff, id, saved.error(), "category", form);
}

net::awaitable<Response> CategoryScreens::move(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  const auto locale = staff.locale;
  catalog::FieldErrors errors;
  auto parent = read_category_choice(form, "parent", "parent_id", errors);
  if (!errors.empty()) {
    Refusal refusal{.message = kit_.t(locale, "admin.product.invalid"),
                    .fields = std::move(errors),
                    .form_id = "move"};
    co_return co_await render(ctx, staff, id, &refusal, &form);
  }
  catalog::CategoryInput input;
  input.parent_id = parent;
  auto author = author_of(ctx, staff);
  auto& catalog = kit_.deps().catalog;
  auto moved = co_await catalog.update_category(id, std::move(input), version, std::move(author));
  if (moved) co_return http::see_other(http::with_notice(urls::category(id), "category_moved"));
  if (moved.error().code == CatalogErrorCode::version_mismatch) {
    auto tree = co_await catalog.categories();
    const auto* current = tree->find(id);
    if (!current) throw http::HttpError(Status::not_found);
    std::vector<std::string> lines;
    if (current->parent_id != parent)
      lines.push_back(fmt::format(
          "{} — {} {}, {} {}", kit_.t(locale, "admin.product.field.parent_id"),
          kit_.t(locale, "admin.product.now"), parent_text(kit_, locale, *tree, current->parent_id),
          kit_.t(locale, "admin.category.chosen"), parent_text(kit_, locale, *tree, parent)));
    Refusal refusal{.status = Status::conflict,
                    .message = kit_.t(locale, "admin.category.stale"),
                    .differences = std::move(lines)};
    co_return co_await render(ctx, staff, id, &refusal, nullptr);
  }
  co_return co_await refused(ctx, staff, id, moved.error(), "move", form);
}

net::awaitable<Response> CategoryScreens::reorder(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  const auto action = form.get("action");
  int offset = 0;
  if (action == "up")
    offset = -1;
  else if (action == "down")
    offset = 1;
  else
    throw http::HttpError(Status::bad_request);
  auto author = author_of(ctx, staff);
  auto done = co_await kit_.deps().catalog.reorder_category(id, offset, version, std::move(author));
  if (done) {
    if (form.get("back") == "tree")
      co_return http::see_other(fmt::format(
          "{}#category-{}", http::with_notice(urls::kCategories, "category_reordered"), id));
    co_return http::see_other(http::with_notice(urls::category(id), "category_reordered"));
  }
  co_return co_await refused(ctx, staff, id, done.error(), "order", form);
}

net::awaitable<Response> CategoryScreens::remove(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  const auto locale = staff.locale;
  catalog::FieldErrors errors;
  auto target = read_category_choice(form, "reassign_to", "reassign_to", errors);
  if (!errors.empty()) {
    Refusal refusal{.message = kit_.t(locale, "admin.product.invalid"),
                    .fields = std::move(errors),
                    .form_id = "delete"};
    co_return co_await render(ctx, staff, id, &refusal, &form);
  }
  std::optional<std::string> refusal_key;
  if (form.get("confirm") != "yes") {
    refusal_key = "admin.product.not_confirmed";
  } else {
    std::string code(form.get("code"));
    refusal_key = co_await kit_.confirm_identity(ctx, staff, std::move(code));
  }
  if (refusal_key) {
    Refusal refusal{.message = kit_.t(locale, *refusal_key), .form_id = "delete"};
    co_return co_await render(ctx, staff, id, &refusal, &form);
  }
  auto author = author_of(ctx, staff);
  auto deleted =
      co_await kit_.deps().catalog.delete_category(id, target, version, std::move(author));
  if (deleted) co_return http::see_other(http::with_notice(urls::kCategories, "category_deleted"));
  co_return co_await refused(ctx, staff, id, deleted.error(), "delete", form);
}

}  // namespace comptoir::admin
