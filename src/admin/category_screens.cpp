// CategoryScreens: the tree with its form for a new category, and one category's page.
#include "admin/category_screens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "admin/admin_urls.hpp"
#include "admin/category_parts.hpp"
#include "admin/product_form.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/catalog_urls.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using catalog::Category;
using catalog::CategoryTree;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

// Every category, depth first in the order of the tree, with its depth.
void walk(const CategoryTree& tree, std::optional<std::int64_t> parent, int depth,
          const std::function<void(const Category&, int)>& visit) {
  for (const auto* category : tree.children(parent)) {
    visit(*category, depth);
    walk(tree, category->id, depth + 1, visit);
  }
}

// The options of a select of categories (each named by its path), after `first` (value ""),
// leaving out `excluded`.
void add_category_options(views::Dict& dict, std::string_view section, const CategoryTree& tree,
                          Locale locale, std::optional<std::string> first,
                          const std::vector<std::int64_t>& excluded, std::string_view selected) {
  if (first) add_option(dict, section, "", *first, selected.empty());
  walk(tree, std::nullopt, 0, [&](const Category& category, int) {
    if (std::ranges::find(excluded, category.id) != excluded.end()) return;
    auto value = std::to_string(category.id);
    add_option(dict, section, value, category_path(tree, category.id, locale), selected == value);
  });
}

}  // namespace

net::awaitable<Response> CategoryScreens::list(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:read");
  if (!admitted) co_return std::move(admitted.error());
  co_return co_await render_tree(ctx, *admitted, nullptr, nullptr);
}

net::awaitable<Response> CategoryScreens::render_tree(Context& ctx, const Staff& staff,
                                                      const Refusal* refusal,
                                                      const http::Form* typed) const {
  const auto locale = staff.locale;
  auto& catalog = kit_.deps().catalog;
  auto tree = co_await catalog.categories();
  auto counts = co_await catalog.category_product_counts();
  const bool can_write = staff.can("catalog:write");
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };

  views::Dict body("admin_categories");
  kit_.labels(body, locale,
              {{"INTRO", "admin.categories.intro"},
               {"CAPTION", "admin.categories.caption"},
               {"NAME_FR_HEAD", "admin.categories.name_fr"},
               {"NAME_EN_HEAD", "admin.categories.name_en"},
               {"PRODUCTS_HEAD", "admin.categories.products"},
               {"STATUS_HEAD", "admin.categories.status"},
               {"ORDER_HEAD", "admin.categories.order"}});
  if (can_write) body.ShowSection("CAN_WRITE"_key);
  if (refusal) add_field_errors(kit_, body, locale, refusal->fields);
  walk(*tree, std::nullopt, 0, [&](const Category& category, int depth) {
    auto& row = *body.AddSectionDictionary("ROW"_key);
    views::set(row, "ID"_key, std::to_string(category.id));
    views::set(row, "DEPTH"_key, std::to_string(std::min(depth, 4)));
    views::set(row, "URL"_key, urls::category(category.id));
    views::set(row, "NAME_FR"_key, category.text[Locale::fr].name);
    views::set(row, "NAME_EN"_key, category.text[Locale::en].name);
    auto count = counts.find(category.id);
    views::set(row, "PRODUCTS"_key, kit_.number(count == counts.end() ? 0 : count->second, locale));
    views::set(row, "STATUS_CLASS"_key, category.active ? "active" : "draft");
    views::set(row, "STATUS"_key,
               t(category.active ? "admin.category.shown" : "admin.category.hidden"));
    if (!can_write) return;
    auto& order = *row.AddSectionDictionary("ORDER"_key);
    views::set(order, "URL"_key, urls::category(category.id, "/order"));
    views::set(order, "CSRF"_key, staff.csrf());
    views::set(order, "VERSION"_key, std::to_string(category.version));
    auto siblings = tree->children(category.parent_id);
    for (auto [section, key, shown] :
         {std::tuple{"UP", "admin.category.move_up", siblings.front()->id != category.id},
          std::tuple{"DOWN", "admin.category.move_down", siblings.back()->id != category.id}}) {
      if (!shown) continue;
      auto& button = *order.AddSectionDictionary(section);
      views::set(button, "TEXT"_key, t(key));
      views::set(button, "NAME"_key, category.text[locale].name);
    }
  });
  if (tree->categories.empty())
    views::set(*body.AddSectionDictionary("EMPTY"_key), "TEXT"_key, t("admin.categories.empty"));

  if (can_write) {
    Values v{typed};
    auto& add = *body.AddSectionDictionary("NEW_CATEGORY"_key);
    kit_.labels(add, locale,
                {{"LEGEND", "admin.categories.new"},
                 {"HINT", "admin.categories.new_hint"},
                 {"NAME_FR_LABEL", "admin.product.name_fr"},
                 {"NAME_EN_LABEL", "admin.product.name_en"},
                 {"SLUG_FR_LABEL", "admin.categories.slug_fr"},
                 {"SLUG_EN_LABEL", "admin.categories.slug_en"},
                 {"SLUG_HINT", "admin.categories.slug_hint"},
                 {"PARENT_LABEL", "admin.product.field.parent_id"},
                 {"SUBMIT", "admin.categories.create"}});
    views::set(add, "ACTION"_key, urls::kCategories);
    views::set(add, "CSRF"_key, staff.csrf());
    views::set(add, "NAME_FR"_key, v("fr_name", ""));
    views::set(add, "NAME_EN"_key, v("en_name", ""));
    views::set(add, "SLUG_FR"_key, v("fr_slug", ""));
    views::set(add, "SLUG_EN"_key, v("en_slug", ""));
    add_category_options(add, "PARENT_OPTION", *tree, locale, t("admin.category.top_level"), {},
                         v("parent", ""));
  }

  auto notice = refusal ? std::string() : kit_.notice(ctx, locale);
  co_return kit_.page(refusal ? refusal->status : Status::ok, ctx, staff, Section::categories,
                      t("admin.categories.title"), "categories.tpl", body, notice,
                      refusal ? refusal->message : std::string());
}

