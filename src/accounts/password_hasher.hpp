#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "accounts/password.hpp"
#include "core/waiter.hpp"

namespace comptoir::accounts {

struct HasherOptions {
  PasswordLimits limits = PasswordLimits::kDefault;
  unsigned threads = 2;  // hashes at once: each holds limits.memlimit bytes
  // Requests admitted at once (hashing, or waiting for a thread): four per thread when unset, so
  // a request waits at most about four hashes and a flood is refused instead of queued for
  // minutes. COMPTOIR_TEST_FAULT=hasher_full sets it to 0.
  std::optional<std::size_t> capacity{};
};

// argon2id for request handlers: runs on its own small thread pool, never on an I/O thread, at
// most `threads` hashes at once, and a bounded queue in front of it.
//
// A request first takes a Ticket (`admit`), before it looks anything up: when the queue is full
// it gets none and answers 503 at once, the same way for every account. The ticket is held for
// all the request's hashing (a login verifies, then may re-hash) and frees its place when
// destroyed. Work whose waiter is gone (the HTTP client closed its connection while it was
// queued) is skipped when its turn comes: `hash`/`verify` then return nullopt.
//
// Arguments are taken by reference and must live until the call completes: pass named variables.
// (The work runs as a plain function object posted to the pool, not as a lambda coroutine: GCC 12
// destroys a lambda coroutine's by-value captures too early, which valgrind caught here.)
class PasswordHasher {
 public:
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&&) = delete;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();

   private:
    friend class PasswordHasher;
    Ticket(PasswordHasher& hasher, std::shared_ptr<const core::Waiter> waiter)
        : hasher_(&hasher), waiter_(std::move(waiter)) {}
    PasswordHasher* hasher_;
    std::shared_ptr<const core::Waiter> waiter_;
  };

  // How long a refused client is asked to wait (Retry-After): the queue drains in well under that.
  static constexpr std::chrono::seconds kRetryAfter{1};

  explicit PasswordHasher(HasherOptions options = {});
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  const PasswordLimits& limits() const { return limits_; }
  std::size_t capacity() const { return capacity_; }
  std::size_t admitted() const { return admitted_.load(); }

  // A place in the queue, or nullopt when it is full. `waiter` (may be null) says when the
  // client has gone.
  std::optional<Ticket> admit(std::shared_ptr<const core::Waiter> waiter = {});

  // nullopt: skipped, the ticket's waiter was gone when the work's turn came.
  boost::asio::awaitable<std::optional<std::string>> hash(const Ticket& ticket,
                                                          const std::string& password);
  boost::asio::awaitable<std::optional<bool>> verify(const Ticket& ticket,
                                                     const std::string& stored_hash,
                                                     const std::string& password);
  // The same work as verifying against a real hash, for an email that has no account (or no
  // password): the reply then takes as long whether the account exists or not. The dummy hash
  // is made with the hasher's limits, so it costs what a real one costs.
  boost::asio::awaitable<std::optional<bool>> verify_nobody(const Ticket& ticket,
                                                            const std::string& password);

 private:
  template <class T, class Work>
  boost::asio::awaitable<std::optional<T>> run(const Ticket& ticket, Work& work);
  const std::string& dummy_hash();

  PasswordLimits limits_;
  std::size_t capacity_;
  std::atomic<std::size_t> admitted_{0};
  boost::asio::thread_pool pool_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace comptoir::accounts
