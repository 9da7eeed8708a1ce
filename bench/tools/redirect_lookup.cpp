// bench/redirects' program: how long the router's fallback takes to find a redirect among 50 000
// (seo::RedirectIndex, as seo::redirect_fallback uses it: the path percent-decoded, then looked
// up). Not a command of the shop: built only with -DCOMPTOIR_BENCH_TOOLS=ON.
//
//   bench_redirect_lookup [REDIRECTS [LOOKUPS]]     (50000 and 1000000 by default)
//
// Prints one JSON object: the index's size, its build time, and the average time per lookup over
// LOOKUPS lookups of a mix of request paths (a third exact hits, a third prefix hits, a third
// misses, some percent-encoded). Under callgrind (bench/redirects), the instructions of
// `lookup_batch` divided by LOOKUPS give a figure that does not depend on the machine's load.
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "seo/redirect_rules.hpp"

namespace {

using comptoir::seo::Redirect;
using comptoir::seo::RedirectIndex;

// The previous site: product pages one by one, and a prefix per old section (of varied lengths,
// so prefix lookups try many lengths).
std::vector<Redirect> old_site(std::size_t count) {
  std::vector<Redirect> redirects;
  redirects.reserve(count);
  const std::size_t prefixes = count / 10;
  for (std::size_t i = 0; i < count - prefixes; ++i)
    redirects.push_back(
        {.from = fmt::format("/boutique/categorie-{}/produit-{}-th%C3%A9.html", i % 200, i),
         .prefix = false,
         .target = fmt::format("/fr/produit/produit-{}", i),
         .status = 301});
  for (std::size_t i = 0; i < prefixes; ++i)
    redirects.push_back({.from = fmt::format("/archives/{}/{}/", std::string(1 + i % 40, 'x'), i),
                         .prefix = true,
                         .target = "/fr/produits",
                         .status = 302});
  for (auto& redirect : redirects) redirect.from = comptoir::http::percent_decode(redirect.from);
  return redirects;
}

std::vector<std::string> requests(std::size_t count) {
  std::vector<std::string> paths;
  const std::size_t prefixes = count / 10;
  for (std::size_t i = 0; i < 3000; ++i) {
    std::size_t n = (i * 7919) % (count - prefixes);
    paths.push_back(fmt::format("/boutique/categorie-{}/produit-{}-th%C3%A9.html", n % 200, n));
    std::size_t p = (i * 104729) % prefixes;
    paths.push_back(fmt::format("/archives/{}/{}/page-{}.php", std::string(1 + p % 40, 'x'), p, i));
    paths.push_back(fmt::format("/nowhere/{}/old-page.html", i));
  }
  return paths;
}

// Kept out of line so callgrind can count it alone (--toggle-collect=*lookup_batch*).
[[gnu::noinline]] std::size_t lookup_batch(const RedirectIndex& index,
                                           const std::vector<std::string>& paths,
                                           std::size_t lookups) {
  std::size_t found = 0;
  for (std::size_t i = 0; i < lookups; ++i) {
    const auto& path = paths[i % paths.size()];
    if (index.find(comptoir::http::percent_decode(path)) != nullptr) ++found;
  }
  return found;
}

std::size_t argument(char** argv, int argc, int position, std::size_t fallback) {
  if (argc <= position) return fallback;
  return static_cast<std::size_t>(std::strtoull(argv[position], nullptr, 10));
}

}  // namespace

int main(int argc, char** argv) {
  const auto count = argument(argv, argc, 1, 50'000);
  const auto lookups = argument(argv, argc, 2, 1'000'000);
  if (count < 10 || lookups == 0) {
    fmt::print(stderr, "usage: bench_redirect_lookup [REDIRECTS (>= 10) [LOOKUPS (>= 1)]]\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto redirects = old_site(count);
  auto started = Clock::now();
  const RedirectIndex index(std::move(redirects));
  auto built = Clock::now();
  const auto paths = requests(count);
  auto found = lookup_batch(index, paths, lookups);
  auto done = Clock::now();
  auto ns = [](auto duration) {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count());
  };
  fmt::print(
      "{{\"redirects\": {}, \"prefixes\": {}, \"build_ms\": {:.1f}, \"lookups\": {}, "
      "\"found\": {}, \"avg_lookup_ns\": {:.1f}}}\n",
      index.size(), count / 10, ns(built - started) / 1e6, lookups, found,
      ns(done - built) / static_cast<double>(lookups));
  return 0;
}
