#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "accounts/sealed_fields.hpp"
#include "core/sealed_box.hpp"
#include "db/sealed_columns.hpp"
#include "migrated_database_test.hpp"
#include "orders/sealed_fields.hpp"

namespace comptoir::accounts {
namespace {

using ::testing::ElementsAre;

core::SecretKey key(std::string id) {
  core::SecretKey k{std::move(id), {}};
  randombytes_buf(k.bytes.data(), k.bytes.size());
  return k;
}

class KeyRotation : public db::test::MigratedDatabaseTest {
 protected:
  KeyRotation() : MigratedDatabaseTest(1) {}
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql("INSERT INTO users (email, role_id) SELECT 'u' || n || '@example.ca', "
        "(SELECT id FROM roles WHERE name = 'customer') FROM generate_series(1, 3) n");
  }

  // Stores `text` sealed under `keys` as the address `n` of user 1; returns its id.
  std::int64_t add_address(const core::SecretKeys& keys, std::string_view text) {
    auto conn = connect();
    // The id comes first (the seal is bound to it), then the value.
    auto id = conn.exec(db::Query{"test_next_address",
                                  "SELECT nextval(pg_get_serial_sequence('addresses', 'id'))"})
                  .one<std::int64_t>();
    conn.exec(db::Query{"test_insert_address",
                        "INSERT INTO addresses (id, user_id, sealed) OVERRIDING SYSTEM VALUE "
                        "VALUES ($1, 1, $2)"},
              id, core::seal(keys, text, sealed_fields::address(id)));
    return id;
  }
  void set_phone(const core::SecretKeys& keys, std::int64_t user, std::string_view phone) {
    connect().exec(db::Query{"test_set_phone", "UPDATE users SET phone_sealed = $2 WHERE id = $1"},
                   user, core::seal(keys, phone, sealed_fields::user_phone(user)));
  }
  // What `comptoir keys rotate` does: the registry app/keys_command.cpp assembles, same order.
  std::vector<db::ColumnRotation> rotate_sealed_values(const core::SecretKeys& keys,
                                                       const db::RotationOptions& options = {}) {
    db::SealedColumnRegistry registry;
    registry.add(sealed_columns());
    registry.add(orders::sealed_columns());
    return registry.rotate(database(), keys, options);
  }
  std::string stored(const char* name, const char* sql_text, std::int64_t id) {
    return connect().exec(db::Query{name, sql_text}, id).one<std::string>();
  }

  core::SecretKey old_ = key("k1");
  core::SecretKey new_ = key("k2");
};

TEST_F(KeyRotation, EveryValueMovesToTheNewKeyAndStillOpens) {
  core::SecretKeys before({old_});
  auto first = add_address(before, R"({"line1":"12 rue Saint-Paul","city":"Montréal"})");
  auto second = add_address(before, R"({"line1":"3 rue de la Paix","city":"Paris"})");
  set_phone(before, 2, "+1 514 555 0199");

  core::SecretKeys after({new_, old_});
  using Progress = std::pair<std::int64_t, std::int64_t>;  // done, total
  std::vector<Progress> progress;
  auto report = rotate_sealed_values(
      after, {.batch_size = 1,
              .progress = [&](auto done, auto total) { progress.emplace_back(done, total); }});

  ASSERT_EQ(report.size(), 4u);
  EXPECT_EQ(report[0].column, "addresses");
  EXPECT_EQ(report[0].resealed, 2);
  EXPECT_EQ(report[1].column, "users.phone");
  EXPECT_EQ(report[1].resealed, 1);
  EXPECT_EQ(report[2].resealed, 0);
  EXPECT_EQ(report[3].column, "orders.shipping_address");  // none here: orders_test covers it
  EXPECT_EQ(progress.front(), Progress(0, 3));
  EXPECT_EQ(progress.back(), Progress(3, 3));

  // Under k2 now, and k1 is no longer needed to read them.
  core::SecretKeys only_new({new_});
  auto address = stored("test_address", "SELECT sealed FROM addresses WHERE id = $1", first);
  EXPECT_TRUE(address.starts_with("v1.k2."));
  EXPECT_EQ(core::open(only_new, address, sealed_fields::address(first)).value(),
            R"({"line1":"12 rue Saint-Paul","city":"Montréal"})");
  EXPECT_EQ(stored("test_key_id", "SELECT key_id FROM addresses WHERE id = $1", second), "k2");
  auto phone = stored("test_phone", "SELECT phone_sealed FROM users WHERE id = $1", 2);
  EXPECT_EQ(core::open(only_new, phone, sealed_fields::user_phone(2)).value(), "+1 514 555 0199");
}

TEST_F(KeyRotation, RunningAgainChangesNothing) {
  core::SecretKeys after({new_, old_});
  add_address(core::SecretKeys({old_}), "{}");
  ASSERT_EQ(rotate_sealed_values(after)[0].resealed, 1);
  auto again = rotate_sealed_values(after);
  for (const auto& column : again) EXPECT_EQ(column.resealed, 0) << column.column;
}

TEST_F(KeyRotation, AValueNoKeyOpensIsReportedAndLeftAsItIs) {
  auto lost = key("k0");
  auto readable = add_address(core::SecretKeys({old_}), "readable");
  auto orphan = add_address(core::SecretKeys({lost}), "orphan");
  auto before = stored("test_orphan", "SELECT sealed FROM addresses WHERE id = $1", orphan);

  auto report = rotate_sealed_values(core::SecretKeys({new_, old_}));
  EXPECT_EQ(report[0].resealed, 1);
  EXPECT_THAT(report[0].unreadable, ElementsAre(orphan));
  EXPECT_EQ(stored("test_orphan", "SELECT sealed FROM addresses WHERE id = $1", orphan), before);
  EXPECT_TRUE(stored("test_readable", "SELECT sealed FROM addresses WHERE id = $1", readable)
                  .starts_with("v1.k2."));
}

TEST_F(KeyRotation, AValueMovedToAnotherRowIsNotResealedThere) {
  core::SecretKeys before({old_});
  set_phone(before, 1, "+33 1 23 45 67 89");
  // Someone copies user 1's sealed phone onto user 3: it must not open as user 3's.
  sql("UPDATE users SET phone_sealed = (SELECT phone_sealed FROM users WHERE id = 1) WHERE id = 3");
  auto report = rotate_sealed_values(core::SecretKeys({new_, old_}));
  EXPECT_EQ(report[1].resealed, 1);
  EXPECT_THAT(report[1].unreadable, ElementsAre(3));
}

}  // namespace
}  // namespace comptoir::accounts
