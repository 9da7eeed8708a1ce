#pragma once

#include <string>

#include "accounts/audit_log.hpp"

namespace comptoir::catalog {

// Who asks for a catalog write, for its entry in the audit log. A write given an author appends
// the entry in its own transaction, so the change and its record commit together; one given none
// (seeding, tests of the service) records nothing.
struct Author {
  accounts::Actor actor = accounts::Actor::system();
  std::string ip{};          // "" when unknown
  std::string request_id{};  // "" outside a request
};

}  // namespace comptoir::catalog
