#include "catalog/catalog_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog_service_state.hpp"
#include "db/database.hpp"

namespace comptoir::catalog {
namespace {

constexpr int kSuggestionLimit = 3;
constexpr std::int64_t kFewResults = 3;  // a search finding fewer gets suggestions
constexpr std::size_t kMaxSearchLength = 200;

std::string slug_key(Locale locale, std::string_view slug) {
  return fmt::format("{}:{}", core::code(locale), slug);
}

// Everything that changes a listing's answer, as one cache key.
std::string list_key(const ProductQuery& q) {
  std::string statuses;
  for (auto status : q.statuses) statuses += fmt::format("{},", to_string(status));
  // The free text last: whatever it holds, the fields before it stay unambiguous.
  auto fulfillment = q.fulfillment ? to_string(*q.fulfillment) : std::string_view{};
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", core::code(q.locale),
                     q.category_id.value_or(0), q.min_price_cents.value_or(-1),
                     q.max_price_cents.value_or(-1), q.in_stock_only, q.out_of_stock_only, statuses,
                     fulfillment, static_cast<int>(q.sort), q.page, q.page_size, q.count_up_to,
                     q.q);
}

// Trims and bounds what the caller asked, so the repository sees only sane values.
ProductQuery normalized(ProductQuery q) {
  q.page = std::max(q.page, 1);
  q.page_size = std::clamp(q.page_size, 1, ProductQuery::kMaxPageSize);
  q.count_up_to = std::clamp<std::int64_t>(q.count_up_to, 1, ProductList::kTotalCap);
  auto first = q.q.find_first_not_of(" \t\r\n");
  q.q = first == std::string::npos ? std::string{} : q.q.substr(first);
  while (!q.q.empty() && std::string_view(" \t\r\n").find(q.q.back()) != std::string_view::npos)
    q.q.pop_back();
  if (q.q.size() > kMaxSearchLength) q.q.resize(kMaxSearchLength);
  if (q.statuses.empty()) q.statuses = {ProductStatus::active};
  std::ranges::sort(q.statuses);
  auto [tail, end] = std::ranges::unique(q.statuses);
  q.statuses.erase(tail, end);
  return q;
}

// One product with its variants, images and texts, whatever its status, read by `read`: as its
// tables hold it (CatalogRepository::product: staff, in a transaction), or from its read row
// (::product_read: the storefront's caches, with db.read).
using ProductRead = std::optional<Product> (CatalogRepository::*)(std::int64_t);
auto load_product(std::int64_t id, ProductRead read) {
  return [id, read](db::Connection& c) -> std::shared_ptr<const Product> {
    auto loaded = (CatalogRepository(c).*read)(id);
    return loaded ? std::make_shared<const Product>(std::move(*loaded)) : nullptr;
  };
}

}  // namespace

CatalogService::CatalogService(db::Database& db, std::filesystem::path media_dir)
    : state_(std::make_unique<State>(db, std::move(media_dir))) {}

CatalogService::~CatalogService() {
  state_->listener.reset();  // joins the thread before the state goes
}

void CatalogService::start_listening(std::string conninfo) {
  State& state = *state_;
  state.listener = std::make_unique<ChangeListener>(
      ChangeListenerOptions{.conninfo = std::move(conninfo)},
      ChangeListener::Callbacks{
          .on_connected =
              [&state] {
                // Changes made while we were not listening were
                // missed: start afresh.
                state.invalidate();
                state.listening.store(true);
              },
          .on_change =
              [&state](const std::vector<std::string>& payloads) { state.drop(drop_of(payloads)); },
          .on_disconnected =
              [&state] {
                state.listening.store(false);
                state.invalidate();
              },
      });
}

bool CatalogService::listening() const noexcept {
  return state_->listening.load();
}

std::uint64_t CatalogService::cache_generation() const noexcept {
  return state_->listening.load() ? state_->epoch.load() : 0;
}

void CatalogService::invalidate() {
  state_->drop(CacheDrop::all());
}

void CatalogService::on_drop(std::function<void(const CacheDrop&)> observer) {
  state_->observers.push_back(std::move(observer));
}

net::awaitable<std::shared_ptr<const CategorySnapshot>> load_categories(CatalogCacheState& state) {
  if (state.listening.load()) {
    std::lock_guard lock(state.mutex);
    if (state.categories) co_return state.categories;
  }
  auto generation = state.read_generation();
  auto snapshot = co_await state.db.read([](db::Connection& c) {
    CatalogRepository repo(c);
    auto loaded = std::make_shared<CategorySnapshot>();
    loaded->tree = std::make_shared<const CategoryTree>(repo.categories());
    for (auto& redirect : repo.category_redirects())
      loaded->redirects.emplace(std::pair{redirect.locale, std::move(redirect.old_slug)},
                                redirect.entity_id);
    return std::shared_ptr<const CategorySnapshot>(std::move(loaded));
  });
  {
    std::lock_guard lock(state.mutex);
    if (generation != 0 && generation == state.generation.load() && state.listening.load())
      state.categories = snapshot;
  }
  co_return snapshot;
}

net::awaitable<std::shared_ptr<const CategoryTree>> CatalogService::categories() {
  co_return (co_await load_categories(*state_))->tree;
}

net::awaitable<std::optional<Category>> CatalogService::category(std::int64_t id) {
  auto tree = co_await categories();
  const Category* found = tree->find(id);
  co_return found ? std::optional<Category>(*found) : std::nullopt;
}

