#include "accounts/password_hasher.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>

namespace comptoir::accounts {
namespace {

namespace net = boost::asio;

// Runs `job()` on `pool` and resumes the caller on its own executor with the result (or the
// exception). `job` must outlive the call: the caller awaits it, so a local of the caller does.
template <class T, class Job>
net::awaitable<T> run_on(net::thread_pool& pool, Job& job) {
  co_return co_await net::async_initiate<decltype(net::use_awaitable), void(std::exception_ptr, T)>(
      [&pool, &job](auto handler) {
        net::post(pool, [&job, handler = std::move(handler)]() mutable {
          std::exception_ptr error;
          T value{};
          try {
            value = job();
          } catch (...) {
            error = std::current_exception();
          }
          auto caller = net::get_associated_executor(handler);
          net::dispatch(caller,
                        [handler = std::move(handler), error, value = std::move(value)]() mutable {
                          std::move(handler)(error, std::move(value));
                        });
        });
      },
      net::use_awaitable);
}

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
