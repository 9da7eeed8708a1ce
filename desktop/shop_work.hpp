#pragma once

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <exception>
#include <expected>
#include <string>
#include <type_traits>
#include <utility>

#include "db/connection.hpp"
#include "suppliers/shops.hpp"

namespace comptoir::desktop {

// Runs `work(db::Connection&, const Shop&)` against `shop`'s database on a worker of Qt's global
// pool — never on the UI thread — with its own connection (3-second connect timeout, 30-second
// statements). The future holds what `work` returns, or why it could not (the database down, a
// statement that failed) as text for the window. A `work` that returns std::expected<T,
// std::string> itself gives a future of that same type (its refusals and the database's alike).
template <class T>
struct ShopResult {
  using type = std::expected<T, std::string>;
};
template <class T>
struct ShopResult<std::expected<T, std::string>> {
  using type = std::expected<T, std::string>;
};

// A connection of the app's to `shop`'s database: a 3-second connect timeout, statements cut at
// `statements` (30 seconds for reads; longer for syncs and the engine's passes).
inline db::Connection open_shop(const suppliers::Shop& shop,
                                std::chrono::seconds statements = std::chrono::seconds{30}) {
  return db::Connection::open(shop.database_url,
                              db::ConnectOptions{.statement_timeout = statements,
                                                 .application_name = "comptoir-suppliers",
                                                 .connect_timeout = std::chrono::seconds{3}});
}

template <class Work>
auto on_shop(const suppliers::Shop& shop, Work work) {
  using Value = std::invoke_result_t<Work&, db::Connection&, const suppliers::Shop&>;
  using Result = typename ShopResult<Value>::type;
  return QtConcurrent::run([shop, work = std::move(work)]() mutable -> Result {
    try {
      auto conn = db::Connection::open(
          shop.database_url, db::ConnectOptions{.statement_timeout = std::chrono::seconds{30},
                                                .application_name = "comptoir-suppliers",
                                                .connect_timeout = std::chrono::seconds{3}});
      return work(conn, shop);
    } catch (const std::exception& e) {
      return std::unexpected(std::string(e.what()));
    }
  });
}

}  // namespace comptoir::desktop
