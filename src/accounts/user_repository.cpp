#include "accounts/user_repository.hpp"

#include <algorithm>

#include "db/connection.hpp"
#include "db/error.hpp"

namespace comptoir::accounts {
namespace {

#define COMPTOIR_USER_FIELDS                                                     \
  "u.id, u.email, u.display_name, u.locale, r.name, "                            \
  "coalesce((SELECT string_agg(rp.permission, ' ' ORDER BY rp.permission) "      \
  "FROM role_permissions rp WHERE rp.role_id = r.id), ''), "                     \
  "u.email_verified_at IS NOT NULL, u.totp_enabled_at IS NOT NULL, "             \
  "to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), " \
  "to_char(u.disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
#define COMPTOIR_USER_COLUMNS COMPTOIR_USER_FIELDS "FROM users u JOIN roles r ON r.id = u.role_id "

constexpr db::Query kInsertUser{
    "accounts_insert_user",
    "INSERT INTO users (email, password_hash, display_name, locale, role_id) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id"};
constexpr db::Query kSelectUser{"accounts_select_user",
                                "SELECT " COMPTOIR_USER_COLUMNS "WHERE u.id = $1"};
constexpr db::Query kSelectUserByEmail{"accounts_select_user_by_email",
                                       "SELECT " COMPTOIR_USER_COLUMNS
                                       "WHERE lower(u.email) = lower($1)"};
constexpr db::Query kListUsers{"accounts_list_users", "SELECT " COMPTOIR_USER_COLUMNS
                                                      "WHERE $1::bigint IS NULL OR u.role_id = $1 "
                                                      "ORDER BY u.id"};
// strpos rather than LIKE: what is typed is matched as it is, '%' and '_' included. Newest
// first by id: the primary key's index serves the order and the cursor.
constexpr db::Query kSearchUsers{
    "accounts_search_users", "SELECT " COMPTOIR_USER_COLUMNS
                             "WHERE ($1::text IS NULL OR strpos(lower(u.email), lower($1)) > 0 "
                             "      OR strpos(lower(u.display_name), lower($1)) > 0) "
                             "AND ($2::text IS NULL OR r.name = $2) "
                             "AND ($3::text = 'any' OR ($3 = 'active' AND u.disabled_at IS NULL) "
                             "     OR ($3 = 'disabled' AND u.disabled_at IS NOT NULL) "
                             "     OR ($3 = 'unverified' AND u.email_verified_at IS NULL)) "
                             "AND ($4::bigint IS NULL OR u.id < $4) "
                             "ORDER BY u.id DESC LIMIT $5"};
constexpr db::Query kSetDisabled{
    "accounts_set_user_disabled",
    "UPDATE users SET disabled_at = CASE WHEN $2 THEN now() END, updated_at = now() "
    "WHERE id = $1 RETURNING to_char(disabled_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"};
constexpr db::Query kSetRole{"accounts_set_user_role",
                             "UPDATE users SET role_id = $2, updated_at = now() WHERE id = $1"};
// A login's one query: the same whether the email has an account or not.
constexpr db::Query kSelectLogin{"accounts_select_login",
                                 "SELECT " COMPTOIR_USER_FIELDS
                                 ", u.password_hash "
                                 "FROM users u JOIN roles r ON r.id = u.role_id "
                                 "WHERE lower(u.email) = lower($1)"};
// A staff account with no password is an invitation waiting (StaffAdmin::invite), never a
// registration a stranger's form may finish.
constexpr db::Query kSelectHolder{
    "accounts_select_email_holder",
    "SELECT " COMPTOIR_USER_FIELDS
    ", u.password_hash IS NULL AND u.email_verified_at IS NULL AND u.clerk_user_id IS NULL "
    "AND u.disabled_at IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id) "
    "FROM users u JOIN roles r ON r.id = u.role_id WHERE lower(u.email) = lower($1)"};
constexpr db::Query kLockUser{"accounts_lock_user", "SELECT 1 FROM users WHERE id = $1 FOR UPDATE"};
constexpr db::Query kSetFirstPasswordHash{
    "accounts_set_first_password_hash",
    "UPDATE users SET password_hash = $2, updated_at = now() "
    "WHERE id = $1 AND password_hash IS NULL AND clerk_user_id IS NULL"};
constexpr db::Query kClearPasswordHash{
    "accounts_clear_password_hash",
    "UPDATE users SET password_hash = NULL, updated_at = now() WHERE id = $1"};
constexpr db::Query kSelectPasswordHash{"accounts_select_password_hash",
                                        "SELECT password_hash FROM users WHERE id = $1"};
constexpr db::Query kSetPasswordHash{
    "accounts_set_password_hash",
    "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1"};

constexpr db::Query kLockOwners{
    "accounts_lock_owners",
    "SELECT u.id FROM users u WHERE u.role_id = (SELECT id FROM roles WHERE name = 'owner') "
    "ORDER BY u.id FOR UPDATE"};
constexpr db::Query kActiveOwnersBesides{
    "accounts_active_owners_besides",
    "SELECT count(*) FROM users u JOIN roles r ON r.id = u.role_id "
    "WHERE r.name = 'owner' AND u.disabled_at IS NULL AND u.id <> $1"};

#define COMPTOIR_ROLE_COLUMNS                                               \
  "r.id, r.name, r.description, r.built_in, "                               \
  "coalesce((SELECT string_agg(rp.permission, ' ' ORDER BY rp.permission) " \
  "FROM role_permissions rp WHERE rp.role_id = r.id), '') FROM roles r "

constexpr db::Query kSelectRole{"accounts_select_role",
                                "SELECT " COMPTOIR_ROLE_COLUMNS "WHERE r.name = $1"};
constexpr db::Query kListRoles{"accounts_list_roles",
                               "SELECT " COMPTOIR_ROLE_COLUMNS "ORDER BY r.id"};
constexpr db::Query kDeleteSessions{"accounts_delete_user_sessions",
                                    "DELETE FROM sessions WHERE user_id = $1"};

constexpr db::Query kDeleteOtherSessions{
    "accounts_delete_other_user_sessions",
    "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2"};

#undef COMPTOIR_USER_COLUMNS
#undef COMPTOIR_ROLE_COLUMNS

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto space = text.find(' ');
    if (space != 0) out.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

User user_of(const db::Result& r, std::size_t row) {
  return {.id = r.get<std::int64_t>(row, 0),
          .email = r.get<std::string>(row, 1),
          .display_name = r.get<std::string>(row, 2),
          .locale = r.get<std::string>(row, 3),
          .role = r.get<std::string>(row, 4),
          .permissions = split_words(r.get<std::string_view>(row, 5)),
          .email_verified = r.get<bool>(row, 6),
          .totp_enabled = r.get<bool>(row, 7),
          .created_at = r.get<std::string>(row, 8),
          .disabled_at = r.get<std::optional<std::string>>(row, 9)};
}

Role role_of(const db::Result& r, std::size_t row) {
  return {.id = r.get<std::int64_t>(row, 0),
          .name = r.get<std::string>(row, 1),
          .description = r.get<std::string>(row, 2),
          .built_in = r.get<bool>(row, 3),
          .permissions = split_words(r.get<std::string_view>(row, 4))};
}

}  // namespace

std::optional<std::int64_t> UserRepository::insert(const NewUser& user) {
  auto r = conn_.exec(kInsertUser, user.email, user.password_hash, user.display_name, user.locale,
                      user.role_id);
  if (r.empty()) return std::nullopt;
  return r.get<std::int64_t>(0, 0);
}

std::optional<User> UserRepository::find(std::int64_t id) {
  auto r = conn_.exec(kSelectUser, id);
  if (r.empty()) return std::nullopt;
  return user_of(r, 0);
}

std::optional<User> UserRepository::find_by_email(std::string_view normalized_email) {
  auto r = conn_.exec(kSelectUserByEmail, normalized_email);
  if (r.empty()) return std::nullopt;
  return user_of(r, 0);
}

std::vector<User> UserRepository::list(std::optional<std::int64_t> role_id) {
  auto r = conn_.exec(kListUsers, role_id);
  std::vector<User> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(user_of(r, i));
  return out;
}

std::vector<User> UserRepository::search(const AccountFilter& filter) {
  std::optional<std::string_view> search;
  if (!filter.search.empty()) search = filter.search;
  std::optional<std::string_view> role;
  if (!filter.role.empty()) role = filter.role;
  std::string_view state = "any";
  switch (filter.state) {
    case AccountState::any:
      break;
    case AccountState::active:
      state = "active";
      break;
    case AccountState::disabled:
      state = "disabled";
      break;
    case AccountState::unverified:
      state = "unverified";
      break;
  }
  auto r = conn_.exec(kSearchUsers, search, role, state, filter.before_id,
                      std::clamp(filter.limit, 1, 200) + 1);
  std::vector<User> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(user_of(r, i));
  return out;
}

std::optional<std::string> UserRepository::set_disabled(std::int64_t user_id, bool disabled) {
  auto r = conn_.exec(kSetDisabled, user_id, disabled);
  if (r.empty()) return std::nullopt;
  return r.get<std::optional<std::string>>(0, 0);
}

void UserRepository::set_role(std::int64_t user_id, std::int64_t role_id) {
  conn_.exec(kSetRole, user_id, role_id);
}

std::optional<LoginCredentials> UserRepository::find_for_login(std::string_view normalized_email) {
  auto r = conn_.exec(kSelectLogin, normalized_email);
  if (r.empty()) return std::nullopt;
  return LoginCredentials{.user = user_of(r, 0),
                          .password_hash = r.get<std::optional<std::string>>(0, 10)};
}

std::optional<EmailHolder> UserRepository::find_holder(std::string_view normalized_email) {
  auto r = conn_.exec(kSelectHolder, normalized_email);
  if (r.empty()) return std::nullopt;
  return EmailHolder{.user = user_of(r, 0), .awaiting_confirmation = r.get<bool>(0, 10)};
}

void UserRepository::lock(std::int64_t user_id) {
  conn_.exec(kLockUser, user_id);
}

bool UserRepository::set_first_password_hash(std::int64_t user_id, std::string_view hash) {
  return conn_.exec(kSetFirstPasswordHash, user_id, hash).affected_rows() == 1;
}

void UserRepository::clear_password_hash(std::int64_t user_id) {
  conn_.exec(kClearPasswordHash, user_id);
}

std::optional<std::string> UserRepository::password_hash(std::int64_t user_id) {
  auto r = conn_.exec(kSelectPasswordHash, user_id);
  if (r.empty()) return std::nullopt;
  return r.get<std::optional<std::string>>(0, 0);
}

void UserRepository::set_password_hash(std::int64_t user_id, std::string_view hash) {
  conn_.exec(kSetPasswordHash, user_id, hash);
}

void UserRepository::lock_owners() {
  conn_.exec(kLockOwners);
}

std::int64_t UserRepository::active_owners_besides(std::int64_t user_id) {
  return conn_.exec(kActiveOwnersBesides, user_id).one<std::int64_t>();
}

std::optional<Role> UserRepository::find_role(std::string_view name) {
  auto r = conn_.exec(kSelectRole, name);
  if (r.empty()) return std::nullopt;
  return role_of(r, 0);
}

std::vector<Role> UserRepository::list_roles() {
  auto r = conn_.exec(kListRoles);
  std::vector<Role> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(role_of(r, i));
  return out;
}

std::size_t UserRepository::delete_sessions(std::int64_t user_id) {
  return conn_.exec(kDeleteSessions, user_id).affected_rows();
}

std::size_t UserRepository::delete_sessions(std::int64_t user_id, std::string_view keep_id_hash) {
  return conn_.exec(kDeleteOtherSessions, user_id, keep_id_hash).affected_rows();
}

}  // namespace comptoir::accounts
