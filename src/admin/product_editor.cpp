// ProductScreens: a product's page (its form, variants, pictures), saving its form, and a new
// product.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <cstdlib>

#include "admin/admin_kit.hpp"
#include "admin/admin_urls.hpp"
#include "admin/product_form.hpp"
#include "admin/product_screens.hpp"
#include "admin/refund_screen.hpp"
#include "admin/screen_parts.hpp"
#include "catalog/catalog_audit.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/catalog_urls.hpp"
#include "catalog/validation.hpp"
#include "http/pages.hpp"
#include "views/dictionary.hpp"

namespace comptoir::admin {

using namespace views::literals;
namespace {

using catalog::Product;
using catalog::ProductStatus;
using core::Locale;
using http::Context;
using http::Response;
using http::Status;
namespace net = boost::asio;

void add_categories(views::Dict& body, const catalog::CategoryTree& tree, Locale locale,
                    std::optional<std::int64_t> parent, int depth,
                    const std::vector<std::int64_t>& checked, std::optional<std::int64_t> primary) {
  for (const auto* category : tree.children(parent)) {
    auto& row = *body.AddSectionDictionary("CATEGORY"_key);
    views::set(row, "ID"_key, std::to_string(category->id));
    views::set(row, "DEPTH"_key, std::to_string(std::min(depth, 4)));
    views::set(row, "NAME"_key, category->text[locale].name);
    if (std::ranges::find(checked, category->id) != checked.end()) row.ShowSection("CHECKED"_key);
    add_option(body, "PRIMARY_OPTION", std::to_string(category->id),
               fmt::format("{}{}", std::string(static_cast<std::size_t>(depth) * 2, ' '),
                           category->text[locale].name),
               primary == category->id);
    add_categories(body, tree, locale, category->id, depth + 1, checked, primary);
  }
}

// The refused form's ids of ticked categories, or the product's.
std::vector<std::int64_t> checked_categories(const Product& product, const http::Form* typed) {
  if (!typed) return product.category_ids;
  std::vector<std::int64_t> out;
  for (const auto& [name, value] : typed->fields())
    if (name == "category") out.push_back(std::atoll(value.c_str()));
  return out;
}

// What differs between the product now and what the staff member typed in its form, each as
// "field: now “…”, typed “…”".
std::vector<std::string> differences(const Kit& kit, Locale locale, const Product& current,
                                     const catalog::ProductInput& typed) {
  auto merged = catalog::apply(typed, current);
  for (auto l : core::kLocales)
    if (typed.text[l]) merged.text[l] = catalog::apply(*typed.text[l], current.text[l]);
  return difference_lines(kit, locale, catalog::product_changes(current, merged));
}

}  // namespace

net::awaitable<Response> ProductScreens::show(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:read");
  if (!admitted) co_return std::move(admitted.error());
  auto id = id_param(ctx, "id");
  co_return co_await render(ctx, *admitted, id, nullptr, nullptr);
}

net::awaitable<Response> ProductScreens::render(Context& ctx, const Staff& staff, std::int64_t id,
                                                const Refusal* refusal,
                                                const http::Form* typed) const {
  const auto locale = staff.locale;
  auto& catalog = kit_.deps().catalog;
  auto product_ptr = co_await catalog.product_for_staff(id);
  if (!product_ptr) throw http::HttpError(Status::not_found);
  auto tree = co_await catalog.categories();
  const auto& product = *product_ptr;
  const bool can_write = staff.can("catalog:write");
  const auto version = std::to_string(product.version);
  const std::string form_id = refusal ? refusal->form_id : std::string();
  auto t = [&](std::string_view key) { return kit_.t(locale, key); };
  // Values of the form `id` (typed when it was the refused one).
  auto values = [&](std::string_view id_of_form) {
    return Values{form_id == id_of_form ? typed : nullptr};
  };

  views::Dict body("admin_product");
  kit_.labels(body, locale,
              {{"BACK", "admin.products.back"},
               {"GENERAL_TITLE", "admin.product.general"},
               {"STATUS_LABEL", "admin.product.field.status"},
               {"FULFILLMENT_LABEL", "admin.product.field.fulfillment_type"},
               {"BRAND_LABEL", "admin.product.field.brand"},
               {"TAX_CLASS_LABEL", "admin.product.field.tax_class"},
               {"TAX_CLASS_HINT", "admin.product.tax_class_hint"},
               {"WEIGHT_LABEL", "admin.product.field.weight_grams"},
               {"FEATURED_LABEL", "admin.product.field.featured"},
               {"CATEGORIES_LABEL", "admin.product.field.category_ids"},
               {"PRIMARY_LABEL", "admin.product.field.primary_category_id"},
               {"SAVE", "admin.product.save"},
               {"VARIANTS_TITLE", "admin.product.variants"},
               {"IMAGES_TITLE", "admin.product.images"}});
  views::set(body, "BACK_URL"_key, urls::kProducts);
  views::set(body, "ACTION"_key, urls::product(id));
  views::set(body, "CSRF"_key, staff.csrf());
  views::set(body, "VERSION"_key, version);
  if (can_write) body.ShowSection("CAN_WRITE"_key);
  if (product.status == ProductStatus::active)
    for (auto l : core::kLocales) {
      auto& link = *body.AddSectionDictionary("STORE_LINK"_key);
      views::set(link, "URL"_key, catalog::urls::product(l, product.text[l].slug));
      views::set(link, "LANG"_key, core::code(l));
      views::set(link, "TEXT"_key, t(fmt::format("admin.product.view_{}", core::code(l))));
    }
  if (refusal && (form_id == "product" || form_id.starts_with("variant")))
    add_field_errors(kit_, body, locale, refusal->fields,
                     form_id.starts_with("variant-") ? fmt::format("{}.", form_id) : "");
  if (refusal && !refusal->differences.empty()) {
    auto& stale = *body.AddSectionDictionary("DIFFERENCES"_key);
    views::set(stale, "TITLE"_key, t("admin.product.stale_title"));
    views::set(stale, "HINT"_key, t("admin.product.stale_hint"));
    for (const auto& line : refusal->differences)
      views::set(*stale.AddSectionDictionary("DIFFERENCE"_key), "TEXT"_key, line);
  }

  // The product's own form.
  auto v = values("product");
  auto status_value = v("status", catalog::to_string(product.status));
  for (auto status : kProductStatuses)
    add_option(body, "STATUS_OPTION", catalog::to_string(status),
               t(fmt::format("admin.product.status.{}", catalog::to_string(status))),
               status_value == catalog::to_string(status));
  auto fulfillment_value = v("fulfillment_type", catalog::to_string(product.fulfillment));
  for (auto type : kFulfillments)
    add_option(body, "FULFILLMENT_OPTION", catalog::to_string(type),
               t(fmt::format("admin.product.fulfillment.{}", catalog::to_string(type))),
               fulfillment_value == catalog::to_string(type));
  views::set(body, "BRAND"_key, v("brand", product.brand));
  views::set(body, "TAX_CLASS"_key, v("tax_class", product.tax_class));
  views::set(body, "WEIGHT"_key, v("weight_grams", std::to_string(product.weight_grams)));
  if (v("featured", product.featured ? "yes" : "") == "yes") body.ShowSection("FEATURED"_key);
  auto primary_text =
      v("primary_category",
        product.primary_category_id ? std::to_string(*product.primary_category_id) : std::string());
  std::optional<std::int64_t> primary;
  if (!primary_text.empty()) primary = std::atoll(primary_text.c_str());
  add_option(body, "PRIMARY_OPTION", "", t("admin.product.no_primary"), !primary);
  add_categories(body, *tree, locale, std::nullopt, 0,
                 checked_categories(product, form_id == "product" ? typed : nullptr), primary);
  if (tree->categories.empty())
    views::set(*body.AddSectionDictionary("NO_CATEGORY"_key), "TEXT"_key,
               t("admin.product.no_category"));
  for (auto l : core::kLocales) {
    const auto& text = product.text[l];
    auto& section = add_text_block(
        kit_, body, locale, l,
        {text.name, text.slug, text.description, text.meta_title, text.meta_description}, v,
        "admin.product.slug_hint", catalog::urls::product);
    views::set(section, "SHORT_LABEL"_key, t("admin.product.field.short_description"));
    views::set(section, "SHORT"_key,
               v(fmt::format("{}_short_description", core::code(l)), text.short_description));
  }

  // Each variant's form, and one to add a variant.
  const bool several = product.variants.size() > 1;
  for (const auto& variant : product.variants) {
    auto own = fmt::format("variant-{}", variant.id);
    auto vv = values(own);
    auto& row = *body.AddSectionDictionary("VARIANT"_key);
    views::set(row, "ID"_key, std::to_string(variant.id));
    views::set(row, "URL"_key, urls::product(id, fmt::format("/variants/{}", variant.id)));
    views::set(row, "CSRF"_key, staff.csrf());
    views::set(row, "VERSION"_key, version);
    views::set(row, "LEGEND"_key, fmt::format("{} {}", t("admin.product.variant"), variant.sku));
    kit_.labels(row, locale,
                {{"SKU_LABEL", "admin.product.field.sku"},
                 {"GTIN_LABEL", "admin.product.field.gtin"},
                 {"GTIN_HINT", "admin.product.gtin_hint"},
                 {"PRICE_LABEL", "admin.product.field.price_cents"},
                 {"COMPARE_LABEL", "admin.product.field.compare_at_cents"},
                 {"STOCK_LABEL", "admin.product.field.stock_on_hand"},
                 {"TRACK_LABEL", "admin.product.field.track_inventory"},
                 {"SAVE", "admin.product.save_variant"}});
    views::set(row, "SKU"_key, vv("sku", variant.sku));
    views::set(row, "GTIN"_key, vv("gtin", variant.gtin));
    views::set(row, "PRICE"_key, vv("price", amount_text(variant.price.cents, locale)));
    views::set(row, "COMPARE"_key,
               vv("compare_at",
                  variant.compare_at_cents ? amount_text(*variant.compare_at_cents, locale) : ""));
    views::set(row, "STOCK"_key, vv("stock", std::to_string(variant.stock_on_hand)));
    if (vv("track_inventory", variant.track_inventory ? "yes" : "") == "yes")
      row.ShowSection("TRACKED"_key);
    std::string options;
    for (const auto& [code, value] : variant.option_values)
      options += fmt::format("{}{}: {}", options.empty() ? "" : " · ", code, value[locale]);
    if (!options.empty()) views::set(*row.AddSectionDictionary("OPTIONS"_key), "TEXT"_key, options);
    if (can_write) {
      auto& write = *row.AddSectionDictionary("CAN_WRITE"_key);
      if (several) {
        auto& remove = *write.AddSectionDictionary("DELETE"_key);
        views::set(remove, "ID"_key, std::to_string(variant.id));
        kit_.labels(remove, locale,
                    {{"CONFIRM_LABEL", "admin.product.confirm_delete"},
                     {"DELETE_TEXT", "admin.product.delete_variant"}});
        if (kit_.needs_fresh_code(staff))
          kit_.labels(*remove.AddSectionDictionary("CODE"_key), locale,
                      {{"LABEL", "admin.reauth.label"}});
      }
    }
  }
  if (can_write) {
    auto vv = values("new-variant");
    auto& add = *body.AddSectionDictionary("NEW_VARIANT"_key);
    views::set(add, "URL"_key, urls::product(id, "/variants"));
    views::set(add, "CSRF"_key, staff.csrf());
    views::set(add, "VERSION"_key, version);
    kit_.labels(add, locale,
                {{"LEGEND", "admin.product.new_variant"},
                 {"SKU_LABEL", "admin.product.field.sku"},
                 {"GTIN_LABEL", "admin.product.field.gtin"},
                 {"PRICE_LABEL", "admin.product.field.price_cents"},
                 {"STOCK_LABEL", "admin.product.field.stock_on_hand"},
                 {"SUBMIT", "admin.product.add_variant"}});
    views::set(add, "SKU"_key, vv("sku", ""));
    views::set(add, "GTIN"_key, vv("gtin", ""));
    views::set(add, "PRICE"_key, vv("price", ""));
    views::set(add, "STOCK"_key, vv("stock", ""));
  }

  // Pictures: each with its alternative texts, moves and deletion; then the upload form.
  if (product.images.empty())
    views::set(*body.AddSectionDictionary("NO_IMAGE"_key), "TEXT"_key, t("admin.product.no_image"));
  for (std::size_t i = 0; i < product.images.size(); ++i) {
    const auto& image = product.images[i];
    auto own = fmt::format("image-{}", image.id);
    auto vi = values(own);
    auto& row = *body.AddSectionDictionary("IMAGE"_key);
    views::set(row, "ID"_key, std::to_string(image.id));
    views::set(row, "SRC"_key, fmt::format("/media/{}", image.path));
    views::set(row, "ALT"_key, image.alt[locale]);
    // Shown small: the width and height keep the ratio.
    auto width = std::max(image.width, 1);
    views::set(row, "WIDTH"_key, "160");
    views::set(row, "HEIGHT"_key, std::to_string(std::max(1, image.height * 160 / width)));
    if (!can_write) continue;
    auto& form = *row.AddSectionDictionary("CAN_WRITE"_key);
    views::set(form, "ID"_key, std::to_string(image.id));
    views::set(form, "URL"_key, urls::product(id, fmt::format("/images/{}", image.id)));
    views::set(form, "CSRF"_key, staff.csrf());
    views::set(form, "VERSION"_key, version);
    views::set(form, "LEGEND"_key, fmt::format("{} {}", t("admin.product.image"), i + 1));
    kit_.labels(form, locale,
                {{"ALT_FR_LABEL", "admin.product.alt_fr"},
                 {"ALT_EN_LABEL", "admin.product.alt_en"},
                 {"SAVE", "admin.product.save_image"},
                 {"CONFIRM_LABEL", "admin.product.confirm_delete"},
                 {"DELETE_TEXT", "admin.product.delete_image"}});
    views::set(form, "ALT_FR"_key, vi("alt_fr", image.alt[Locale::fr]));
    views::set(form, "ALT_EN"_key, vi("alt_en", image.alt[Locale::en]));
    if (i > 0)
      views::set(*form.AddSectionDictionary("UP"_key), "TEXT"_key, t("admin.product.move_up"));
    if (i + 1 < product.images.size())
      views::set(*form.AddSectionDictionary("DOWN"_key), "TEXT"_key, t("admin.product.move_down"));
    if (kit_.needs_fresh_code(staff))
      kit_.labels(*form.AddSectionDictionary("CODE"_key), locale,
                  {{"LABEL", "admin.reauth.label"}});
  }
  if (can_write) {
    auto vu = values("upload");
    auto& upload = *body.AddSectionDictionary("UPLOAD"_key);
    views::set(upload, "URL"_key, urls::product(id, "/images"));
    views::set(upload, "CSRF"_key, staff.csrf());
    views::set(upload, "VERSION"_key, version);
    kit_.labels(upload, locale,
                {{"LEGEND", "admin.product.upload"},
                 {"FILE_LABEL", "admin.product.file"},
                 {"FILE_HINT", "admin.product.file_hint"},
                 {"ALT_FR_LABEL", "admin.product.alt_fr"},
                 {"ALT_EN_LABEL", "admin.product.alt_en"},
                 {"SUBMIT", "admin.product.upload_submit"}});
    views::set(upload, "ALT_FR"_key, vu("alt_fr", ""));
    views::set(upload, "ALT_EN"_key, vu("alt_en", ""));

    auto& remove = *body.AddSectionDictionary("DELETE_PRODUCT"_key);
    views::set(remove, "URL"_key, urls::product(id, "/delete"));
    views::set(remove, "CSRF"_key, staff.csrf());
    views::set(remove, "VERSION"_key, version);
    kit_.labels(remove, locale,
                {{"TITLE", "admin.product.delete"},
                 {"HINT", "admin.product.delete_hint"},
                 {"CONFIRM_LABEL", "admin.product.confirm_delete"},
                 {"SUBMIT", "admin.product.delete"}});
    if (kit_.needs_fresh_code(staff))
      kit_.labels(*remove.AddSectionDictionary("CODE"_key), locale,
                  {{"LABEL", "admin.reauth.label"}, {"HINT", "admin.reauth.hint"}});
  }

  auto name =
      product.text[locale].name.empty() ? fmt::format("#{}", id) : product.text[locale].name;
  auto title = fmt::format("{} — {}", t("admin.product.title"), name);
  auto notice = refusal ? std::string() : kit_.notice(ctx, locale);
  co_return kit_.page(refusal ? refusal->status : Status::ok, ctx, staff, Section::products, title,
                      "product.tpl", body, notice, refusal ? refusal->message : std::string());
}

net::awaitable<Response> ProductScreens::save(Context& ctx) const {
  auto post = co_await posted(ctx);
  if (!post) co_return std::move(post.error());
  const auto& [staff, form, id, version] = *post;
  const auto locale = staff.locale;
  catalog::FieldErrors errors;
  auto input = read_product(form, errors);
  Refusal refusal{.form_id = "product"};
  if (!errors.empty()) {
    refusal.message = kit_.t(locale, "admin.product.invalid");
    refusal.fields = std::move(errors);
    co_return co_await render(ctx, staff, id, &refusal, &form);
  }
  auto typed = input;
  auto author = author_of(ctx, staff);
  auto saved =
      co_await kit_.deps().catalog.update_product(id, std::move(input), version, std::move(author));
  if (saved) co_return http::see_other(http::with_notice(urls::product(id), "product_saved"));
  const auto& error = saved.error();
  if (error.code == catalog::CatalogErrorCode::not_found &&
      error.message_key == "catalog.error.product_not_found")
    throw http::HttpError(Status::not_found);
  if (error.code == catalog::CatalogErrorCode::version_mismatch) {
    // Someone saved it meanwhile: nothing written; the page shows the product as it is now and
    // how it differs from what was typed, so the staff member chooses what to keep.
    auto current = co_await kit_.deps().catalog.product_for_staff(id);
    if (!current) throw http::HttpError(Status::not_found);
    refusal.status = Status::conflict;
    refusal.message = kit_.t(locale, "admin.product.stale");
    refusal.differences = differences(kit_, locale, *current, typed);
    refusal.form_id = "";  // the current values, not the typed ones
    co_return co_await render(ctx, staff, id, &refusal, nullptr);
  }
  refusal.status = error.code == catalog::CatalogErrorCode::conflict ? Status::conflict
                                                                     : Status::unprocessable_entity;
  refusal.message =
      kit_.t(locale, error.code == catalog::CatalogErrorCode::invalid ? "admin.product.invalid"
                                                                      : error.message_key);
  refusal.fields = error.fields;
  co_return co_await render(ctx, staff, id, &refusal, &form);
}

net::awaitable<Response> ProductScreens::blank(Context& ctx) const {
  auto admitted = co_await kit_.admit(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  co_return co_await render_blank(ctx, *admitted, nullptr, nullptr);
}

net::awaitable<Response> ProductScreens::render_blank(Context& ctx, const Staff& staff,
                                                      const Refusal* refusal,
                                                      const http::Form* typed) const {
  const auto locale = staff.locale;
  Values v{typed};
  views::Dict body("admin_product_new");
  kit_.labels(body, locale,
              {{"BACK", "admin.products.back"},
               {"LEGEND", "admin.products.new"},
               {"HINT", "admin.products.new_hint"},
               {"NAME_FR_LABEL", "admin.product.name_fr"},
               {"NAME_EN_LABEL", "admin.product.name_en"},
               {"SKU_LABEL", "admin.product.field.sku"},
               {"GTIN_LABEL", "admin.product.field.gtin"},
               {"PRICE_LABEL", "admin.product.field.price_cents"},
               {"STOCK_LABEL", "admin.product.field.stock_on_hand"},
               {"SUBMIT", "admin.products.create"}});
  views::set(body, "BACK_URL"_key, urls::kProducts);
  views::set(body, "ACTION"_key, urls::kProducts);
  views::set(body, "CSRF"_key, staff.csrf());
  views::set(body, "NAME_FR"_key, v("fr_name", ""));
  views::set(body, "NAME_EN"_key, v("en_name", ""));
  views::set(body, "SKU"_key, v("sku", ""));
  views::set(body, "GTIN"_key, v("gtin", ""));
  views::set(body, "PRICE"_key, v("price", ""));
  views::set(body, "STOCK"_key, v("stock", ""));
  if (refusal) add_field_errors(kit_, body, locale, refusal->fields);
  co_return kit_.page(refusal ? refusal->status : Status::ok, ctx, staff, Section::products,
                      kit_.t(locale, "admin.products.new"), "product_new.tpl", body, {},
                      refusal ? refusal->message : std::string());
}

net::awaitable<Response> ProductScreens::create(Context& ctx) const {
  auto admitted = co_await kit_.admit_form(ctx, "catalog:write");
  if (!admitted) co_return std::move(admitted.error());
  const auto& staff = admitted->staff;
  const auto& form = admitted->form;
  const auto locale = staff.locale;
  catalog::FieldErrors errors;
  auto input = read_new_product(form, errors);
  Refusal refusal;
  if (errors.empty()) {
    auto author = author_of(ctx, staff);
    auto created = co_await kit_.deps().catalog.create_product(std::move(input), std::move(author));
    if (created)
      co_return http::see_other(
          http::with_notice(urls::product((*created)->id), "product_created"));
    const auto& error = created.error();
    refusal.status = error.code == catalog::CatalogErrorCode::conflict
                         ? Status::conflict
                         : Status::unprocessable_entity;
    refusal.fields = error.fields;
    if (refusal.fields.empty()) refusal.message = kit_.t(locale, error.message_key);
  } else {
    refusal.fields = std::move(errors);
  }
  if (refusal.message.empty()) refusal.message = kit_.t(locale, "admin.product.invalid");
  co_return co_await render_blank(ctx, staff, &refusal, &form);
}

}  // namespace comptoir::admin
