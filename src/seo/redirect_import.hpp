#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seo/redirect_rules.hpp"

// Reading a CSV file of redirects (`from,to,status`) against the redirects already stored, into
// what an import would add, change, leave alone, remove (with --replace) or refuse, line by line.
// Pure: the service runs it inside the import's transaction.
namespace comptoir::seo {

struct RedirectRefusal {
  std::size_t line = 0;  // 1-based line of the file; 0 for the file as a whole
  std::string from{};    // as written, when the line has one
  std::string reason{};
};

struct PlannedRedirect {
  enum class Change { add, change, same };
  std::size_t line = 0;
  Redirect redirect{};
  Change change = Change::add;
  std::optional<Redirect> before{};  // the stored redirect a change replaces
};

struct ImportPlan {
  std::vector<PlannedRedirect> rows{};
  std::vector<RedirectRefusal> refused{};
  std::vector<Redirect> removed{};  // with replace: stored redirects the file does not hold

  bool ok() const { return refused.empty(); }
  std::size_t count(PlannedRedirect::Change change) const;
};

// At most this many redirects per file.
inline constexpr std::size_t kMaxRedirectRows = 200'000;

// The first line must be the header `from,to,status` (any case); then one redirect a line:
// `from` a path (a final '*' makes it a prefix), `to` a path or an http(s) URL (empty for 410),
// `status` 301, 302 or 410. A line is refused when a field is invalid (parse_from, parse_target,
// parse_status), when its old path repeats an earlier line's, or when, together with the stored
// redirects (all of them replaced by the file with `replace`), its target is itself redirected
// (a chain) or leads back to it (a loop); a stored redirect that the file would turn into a chain
// gets the file's line refused.
ImportPlan plan_import(std::string_view csv, const std::vector<Redirect>& stored,
                       const PathRules& rules, bool replace = false);

}  // namespace comptoir::seo
