#include "catalog/catalog_import_writes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/catalog_audit.hpp"
#include "catalog/catalog_repository.hpp"
#include "catalog/validation.hpp"
#include "catalog/write_support.hpp"
#include "core/text.hpp"

namespace comptoir::catalog {
namespace {

using core::Locale;
using core::upper_ascii;
namespace json = boost::json;

// "Grand / Bleu" → {"Grand", "Bleu"}; "" → {}.
std::vector<std::string> label_parts(std::string_view label) {
  std::vector<std::string> out;
  auto trim = [](std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return std::string(text);
  };
  if (trim(label).empty()) return out;
  std::size_t start = 0;
  while (true) {
    auto slash = label.find('/', start);
    out.push_back(trim(label.substr(start, slash - start)));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

std::string label_of(const Variant& variant, const std::vector<OptionAxis>& axes, Locale locale) {
  std::string out;
  for (const auto& axis : axes) {
    auto value = variant.option_values.find(axis.code);
    if (value == variant.option_values.end()) continue;
    if (!out.empty()) out += " / ";
    out += value->second[locale];
  }
  return out;
}

bool same_variant(const Variant& a, const Variant& b) {
  return a.sku == b.sku && a.gtin == b.gtin && a.option_values == b.option_values &&
         a.price.cents == b.price.cents && a.price.currency == b.price.currency &&
         a.compare_at_cents == b.compare_at_cents && a.stock_on_hand == b.stock_on_hand &&
         a.track_inventory == b.track_inventory;
}

bool same_text(const ProductText& a, const ProductText& b) {
  return a.name == b.name && a.slug == b.slug && a.short_description == b.short_description &&
         a.description == b.description && a.meta_title == b.meta_title &&
         a.meta_description == b.meta_description;
}

bool same_axes(const std::vector<OptionAxis>& a, const std::vector<OptionAxis>& b) {
  return std::ranges::equal(a, b, [](const OptionAxis& x, const OptionAxis& y) {
    return x.code == y.code && x.name == y.name;
  });
}

// The product's own fields (not its texts, variants or pictures).
bool same_fields(const Product& a, const Product& b) {
  auto sorted = [](std::vector<std::int64_t> ids) {
    std::ranges::sort(ids);
    return ids;
  };
  return a.status == b.status && a.fulfillment == b.fulfillment && a.brand == b.brand &&
         a.weight_grams == b.weight_grams && a.featured == b.featured &&
         a.primary_category_id == b.primary_category_id &&
         sorted(a.category_ids) == sorted(b.category_ids) && same_axes(a.options, b.options);
}

// One line's variant: the one it names (variant id, else SKU) or a new one.
struct PlannedVariant {
  const ImportLine* line = nullptr;
  const Variant* current = nullptr;  // null: to create
  VariantInput input{};
  Variant merged{};
};

class GroupImport {
 public:
  GroupImport(CatalogRepository& repo, const CategoryTree& tree, const ImportGroup& group)
      : repo_(repo), tree_(tree), group_(group), first_(group.lines.front()) {}

  std::vector<ImportLineResult> run(bool write, const std::optional<Author>& author) {
    for (const auto& line : group_.lines)
      for (const auto& error : line.errors) fail(line, error);
    if (failed()) return refused();
    if (!find_product(write) || !plan_product() || !plan_variants() || !validate())
      return refused();
    auto results = outcomes();
    if (write && (creating() || changed_)) save(author);
    return results;
  }

 private:
  bool creating() const { return !current_; }

  void fail(const ImportLine& line, FieldError error) {
    error.field = import_column(error.field);
    errors_[line.line].push_back(std::move(error));
  }
  void fail(const ImportLine& line, std::string column, std::string key, std::string value = {}) {
    fail(line, FieldError{std::move(column), std::move(key), std::move(value)});
  }
  bool failed() const { return !errors_.empty(); }

  std::vector<ImportLineResult> refused() const {
    std::vector<ImportLineResult> out;
    const auto first_fault = errors_.begin()->first;
    for (const auto& line : group_.lines) {
      auto result = base_result(line);
      result.outcome = ImportOutcome::refused;
      if (auto own = errors_.find(line.line); own != errors_.end())
        result.errors = own->second;
      else
        result.errors.push_back(
            {"", "catalog.import.error.product_refused", std::to_string(first_fault)});
      out.push_back(std::move(result));
    }
    return out;
  }

  ImportLineResult base_result(const ImportLine& line) const {
    ImportLineResult result;
    result.line = line.line;
    result.sku = line.sku;
    if (current_) result.product_id = current_->id;
    const auto& text = current_ ? current_->text : PerLocale<ProductText>{};
    auto name = first_.name[Locale::fr].value_or(text[Locale::fr].name);
    if (name.empty()) name = first_.name[Locale::en].value_or(text[Locale::en].name);
    result.product_name = name;
    return result;
  }

  bool find_product(bool write) {
    std::optional<std::int64_t> id;
    switch (group_.key) {
      case ImportGroup::Key::product_id:
        id = group_.product_id;
        break;
      case ImportGroup::Key::slug:
        if (auto match = repo_.product_by_slug(Locale::fr, group_.slug)) id = match->product_id;
        break;
      case ImportGroup::Key::sku:
        id = repo_.product_id_by_sku(first_.sku);
        if (!id) fail(first_, "sku", "catalog.import.error.unknown_sku");
        break;
    }
    if (id) {
      if (write && !repo_.lock_product(*id)) {
        fail(first_, "product_id", "catalog.import.error.unknown_product");
      } else {
        current_ = repo_.product(*id);
        if (!current_) fail(first_, "product_id", "catalog.import.error.unknown_product");
      }
    }
    return !failed();
  }

  std::optional<std::int64_t> category_id(const std::string& slug, std::string_view column) {
    if (const auto* category = tree_.find_by_slug(Locale::fr, slug)) return category->id;
    fail(first_, std::string(column), "catalog.import.error.unknown_category", slug);
    return std::nullopt;
  }

  bool plan_product() {
    patch_.status = first_.status;
    patch_.fulfillment = first_.fulfillment;
    patch_.brand = first_.brand;
    patch_.weight_grams = first_.weight_grams;
    patch_.featured = first_.featured;
    if (first_.primary_category) {
      patch_.primary_category_id = std::optional<std::int64_t>{};
      if (!first_.primary_category->empty())
        patch_.primary_category_id = category_id(*first_.primary_category, "primary_category");
    }
    if (first_.categories) {
      patch_.category_ids.emplace();
      for (const auto& slug : *first_.categories)
        if (auto id = category_id(slug, "categories")) patch_.category_ids->push_back(*id);
    }
    for (auto locale : core::kLocales) {
      ProductTextInput text{.name = first_.name[locale],
                            .slug = first_.slug[locale],
                            .short_description = first_.short_description[locale],
                            .description = first_.description[locale],
                            .meta_title = first_.meta_title[locale],
                            .meta_description = first_.meta_description[locale]};
      if (text.name || text.slug || text.short_description || text.description || text.meta_title ||
          text.meta_description || creating())
        patch_.text[locale] = text;
    }
    if (creating()) plan_axes();
    return !failed();
  }

  // A new product whose lines have labels gets one axis per part ("Option 1", "Option 2"…),
  // renamed later in the product's page.
  void plan_axes() {
    std::size_t parts = 0;
    for (const auto& line : group_.lines) {
      auto count = label_parts(line.variant_label[Locale::fr].value_or("")).size();
      if (count == 0) continue;
      if (parts == 0) parts = count;
      if (count != parts)
        fail(line, "fr_variant", "catalog.import.error.variant_label", std::to_string(parts));
    }
    std::vector<OptionAxis> axes;
    for (std::size_t i = 1; i <= parts; ++i) {
      auto name = fmt::format("Option {}", i);
      axes.push_back({.code = fmt::format("option{}", i), .name = {name, name}});
    }
    if (parts > 0) patch_.options = std::move(axes);
  }

  // The option values of a line's labels, over the variant's current ones; nullopt when the
  // labels change nothing.
  std::optional<OptionValues> option_values(const ImportLine& line, const Variant* current,
                                            const std::vector<OptionAxis>& axes) {
    PerLocale<std::vector<std::string>> parts;
    bool asked = false;
    for (auto locale : core::kLocales) {
      const auto& label = line.variant_label[locale];
      if (!label || label_parts(*label).empty()) continue;
      if (current && label_parts(*label) == label_parts(label_of(*current, axes, locale))) continue;
      parts[locale] = label_parts(*label);
      asked = true;
      if (parts[locale].size() != axes.size()) {
        fail(
            line, fmt::format("{}_variant", core::code(locale)),
            axes.empty() ? "catalog.import.error.no_options" : "catalog.import.error.variant_label",
            std::to_string(axes.size()));
        return std::nullopt;
      }
    }
    if (!asked) return std::nullopt;
    OptionValues values = current ? current->option_values : OptionValues{};
    for (std::size_t i = 0; i < axes.size(); ++i)
      for (auto locale : core::kLocales)
        if (!parts[locale].empty()) values[axes[i].code][locale] = parts[locale][i];
    return values;
  }

  bool plan_variants() {
    const auto axes =
        patch_.options.value_or(current_ ? current_->options : std::vector<OptionAxis>{});
    int next = current_ ? writes::next_position(current_->variants) : 0;
    for (const auto& line : group_.lines) {
      PlannedVariant planned{.line = &line};
      if (current_) {
        auto& variants = current_->variants;
        auto found = line.variant_id
                         ? std::ranges::find(variants, *line.variant_id, &Variant::id)
                         : std::ranges::find(variants, upper_ascii(line.sku),
                                             [](const Variant& v) { return upper_ascii(v.sku); });
        if (found != variants.end())
          planned.current = &*found;
        else if (line.variant_id)
          fail(line, "variant_id", "catalog.import.error.unknown_variant",
               std::to_string(*line.variant_id));
      }
      auto& in = planned.input;
      if (!planned.current || planned.current->sku != line.sku) in.sku = line.sku;
      if (line.gtin && (!planned.current || planned.current->gtin != *line.gtin))
        in.gtin = line.gtin;
      in.price_cents = line.price_cents;
      in.compare_at_cents = line.compare_at_cents;
      in.currency = line.currency;
      in.stock_on_hand = line.stock;
      in.track_inventory = line.track_inventory;
      in.option_values = option_values(line, planned.current, axes);
      if (in.sku) {  // a new SKU, or a variant's renamed one: free, or this variant's own
        auto holder = repo_.variant_id_by_sku(*in.sku);
        if (holder && (!planned.current || *holder != planned.current->id))
          fail(line, "sku", "catalog.import.error.sku_elsewhere");
      }
      if (in.gtin && !in.gtin->empty()) {  // the same for a GTIN given or changed
        auto holder = repo_.variant_id_by_gtin(*in.gtin);
        if (holder && (!planned.current || *holder != planned.current->id))
          fail(line, "gtin", "catalog.import.error.gtin_elsewhere");
      }
      Variant base;
      if (planned.current) {
        base = *planned.current;
      } else {
        base.position = next++;
      }
      planned.merged = apply(in, base);
      variants_.push_back(std::move(planned));
    }
    return !failed();
  }

  bool validate() {
    merged_ = apply(patch_, current_.value_or(Product{}));
    FieldErrors errors;
    std::vector<const ImportLine*> new_lines;
    if (creating()) {
      for (const auto& planned : variants_) {
        patch_.variants.push_back(planned.input);
        new_lines.push_back(planned.line);
      }
    }
    check_product(patch_, merged_, creating(), errors);
    for (auto& error : errors) {
      const ImportLine* line = &first_;
      if (error.field.starts_with("variants[")) {
        auto index = static_cast<std::size_t>(std::atoi(error.field.c_str() + 9));
        if (index < new_lines.size()) line = new_lines[index];
      }
      fail(*line, std::move(error));
    }
    if (!creating())
      for (const auto& planned : variants_) {
        FieldErrors own;
        check_variant(planned.input, planned.merged, merged_.options, !planned.current, "", own);
        for (auto& error : own) fail(*planned.line, std::move(error));
      }
    if (failed()) return false;

    // The texts after the import; a slug asked must be free (a new product's, or a change).
    after_ = merged_;
    for (auto locale : core::kLocales) {
      if (!patch_.text[locale]) continue;
      const auto& before = current_ ? current_->text[locale] : ProductText{};
      auto text = apply(*patch_.text[locale], before);
      bool slug_changes = text.slug != before.slug;
      if (creating() || before.slug.empty() || slug_changes) {
        try {
          text.slug = writes::settle_slug(repo_, writes::SlugOwner::product, locale,
                                          current_ ? current_->id : 0,
                                          patch_.text[locale]->slug.value_or(""), text.name,
                                          fmt::format("text.{}.slug", core::code(locale)));
        } catch (const writes::Rejected& rejected) {
          for (auto error : rejected.error.fields) fail(first_, std::move(error));
        }
      }
      after_.text[locale] = std::move(text);
      if (!same_text(after_.text[locale], before)) texts_changed_[locale] = true;
    }
    after_.variants.clear();
    for (const auto& planned : variants_) after_.variants.push_back(planned.merged);
    if (current_)  // the variants the file does not name stay
      for (const auto& variant : current_->variants)
        if (std::ranges::none_of(variants_, [&](const auto& p) { return p.current == &variant; }))
          after_.variants.push_back(variant);
    return !failed();
  }

  std::vector<ImportLineResult> outcomes() {
    std::vector<ImportLineResult> out;
    json::object changes;
    if (current_) changes = product_changes(*current_, after_);
    const bool fields_changed =
        current_ && (!same_fields(*current_, merged_) || texts_changed_[Locale::fr] ||
                     texts_changed_[Locale::en]);
    changed_ = fields_changed;
    for (const auto& planned : variants_) {
      auto result = base_result(*planned.line);
      if (creating() || !planned.current) {
        result.outcome = ImportOutcome::created;
        changed_ = changed_ || current_.has_value();
      } else {
        bool variant_changed = !same_variant(*planned.current, planned.merged);
        bool first = planned.line == &first_;
        auto prefix = fmt::format("variants.{}.", planned.current->id);
        for (const auto& [field, change] : changes)
          if (field.starts_with(prefix) ||
              (first && !field.starts_with("variants.") && !field.starts_with("images.")))
            result.changes[field] = change;
        result.outcome = variant_changed || (first && fields_changed) ? ImportOutcome::changed
                                                                      : ImportOutcome::unchanged;
        changed_ = changed_ || variant_changed;
      }
      out.push_back(std::move(result));
    }
    return out;
  }

  void save(const std::optional<Author>& author) {
    std::int64_t id = 0;
    if (creating()) {
      id = repo_.insert_product(merged_);
      repo_.set_product_categories(id, merged_.category_ids);
    } else {
      id = current_->id;
      if (!same_fields(*current_, merged_)) repo_.update_product(merged_);
      if (patch_.category_ids || patch_.primary_category_id)
        repo_.set_product_categories(id, merged_.category_ids);
    }
    for (auto locale : core::kLocales)
      if (creating() || texts_changed_[locale])
        repo_.upsert_product_text(id, locale, after_.text[locale]);
    for (const auto& planned : variants_) {
      if (!planned.current)
        repo_.insert_variant(id, planned.merged);
      else if (!same_variant(*planned.current, planned.merged))
        repo_.update_variant(planned.merged);
    }
    if (creating()) {
      auto created = writes::reload(repo_, id);
      writes::record(repo_, author, "product.created", id, nullptr, created.get());
    } else {
      repo_.touch_product(id);
      auto updated = writes::reload(repo_, id);
      writes::record(repo_, author, "product.updated", id, &*current_, updated.get());
    }
  }

  CatalogRepository& repo_;
  const CategoryTree& tree_;
  const ImportGroup& group_;
  const ImportLine& first_;
  std::map<std::size_t, std::vector<FieldError>> errors_;  // by line
  std::optional<Product> current_;
  ProductInput patch_;
  Product merged_;  // the product's fields after the import
  Product after_;   // the whole product after the import
  std::vector<PlannedVariant> variants_;
  PerLocale<bool> texts_changed_{false, false};
  bool changed_ = false;
};

}  // namespace

std::string_view to_string(ImportOutcome outcome) {
  switch (outcome) {
    case ImportOutcome::created:
      return "created";
    case ImportOutcome::changed:
      return "changed";
    case ImportOutcome::unchanged:
      return "unchanged";
    case ImportOutcome::refused:
      return "refused";
  }
  return "refused";
}

std::optional<ImportOutcome> parse_import_outcome(std::string_view text) {
  for (auto outcome : {ImportOutcome::created, ImportOutcome::changed, ImportOutcome::unchanged,
                       ImportOutcome::refused})
    if (to_string(outcome) == text) return outcome;
  return std::nullopt;
}

std::vector<ImportLineResult> import_group(CatalogRepository& repo, const CategoryTree& tree,
                                           const ImportGroup& group, bool write,
                                           const std::optional<Author>& author) {
  return GroupImport(repo, tree, group).run(write, author);
}

std::vector<ImportLineResult> refused_group(const ImportGroup& group, const CatalogError& error) {
  std::vector<ImportLineResult> out;
  for (const auto& line : group.lines) {
    ImportLineResult result{.line = line.line, .sku = line.sku, .product_id = group.product_id};
    result.outcome = ImportOutcome::refused;
    if (&line == &group.lines.front()) {
      for (const auto& field : error.fields)
        result.errors.push_back({import_column(field.field), field.message_key, field.value});
      if (result.errors.empty()) result.errors.push_back({"", error.message_key, {}});
    } else {
      result.errors.push_back(
          {"", "catalog.import.error.product_refused", std::to_string(group.lines.front().line)});
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace comptoir::catalog