net::awaitable<SlugLookup<Category>> CatalogService::category_by_slug(Locale locale,
                                                                      std::string_view slug) {
  auto snapshot = co_await load_categories(*state_);
  SlugLookup<Category> lookup;
  if (const Category* found = snapshot->tree->find_by_slug(locale, slug)) {
    if (found->active) lookup.found = *found;
    co_return lookup;
  }
  auto it = snapshot->redirects.find(std::pair{locale, std::string(slug)});
  if (it == snapshot->redirects.end()) co_return lookup;
  if (const Category* moved = snapshot->tree->find(it->second); moved && moved->active)
    lookup.moved_to = moved->text[locale].slug;
  co_return lookup;
}

net::awaitable<std::shared_ptr<const Product>> CatalogService::product(std::int64_t id,
                                                                       bool include_unpublished) {
  State& state = *state_;
  auto cached = state.lookup(state.products, id);
  std::shared_ptr<const Product> product;
  if (cached) {
    product = *cached;
  } else {
    auto generation = state.read_generation();
    product = co_await state.db.read(load_product(id, &CatalogRepository::product_read));
    state.store(state.products, id, product, generation);
  }
  if (product && !include_unpublished && product->status != ProductStatus::active)
    co_return nullptr;
  co_return product;
}

net::awaitable<std::shared_ptr<const Product>> CatalogService::product_for_staff(std::int64_t id) {
  co_return co_await state_->db.transact(load_product(id, &CatalogRepository::product));
}

net::awaitable<SlugLookup<std::shared_ptr<const Product>>> CatalogService::product_by_slug(
    Locale locale, std::string_view slug, bool include_unpublished) {
  State& state = *state_;
  auto key = slug_key(locale, slug);
  std::optional<ProductSlugMatch> match;
  std::shared_ptr<const Product> product;  // read with the slug, when neither cache had it
  if (auto cached = state.lookup(state.product_slugs, key)) {
    match = *cached;
  } else {
    auto generation = state.read_generation();
    // By reference: GCC 12 destroys a closure temporary with non-trivial captures twice when it
    // is passed to a coroutine inside co_await.
    auto found = co_await state.db.read([locale, &slug](db::Connection& c) {
      return CatalogRepository(c).product_read_at_slug(locale, slug);
    });
    if (found) {
      match = std::move(found->match);
      product = std::make_shared<const Product>(std::move(found->product));
      state.store(state.products, product->id, product, generation);
    }
    state.store(state.product_slugs, std::move(key), match, generation);
  }
  SlugLookup<std::shared_ptr<const Product>> lookup;
  if (!match) co_return lookup;
  if (!product)
    product = co_await this->product(match->product_id, include_unpublished);
  else if (!include_unpublished && product->status != ProductStatus::active)
    product = nullptr;
  if (!product) co_return lookup;
  if (match->moved_to)
    lookup.moved_to = product->text[locale].slug;  // the freshest current slug
  else
    lookup.found = std::move(product);
  co_return lookup;
}

net::awaitable<ProductList> CatalogService::list_products(const ProductQuery& asked) {
  State& state = *state_;
  auto query = normalized(asked);
  auto key = list_key(query);
  if (query.cached)
    if (auto cached = state.lookup(state.lists, key)) co_return *cached->list;

  auto generation = query.cached ? state.read_generation() : 0;  // 0: never stored
  if (query.category_id && !(co_await categories())->find(*query.category_id)) {
    ProductList empty;  // an unknown category holds nothing
    empty.page = query.page;
    empty.page_size = query.page_size;
    co_return empty;
  }
  auto load = [&query](db::Connection& c) {
    CatalogRepository repo(c);
    auto found = repo.list_products(query);
    if (!query.q.empty() && found.total < kFewResults) {
      found.suggestions = repo.suggestions(query.locale, query.q, kSuggestionLimit);
    }
    return found;
  };
  // The storefront's lists may lag behind on the replica; the back office's show what was saved.
  ProductList list;
  if (query.cached)
    list = co_await state.db.read(load);
  else
    list = co_await state.db.transact(load);
  if (generation != 0) {
    list.stamp = state.list_stamps.fetch_add(1) + 1;
    state.store(state.lists, std::move(key),
                CachedList{.list = std::make_shared<const ProductList>(list),
                           .category = query.category_id},
                generation);
  }
  co_return list;
}

net::awaitable<std::vector<ProductSummary>> CatalogService::featured_products(Locale locale,
                                                                              int limit) {
  State& state = *state_;
  limit = std::clamp(limit, 0, ProductQuery::kMaxPageSize);
  auto key = slug_key(locale, std::to_string(limit));
  if (auto cached = state.lookup(state.featured, key)) co_return **cached;
  auto generation = state.read_generation();
  auto items = co_await state.db.read([locale, limit](db::Connection& c) {
    return CatalogRepository(c).featured_products(locale, limit);
  });
  state.store(state.featured, std::move(key),
              std::make_shared<const std::vector<ProductSummary>>(items), generation);
  co_return items;
}

net::awaitable<std::map<std::int64_t, std::int64_t>> CatalogService::category_product_counts() {
  co_return co_await state_->db.read(
      [](db::Connection& c) { return CatalogRepository(c).category_product_counts(); });
}

net::awaitable<std::vector<SitemapEntry>> CatalogService::sitemap_entries() {
  // Not cached here: the sitemap's own cache holds the rendered XML.
  co_return co_await state_->db.read(
      [](db::Connection& c) { return CatalogRepository(c).sitemap_entries(); });
}

}  // namespace comptoir::catalog
