#include "accounts/password_hasher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace comptoir::accounts {

namespace net = boost::asio;

PasswordHasher::PasswordHasher(PasswordLimits limits, unsigned concurrency)
    : limits_(limits), pool_(concurrency == 0 ? 1 : concurrency) {}

PasswordHasher::~PasswordHasher() {
  pool_.join();
}

const std::string& PasswordHasher::dummy_hash() {
  // Made on first use (on a pool thread), so starting the server costs no hash.
  std::call_once(dummy_once_,
                 [this] { dummy_hash_ = hash_password("comptoir-no-such-user", limits_); });
  return dummy_hash_;
}

net::awaitable<std::string> PasswordHasher::hash(std::string password) {
  co_return co_await net::co_spawn(
      pool_.get_executor(),
      [this, password = std::move(password)]() -> net::awaitable<std::string> {
        co_return hash_password(password, limits_);
      },
      net::use_awaitable);
}

net::awaitable<bool> PasswordHasher::verify(std::string stored_hash, std::string password) {
  co_return co_await net::co_spawn(
      pool_.get_executor(),
      [stored_hash = std::move(stored_hash), password = std::move(password)]()
          -> net::awaitable<bool> { co_return verify_password(stored_hash, password); },
      net::use_awaitable);
}

net::awaitable<void> PasswordHasher::verify_nobody(std::string password) {
  co_await net::co_spawn(
      pool_.get_executor(),
      [this, password = std::move(password)]() -> net::awaitable<void> {
        (void)verify_password(dummy_hash(), password);
        co_return;
      },
      net::use_awaitable);
}

}  // namespace comptoir::accounts
