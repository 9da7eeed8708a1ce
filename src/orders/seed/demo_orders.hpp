#pragma once

#include "core/secret_keys.hpp"

namespace comptoir::db {
class Connection;
}

// The demonstration shop's past orders, for development only: a few dozen orders over the last
// 30 days in every state, placed from the demo catalog's products at their prices with Québec's
// taxes, so that the back office's dashboard and lists show something on the first run. They are
// history: their lines hold no stock, and no mail is queued for them.
namespace comptoir::orders::seed {

// Adds the demo orders once (none when the shop has orders already). Returns how many were added.
// On the caller's connection and transaction; addresses sealed under `keys`' active key.
int seed_demo_orders(db::Connection& conn, const core::SecretKeys& keys);

}  // namespace comptoir::orders::seed
