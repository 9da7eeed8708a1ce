#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <latch>
#include <memory>
#include <string>
#include <vector>

#include "accounts/password_hasher.hpp"
#include "run_awaitable.hpp"

namespace comptoir::accounts {
namespace {

namespace net = boost::asio;

const HasherOptions kFast{.limits = PasswordLimits::kMinimum, .threads = 1};

using test::run;

// A client whose connection the test closes at will.
class FakeWaiter : public core::Waiter {
 public:
  bool gone() const override { return gone_.load(); }
  void leave() { gone_ = true; }

 private:
  std::atomic<bool> gone_{false};
};

TEST(PasswordLimits, TheDefaultIsOwaspsArgon2idMinimum) {
  auto stored = hash_password("correct horse battery staple");
  // m = 19 MiB (19456 KiB), t = 2, p = 1: stored in the hash, so it can be changed later.
  EXPECT_TRUE(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << stored;
  EXPECT_TRUE(verify_password(stored, "correct horse battery staple"));
  EXPECT_FALSE(needs_rehash(stored));
}

TEST(PasswordLimits, AHashMadeWithLibsodiumsModerateLimitsIsRehashed) {
  // What the server stored before: 3 passes over 256 MiB. Only the parameters written in the hash
  // matter to the decision, so a cheap hash relabelled with them stands for one (making a real
  // one takes a second; the integration test Login.* logs in with one).
  auto cheap = hash_password("correct horse battery staple", PasswordLimits::kMinimum);
  auto params = cheap.find("$m=");
  auto salt = cheap.find('$', params + 1);
  ASSERT_NE(salt, std::string::npos);
  auto moderate = cheap.substr(0, params) + "$m=262144,t=3,p=1" + cheap.substr(salt);
  ASSERT_GE(sodium_init(), 0);
  EXPECT_TRUE(needs_rehash(moderate));
  EXPECT_FALSE(
      needs_rehash(moderate, {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE}));
}

TEST(PasswordHasher, HashesAndVerifiesWithItsLimits) {
  PasswordHasher hasher(kFast);
  auto ticket = hasher.admit();
  ASSERT_TRUE(ticket);
  std::string password = "tartine au sirop d'érable";
  auto stored = run(hasher.hash(*ticket, password));
  ASSERT_TRUE(stored);
  EXPECT_FALSE(needs_rehash(*stored, PasswordLimits::kMinimum));
  EXPECT_EQ(run(hasher.verify(*ticket, *stored, password)), std::optional<bool>{true});
  std::string wrong = "tartine au sirop d'érabl";
  EXPECT_EQ(run(hasher.verify(*ticket, *stored, wrong)), std::optional<bool>{false});
  EXPECT_EQ(run(hasher.verify_nobody(*ticket, password)), std::optional<bool>{false});
}

TEST(PasswordHasher, TheQueueHoldsFourRequestsPerThreadByDefault) {
  PasswordHasher two_threads({.limits = PasswordLimits::kMinimum, .threads = 2});
  EXPECT_EQ(two_threads.capacity(), 8u);
}

TEST(PasswordHasher, AFullQueueAdmitsNobodyUntilATicketIsReturned) {
  PasswordHasher hasher({.limits = PasswordLimits::kMinimum, .threads = 1, .capacity = 2});
  auto first = hasher.admit();
  auto second = hasher.admit();
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_FALSE(hasher.admit());
  EXPECT_FALSE(hasher.admit());
  EXPECT_EQ(hasher.admitted(), 2u);
  first.reset();
  auto third = hasher.admit();
  EXPECT_TRUE(third);
  EXPECT_FALSE(hasher.admit());
}

TEST(PasswordHasher, AMovedTicketIsReturnedOnce) {
  PasswordHasher hasher({.limits = PasswordLimits::kMinimum, .threads = 1, .capacity = 1});
  {
    auto ticket = hasher.admit();
    ASSERT_TRUE(ticket);
    std::vector<PasswordHasher::Ticket> held;
    held.push_back(std::move(*ticket));
    ticket.reset();
    EXPECT_EQ(hasher.admitted(), 1u);
  }
  EXPECT_EQ(hasher.admitted(), 0u);
}

TEST(PasswordHasher, ACapacityOfZeroRefusesEveryone) {
  PasswordHasher hasher({.limits = PasswordLimits::kMinimum, .threads = 1, .capacity = 0});
  EXPECT_FALSE(hasher.admit());
}

TEST(PasswordHasher, WorkWhoseClientHasGoneIsSkipped) {
  PasswordHasher hasher(kFast);
  auto stored = hash_password("correct horse battery staple", PasswordLimits::kMinimum);
  auto client = std::make_shared<FakeWaiter>();
  auto ticket = hasher.admit(client);
  ASSERT_TRUE(ticket);
  std::string password = "correct horse battery staple";
  EXPECT_EQ(run(hasher.verify(*ticket, stored, password)), std::optional<bool>{true});

  client->leave();
  EXPECT_EQ(run(hasher.verify(*ticket, stored, password)), std::nullopt);
  EXPECT_EQ(run(hasher.verify_nobody(*ticket, password)), std::nullopt);
  EXPECT_EQ(run(hasher.hash(*ticket, password)), std::nullopt);
  // Another request is not affected.
  auto other = hasher.admit();
  ASSERT_TRUE(other);
  EXPECT_EQ(run(hasher.verify(*other, stored, password)), std::optional<bool>{true});
}

// Holds the hasher's only thread in gone() until released, so that other work queues behind it.
class BlockingWaiter : public core::Waiter {
 public:
  bool gone() const override {
    started_.count_down();
    release_.wait();
    return false;
  }
  void wait_started() const { started_.wait(); }
  void release() const { release_.count_down(); }

 private:
  mutable std::latch started_{1};
  mutable std::latch release_{1};
};

TEST(PasswordHasher, AClientThatLeavesWhileItsWorkIsQueuedIsSkippedWhenItsTurnComes) {
  PasswordHasher hasher(kFast);
  auto stored = hash_password("correct horse battery staple", PasswordLimits::kMinimum);
  std::string password = "correct horse battery staple";
  auto blocker = std::make_shared<BlockingWaiter>();
  auto client = std::make_shared<FakeWaiter>();
  auto first_ticket = hasher.admit(blocker);
  auto queued_ticket = hasher.admit(client);
  ASSERT_TRUE(first_ticket && queued_ticket);

  net::io_context io;
  auto first = net::co_spawn(io, hasher.verify(*first_ticket, stored, password), net::use_future);
  auto queued = net::co_spawn(io, hasher.verify(*queued_ticket, stored, password), net::use_future);
  io.poll();  // both are posted to the hasher's pool now: the first holds its thread
  blocker->wait_started();
  client->leave();  // while its work waits in the queue
  blocker->release();
  io.run();
  EXPECT_EQ(first.get(), std::optional<bool>{true});
  EXPECT_EQ(queued.get(), std::nullopt);
}

}  // namespace
}  // namespace comptoir::accounts
