#pragma once

#include <vector>

#include "seo/redirect_rules.hpp"

namespace comptoir::db {
class Connection;
}

namespace comptoir::seo {

// SQL for the redirects table, nothing else; runs on the caller's connection.
class RedirectRepository {
 public:
  explicit RedirectRepository(db::Connection& conn) : conn_(conn) {}

  // Until the transaction ends, no other import (nor any write to the table) runs; reads go on.
  void lock_for_import();
  // Every redirect, ordered by old path (exact before prefix).
  std::vector<Redirect> all();
  // Adds the new old paths, replaces target and status of those stored (one statement).
  void upsert(const std::vector<Redirect>& redirects);
  void remove(const std::vector<Redirect>& redirects);

 private:
  db::Connection& conn_;
};

}  // namespace comptoir::seo
