#include "accounts/password_hasher.hpp"

#include <boost/asio/post.hpp>

#include <stdexcept>

#include "core/offload.hpp"

namespace comptoir::accounts {
namespace {

namespace net = boost::asio;
using core::run_on;

}  // namespace

PasswordHasher::Ticket::Ticket(Ticket&& other) noexcept
    : hasher_(std::exchange(other.hasher_, nullptr)), waiter_(std::move(other.waiter_)) {}

PasswordHasher::Ticket::~Ticket() {
  if (hasher_) --hasher_->admitted_;
}

PasswordHasher::PasswordHasher(HasherOptions options)
    : limits_(options.limits),
      capacity_(options.capacity.value_or(4 * std::size_t{std::max(1U, options.threads)})),
      pool_(std::max(1U, options.threads)) {
  // The dummy hash is made in the background now rather than by the first unknown email, whose
  // answer would otherwise take twice as long as the others'.
  net::post(pool_, [this] {
    try {
      dummy_hash();
    } catch (const std::exception&) {
      // Out of memory now; verify_nobody tries again, and reports it, when it needs the hash.
    }
  });
}

PasswordHasher::~PasswordHasher() {
  pool_.join();
}

std::optional<PasswordHasher::Ticket> PasswordHasher::admit(
    std::shared_ptr<const core::Waiter> waiter) {
  auto current = admitted_.load();
  do {
    if (current >= capacity_) return std::nullopt;
  } while (!admitted_.compare_exchange_weak(current, current + 1));
  return Ticket(*this, std::move(waiter));
}

const std::string& PasswordHasher::dummy_hash() {
  // Made once, on a pool thread, so starting the server waits for no hash.
  std::call_once(dummy_once_,
                 [this] { dummy_hash_ = hash_password("comptoir-no-such-user", limits_); });
  return dummy_hash_;
}

// Runs `work()` on the pool unless the ticket's waiter has gone by the time its turn comes.
template <class T, class Work>
net::awaitable<std::optional<T>> PasswordHasher::run(const Ticket& ticket, Work& work) {
  auto job = [&]() -> std::optional<T> {
    if (ticket.waiter_ && ticket.waiter_->gone()) return std::nullopt;
    return work();
  };
  co_return co_await run_on<std::optional<T>>(pool_, job);
}

net::awaitable<std::optional<std::string>> PasswordHasher::hash(const Ticket& ticket,
                                                                const std::string& password) {
  auto work = [&] { return hash_password(password, limits_); };
  co_return co_await run<std::string>(ticket, work);
}

net::awaitable<std::optional<bool>> PasswordHasher::verify(const Ticket& ticket,
                                                           const std::string& stored_hash,
                                                           const std::string& password) {
  auto work = [&] { return verify_password(stored_hash, password); };
  co_return co_await run<bool>(ticket, work);
}

net::awaitable<std::optional<bool>> PasswordHasher::verify_nobody(const Ticket& ticket,
                                                                  const std::string& password) {
  // Its cost is the point; its answer is always false, whatever was typed.
  auto work = [&] {
    verify_password(dummy_hash(), password);
    return false;
  };
  co_return co_await run<bool>(ticket, work);
}

}  // namespace comptoir::accounts
