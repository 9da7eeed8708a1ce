#include "db/pool.hpp"

#include <boost/asio/thread_pool.hpp>

namespace comptoir::db {

namespace {

// The thread driver: a blocking worker per connection, as many calls in flight as connections.
class ThreadExecutor final : public detail::Executor {
 public:
  ThreadExecutor(detail::Slots& slots, std::size_t threads) : slots_(slots), workers_(threads) {}
  ThreadExecutor(const ThreadExecutor&) = delete;
  ThreadExecutor& operator=(const ThreadExecutor&) = delete;
  ~ThreadExecutor() override { workers_.join(); }

  void submit(std::unique_ptr<detail::PoolJob> job) override {
    net::post(workers_, [this, job = std::move(job)]() mutable { serve(*job); });
  }

 private:
  void serve(detail::PoolJob& job) noexcept {
    try {
      Connection connection = slots_.acquire();
      const bool broken = job.run(connection);
      const bool keep = !broken && detail::reset_for_reuse(connection);
      slots_.release(std::move(connection), !keep);
    } catch (...) {
      job.fail(std::current_exception());
    }
    job.finish();
  }

  detail::Slots& slots_;
  net::thread_pool workers_;
};

}  // namespace

std::string_view to_string(Driver driver) noexcept {
  return driver == Driver::fibers ? "fibers" : "threads";
}

std::optional<Driver> parse_driver(std::string_view name) noexcept {
  if (name == "threads") return Driver::threads;
  if (name == "fibers") return Driver::fibers;
  return std::nullopt;
}

namespace detail {

std::unique_ptr<Executor> make_thread_executor(Slots& slots, std::size_t threads) {
  return std::make_unique<ThreadExecutor>(slots, threads);
}

}  // namespace detail

Pool::Pool(PoolOptions options)
    : driver_(options.driver),
      slots_(std::make_unique<detail::Slots>(std::move(options.conninfo), options.size,
                                             std::move(options.connect))) {
  executor_ = driver_ == Driver::fibers ? detail::make_fiber_executor(*slots_, options.size)
                                        : detail::make_thread_executor(*slots_, options.size);
}

Pool::~Pool() {
  executor_.reset();
}

void Pool::submit(std::unique_ptr<detail::PoolJob> job) {
  slots_->add_waiting();
  executor_->submit(std::move(job));
}

}  // namespace comptoir::db
