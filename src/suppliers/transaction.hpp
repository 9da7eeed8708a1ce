#pragma once

#include <type_traits>

#include "db/database.hpp"

namespace comptoir::suppliers {

// fn(conn) between BEGIN and COMMIT on the engine's own blocking connection (ROLLBACK when it
// throws). The engine works with plain connections: it runs in commands and job threads, for
// shops whose database is not this process's db::Database.
template <class F>
auto in_transaction(db::Connection& conn, F fn) {
  bool began = false;
  return db::detail::in_transaction(conn, db::Isolation::read_committed, fn, began);
}

}  // namespace comptoir::suppliers
