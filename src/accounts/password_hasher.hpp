#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <mutex>
#include <string>

#include "accounts/password.hpp"

namespace comptoir::accounts {

// argon2id for request handlers: runs on its own small thread pool, never on an I/O thread, and
// at most `concurrency` hashes at once, since each holds `limits.memlimit` bytes (256 MiB with the
// moderate limits). Requests beyond that wait their turn in the pool's queue.
//
// Arguments are taken by reference and must live until the call completes: pass named variables.
// (The work runs as a plain function object posted to the pool, not as a lambda coroutine: GCC 12
// destroys a lambda coroutine's by-value captures too early, which valgrind caught here.)
class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordLimits limits, unsigned concurrency = 2);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  const PasswordLimits& limits() const { return limits_; }

  boost::asio::awaitable<std::string> hash(const std::string& password);
  boost::asio::awaitable<bool> verify(const std::string& stored_hash, const std::string& password);
  // The same work as verifying against a real hash, for an email that has no account (or no
  // password): the reply then takes as long whether the account exists or not.
  boost::asio::awaitable<void> verify_nobody(const std::string& password);

 private:
  const std::string& dummy_hash();

  PasswordLimits limits_;
  boost::asio::thread_pool pool_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace comptoir::accounts
