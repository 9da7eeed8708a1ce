#include "accounts/password_hasher.hpp"

#include "core/offload.hpp"

namespace comptoir::accounts {
namespace {

namespace net = boost::asio;
using core::run_on;

}  // namespace

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

net::awaitable<std::string> PasswordHasher::hash(const std::string& password) {
  auto job = [&] { return hash_password(password, limits_); };
  co_return co_await run_on<std::string>(pool_, job);
}

net::awaitable<bool> PasswordHasher::verify(const std::string& stored_hash,
                                            const std::string& password) {
  auto job = [&] { return verify_password(stored_hash, password); };
  co_return co_await run_on<bool>(pool_, job);
}

net::awaitable<void> PasswordHasher::verify_nobody(const std::string& password) {
  auto job = [&] { return verify_password(dummy_hash(), password); };
  co_await run_on<bool>(pool_, job);
}

}  // namespace comptoir::accounts
