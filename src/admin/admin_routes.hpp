#pragma once

#include "admin/admin_kit.hpp"
#include "http/router.hpp"

namespace comptoir::admin {

// The back office under /admin/: the dashboard, the orders, and switching the staff member's
// language. Every route loads the session; each screen checks its own permission.
void add_admin_routes(http::Router& router, AdminDeps deps);

}  // namespace comptoir::admin
