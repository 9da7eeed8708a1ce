#include "seo/redirect_repository.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "db/connection.hpp"

namespace comptoir::seo {
namespace {

constexpr db::Query kLock{"seo_redirects_lock", "LOCK TABLE redirects IN SHARE ROW EXCLUSIVE MODE"};

constexpr db::Query kAll{"seo_redirects_all",
                         "SELECT from_path, is_prefix, coalesce(target, ''), status FROM redirects "
                         "ORDER BY from_path, is_prefix"};

constexpr db::Query kUpsert{
    "seo_redirects_upsert",
    "INSERT INTO redirects (from_path, is_prefix, target, status) "
    "SELECT r.from_path, r.is_prefix, nullif(r.target, ''), r.status "
    "FROM jsonb_to_recordset($1::jsonb) AS r(from_path text, is_prefix boolean, target text, "
    "status smallint) "
    "ON CONFLICT (from_path, is_prefix) DO UPDATE SET target = EXCLUDED.target, "
    "status = EXCLUDED.status, updated_at = now()"};

constexpr db::Query kRemove{
    "seo_redirects_remove",
    "DELETE FROM redirects d USING jsonb_to_recordset($1::jsonb) AS r(from_path text, "
    "is_prefix boolean) WHERE d.from_path = r.from_path AND d.is_prefix = r.is_prefix"};

std::string rows_json(const std::vector<Redirect>& redirects) {
  boost::json::array rows;
  rows.reserve(redirects.size());
  for (const auto& redirect : redirects)
    rows.emplace_back(boost::json::object{{"from_path", redirect.from},
                                          {"is_prefix", redirect.prefix},
                                          {"target", redirect.target},
                                          {"status", redirect.status}});
  return boost::json::serialize(rows);
}

}  // namespace

void RedirectRepository::lock_for_import() {
  conn_.exec(kLock);
}

std::vector<Redirect> RedirectRepository::all() {
  auto rows = conn_.exec(kAll);
  std::vector<Redirect> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back({.from = rows.get<std::string>(i, 0),
                   .prefix = rows.get<bool>(i, 1),
                   .target = rows.get<std::string>(i, 2),
                   .status = rows.get<std::int32_t>(i, 3)});
  return out;
}

void RedirectRepository::upsert(const std::vector<Redirect>& redirects) {
  if (!redirects.empty()) conn_.exec(kUpsert, rows_json(redirects));
}

void RedirectRepository::remove(const std::vector<Redirect>& redirects) {
  if (!redirects.empty()) conn_.exec(kRemove, rows_json(redirects));
}

}  // namespace comptoir::seo