net::awaitable<Response> CategoryScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:read");
  if (!admitted) co_return std::move(admitted.error());
  auto id = id_param(ctx, "id");
  co_return co_await render(ctx, *admitted, id, nullptr, nullptr);
}

net::awaitable<Response> CategoryScreens::render(Context& ctx, const Staff& staff, std::int64_t id,
                                                 const Refusal* refusal,
                                                 const http::Form* typed) const {
  const auto locale = staff.locale;
  auto& catalog = kit_.deps().catalog;
  auto tree = co_await catalog.categories();
  const Category* found = tree->find(id);
  if (!found) throw http::HttpError(Status::not_found);
  const Category& category = *found;
  auto counts = co_await catalog.category_product_counts();
  const auto count = counts.contains(id) ? counts.at(id) : 0;
  const auto children = tree->children(id);
  const bool can_write = staff.can("catalog:write");
  const auto version = std::to_string(category.version);
  const std::string form_id = refusal ? refusal->form_id : std::string();
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  auto values = [&](std::string_view id_of_form) {
    return Values{form_id == id_of_form ? typed : nullptr};
  };

  views::Dict body("admin_category");
  kit_.labels(body, locale,
              {{"BACK", "admin.categories.back"},
               {"FACTS_TITLE", "admin.category.facts"},
               {"GENERAL_TITLE", "admin.category.general"},
               {"ACTIVE_LABEL", "admin.product.field.active"},
               {"ACTIVE_HINT", "admin.category.active_hint"},
               {"FEATURED_LABEL", "admin.category.featured"},
               {"SAVE", "admin.category.save"}});
  views::set(body, "BACK_URL"_key, urls::kCategories);
  views::set(body, "ACTION"_key, urls::category(id));
  views::set(body, "CSRF"_key, staff.csrf());
  views::set(body, "VERSION"_key, version);
  if (can_write) body.ShowSection("CAN_WRITE"_key);
  if (category.active)
    for (auto l : core::kLocales) {
      auto& link = *body.AddSectionDictionary("STORE_LINK"_key);
      views::set(link, "URL"_key, catalog::urls::category(l, category.text[l].slug));
      views::set(link, "LANG"_key, core::code(l));
      views::set(link, "TEXT"_key, t(fmt::format("admin.category.view_{}", core::code(l))));
    }
  if (refusal) add_field_errors(kit_, body, locale, refusal->fields);
  if (refusal && !refusal->differences.empty()) {
    auto& stale = *body.AddSectionDictionary("DIFFERENCES"_key);
    views::set(stale, "TITLE"_key, t("admin.product.stale_title"));
    views::set(stale, "HINT"_key, t("admin.category.stale_hint"));
    for (const auto& line : refusal->differences)
      views::set(*stale.AddSectionDictionary("DIFFERENCE"_key), "TEXT"_key, line);
  }

  auto fact = [&](std::string_view label_key, std::string value) {
    auto& item = *body.AddSectionDictionary("FACT"_key);
    views::set(item, "LABEL"_key, t(label_key));
    views::set(item, "VALUE"_key, value);
  };
  fact("admin.product.field.parent_id", category.parent_id
                                            ? category_path(*tree, *category.parent_id, locale)
                                            : t("admin.category.top_level"));
  fact("admin.categories.products", kit_.number(count, locale));
  std::string names;
  for (const auto* child : children)
    names += fmt::format("{}{}", names.empty() ? "" : ", ", child->text[locale].name);
  fact("admin.category.subcategories", names.empty() ? t("admin.category.none") : names);
  fact("admin.categories.status",
       t(category.active ? "admin.category.shown" : "admin.category.hidden"));
  fact("admin.category.updated", Kit::when(category.updated_at));

  // Texts and status.
  auto v = values("category");
  if (v("active", category.active ? "yes" : "") == "yes") body.ShowSection("ACTIVE"_key);
  if (v("featured", category.featured ? "yes" : "") == "yes") body.ShowSection("FEATURED"_key);
  for (auto l : core::kLocales) {
    const auto& text = category.text[l];
    add_text_block(kit_, body, locale, l,
                   {text.name, text.slug, text.description, text.meta_title, text.meta_description},
                   v, "admin.category.slug_hint", catalog::urls::category);
  }
  if (!can_write) {
    auto title = fmt::format("{} — {}", t("admin.category.title"), category.text[locale].name);
    co_return kit_.page(Status::ok, ctx, staff, Section::categories, title, "category.tpl", body,
                        kit_.notice(ctx, locale));
  }

  // Its place: a new parent (never itself or below itself), its order among its siblings.
  const auto own_subtree = tree->subtree_ids(id);
  auto& place = *body.AddSectionDictionary("PLACE"_key);
  kit_.labels(place, locale,
              {{"TITLE", "admin.category.place"},
               {"MOVE_LEGEND", "admin.category.move"},
               {"PARENT_LABEL", "admin.product.field.parent_id"},
               {"PARENT_HINT", "admin.category.parent_hint"},
               {"MOVE_SUBMIT", "admin.category.move_submit"},
               {"ORDER_LEGEND", "admin.category.order"},
               {"ORDER_HINT", "admin.category.order_hint"}});
  views::set(place, "MOVE_URL"_key, urls::category(id, "/move"));
  views::set(place, "ORDER_URL"_key, urls::category(id, "/order"));
  views::set(place, "CSRF"_key, staff.csrf());
  views::set(place, "VERSION"_key, version);
  auto parent_now = category.parent_id ? std::to_string(*category.parent_id) : std::string();
  add_category_options(place, "PARENT_OPTION", *tree, locale, t("admin.category.top_level"),
                       own_subtree, values("move")("parent", parent_now));
  auto siblings = tree->children(category.parent_id);
  if (siblings.front()->id != id)
    views::set(*place.AddSectionDictionary("UP"_key), "TEXT"_key, t("admin.category.move_up"));
  if (siblings.back()->id != id)
    views::set(*place.AddSectionDictionary("DOWN"_key), "TEXT"_key, t("admin.category.move_down"));

  // Deletion: its products and subcategories go to the category chosen (its parent by default).
  auto& remove = *body.AddSectionDictionary("DELETE_CATEGORY"_key);
  views::set(remove, "URL"_key, urls::category(id, "/delete"));
  views::set(remove, "CSRF"_key, staff.csrf());
  views::set(remove, "VERSION"_key, version);
  kit_.labels(remove, locale,
              {{"TITLE", "admin.category.delete"},
               {"CONFIRM_LABEL", "admin.product.confirm_delete"},
               {"SUBMIT", "admin.category.delete"}});
  const bool holds = count > 0 || !children.empty();
  views::set(remove, "HINT"_key,
             t(holds ? "admin.category.delete_hint_reassign" : "admin.category.delete_hint"));
  const bool elsewhere = tree->categories.size() > own_subtree.size();
  if (elsewhere) {
    auto& reassign = *remove.AddSectionDictionary("REASSIGN"_key);
    kit_.labels(
        reassign, locale,
        {{"LABEL", "admin.product.field.reassign_to"}, {"HINT", "admin.category.reassign_hint"}});
    auto chosen = values("delete")("reassign_to", holds ? parent_now : std::string());
    // Without products or subcategories, nothing needs a new home: "none" is offered.
    std::optional<std::string> none;
    if (!holds) none = t("admin.category.reassign_none");
    add_category_options(reassign, "REASSIGN_OPTION", *tree, locale, none, own_subtree, chosen);
  } else if (holds) {
    views::set(*remove.AddSectionDictionary("NOWHERE"_key), "TEXT"_key,
               t("admin.category.nowhere"));
  }
  if (kit_.needs_fresh_code(staff))
    kit_.labels(*remove.AddSectionDictionary("CODE"_key), locale,
                {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});

  auto title = fmt::format("{} — {}", t("admin.category.title"), category.text[locale].name);
  auto notice = refusal ? std::string() : kit_.notice(ctx, locale);
  co_return kit_.page(refusal ? refusal->status : Status::ok, ctx, staff, Section::categories,
                      title, "category.tpl", body, notice,
                      refusal ? refusal->message : std::string());
}

}  // namespace comptoir::admin
