#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>

namespace comptoir::core {

// Runs the blocking `job()` on `pool` and resumes the caller on its own executor with the result
// (or the exception): I/O threads never block on argon2id, libcurl or the like.
// `job` must outlive the call: the caller awaits it, so a named local of the caller does. (It is a
// plain function object, not a lambda coroutine: GCC 12 destroys a lambda coroutine's by-value
// captures too early.)
template <class T, class Job>
boost::asio::awaitable<T> run_on(boost::asio::thread_pool& pool, Job& job) {
  namespace net = boost::asio;
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

}  // namespace comptoir::core
