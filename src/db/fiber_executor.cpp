// The fiber driver (DATABASE_DRIVER=fibers): a pool's calls run on fibers (Boost.Context, whose
// switches are a few instructions, no system call), as many as connections, spread over a loop
// thread per core. A fiber that waits for PostgreSQL registers its socket with its loop's epoll
// and is suspended; the loop waits for all its sockets at once and resumes the fiber whose socket
// is ready.
#include <cxxabi.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/context/fiber.hpp>
#include <boost/context/preallocated.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <cerrno>
#include <cstdint>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "db/executor.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define COMPTOIR_ASAN_FIBERS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COMPTOIR_ASAN_FIBERS 1
#endif
#endif
#ifdef COMPTOIR_ASAN_FIBERS
#include <sanitizer/common_interface_defs.h>
#endif

namespace comptoir::db::detail {

namespace {

namespace ctx = boost::context;

// Repositories' code runs on these stacks: rows to structs, no recursion over data. The pages are
// only reserved (touched on use), and a guard page below each turns an overflow into a crash.
constexpr std::size_t kStackBytes = std::size_t{1} << 20;
constexpr int kMaxEvents = 64;

// The C++ runtime's per-thread exception state (libstdc++'s __cxa_eh_globals): the exceptions
// being handled (catch blocks entered and not left yet) and the count of those being thrown. A
// fiber suspended inside a catch block (a ROLLBACK after an error) must find its own when it
// resumes, not another fiber's: each fiber keeps its copy, swapped in and out around a switch.
struct ExceptionState {
  void* caught = nullptr;
  unsigned int uncaught = 0;
};
#if !defined(__GLIBCXX__) || defined(__ARM_EABI_UNWINDER__)
#error "the fiber driver swaps libstdc++'s exception state (two words, not ARM EABI's three)"
#endif

ExceptionState& exception_state() noexcept {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the runtime's own struct
  return *reinterpret_cast<ExceptionState*>(abi::__cxa_get_globals());
}

class FiberLoop;

// AddressSanitizer must be told of every switch between stacks (the asan preset), or it takes a
// throw on a fiber's stack for a wild write. Nothing happens without it.
struct StackSwitch {
  void* fake_stack = nullptr;  // the leaving side's, kept while it is switched out
  const void* bottom = nullptr;
  std::size_t size = 0;

  // Before leaving for the stack [bottom, bottom + size); `dying`: the leaving side never returns.
  void start([[maybe_unused]] const void* to_bottom, [[maybe_unused]] std::size_t to_size,
             [[maybe_unused]] bool dying = false) {
#ifdef COMPTOIR_ASAN_FIBERS
    __sanitizer_start_switch_fiber(dying ? nullptr : &fake_stack, to_bottom, to_size);
#endif
  }
  // On arrival (back), learning where the other side's stack is.
  void finish() {
#ifdef COMPTOIR_ASAN_FIBERS
    __sanitizer_finish_switch_fiber(fake_stack, &bottom, &size);
#endif
  }
};

enum class State { running, idle, waiting_slot, waiting_io, ready, done };

struct Worker final : SocketWait {
  explicit Worker(FiberLoop& executor) : owner(executor) {}

  bool wait(int socket, Want want, Deadline until) override;
  void forget(int socket) noexcept override;
  void suspend() {
    to_loop.start(to_loop.bottom, to_loop.size);
    loop = std::move(loop).resume();
    to_loop.finish();
  }

  FiberLoop& owner;
  ctx::fiber self;  // the worker while it is suspended
  ctx::fiber loop;  // the driver's loop while the worker runs
  ctx::stack_context stack;
  StackSwitch to_loop;  // the worker's side of the switches (it learns the loop's stack)
  ExceptionState exceptions;
  State state = State::running;
  int fd = -1;  // registered with epoll for this worker
  std::uint32_t events = 0;
  Deadline deadline;
  bool timed_out = false;
};

class FiberLoop {
 public:
  FiberLoop(Slots& slots, std::size_t fibers) : slots_(slots), fibers_(fibers) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_ < 0 || wake_ < 0) throw std::system_error(errno, std::generic_category(), "epoll");
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.ptr = nullptr;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &wake) != 0)
      throw std::system_error(errno, std::generic_category(), "epoll_ctl");
  }
  FiberLoop(const FiberLoop&) = delete;
  FiberLoop& operator=(const FiberLoop&) = delete;

  ~FiberLoop() {
    {
      std::lock_guard lock(inbox_mutex_);
      stop_ = true;
    }
    notify();
    if (thread_.joinable()) thread_.join();
    ::close(wake_);
    ::close(epoll_);
  }

  void submit(std::unique_ptr<PoolJob> job) {
    in_flight_.fetch_add(1);
    bool wake = false;
    {
      std::lock_guard lock(inbox_mutex_);
      inbox_.push_back(std::move(job));
      if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
      wake = std::exchange(sleeping_, false);
    }
    if (wake) notify();
  }

  bool wait_io(Worker& worker, int socket, Want want, Deadline until);
  void forget_io(Worker& worker, int socket) noexcept;
  // A connection came back (on any thread): the workers waiting for one try again.
  void slot_freed();
  std::size_t in_flight() const noexcept { return in_flight_.load(); }

 private:
  void run();
  void loop();
  bool take_inbox();
  void work(Worker& worker);
  void serve(Worker& worker, PoolJob& job);
  void resume(Worker& worker);
  void make_ready(Worker& worker);
  void notify() noexcept;
  int timeout_ms() const;

  Slots& slots_;
  const std::size_t fibers_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd: the inbox has something
  std::thread thread_;
  std::atomic<std::thread::id> thread_id_{};
  std::atomic<std::size_t> in_flight_{0};     // submitted and not finished: how busy this loop is
  std::atomic<std::size_t> slot_waiting_{0};  // workers claiming a connection or waiting for one

  std::mutex inbox_mutex_;  // guards the four below, shared with the callers' threads
  std::vector<std::unique_ptr<PoolJob>> inbox_;
  bool sleeping_ = false;
  bool slots_freed_ = false;
  bool stop_ = false;

  // The driver thread's own.
  std::deque<Worker> workers_;
  StackSwitch to_worker_;  // the loop's side of the switches
  std::deque<std::unique_ptr<PoolJob>> queue_;
  std::vector<Worker*> idle_;
  std::vector<Worker*> slot_waiters_;
  std::deque<Worker*> ready_;
  bool stopping_ = false;
};

bool Worker::wait(int socket, Want want, Deadline until) {
  return owner.wait_io(*this, socket, want, until);
}

void Worker::forget(int socket) noexcept {
  owner.forget_io(*this, socket);
}

void FiberLoop::notify() noexcept {
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_, &one, sizeof one);
}

void FiberLoop::run() {
  thread_id_.store(std::this_thread::get_id());
  for (std::size_t i = 0; i < fibers_; ++i) {
    Worker& worker = workers_.emplace_back(*this);
    ctx::protected_fixedsize_stack allocator(kStackBytes);
    worker.stack = allocator.allocate();
    worker.self = ctx::fiber(
        std::allocator_arg, ctx::preallocated(worker.stack.sp, worker.stack.size, worker.stack),
        allocator, [this, &worker](ctx::fiber&& loop) {
          worker.to_loop.finish();
          worker.loop = std::move(loop);
          work(worker);
          worker.to_loop.start(worker.to_loop.bottom, worker.to_loop.size, true);
          return std::move(worker.loop);
        });
    resume(worker);  // it parks itself among the idle ones
  }
  loop();
}

// Switches to `worker` until it suspends itself, each with its own exception state.
void FiberLoop::resume(Worker& worker) {
  ExceptionState& current = exception_state();
  const ExceptionState loop_state = current;
  current = worker.exceptions;
  worker.state = State::running;
  to_worker_.start(static_cast<const char*>(worker.stack.sp) - worker.stack.size,
                   worker.stack.size);
  worker.self = std::move(worker.self).resume();
  to_worker_.finish();
  worker.exceptions = current;
  current = loop_state;
  if (!worker.self) worker.state = State::done;
}

void FiberLoop::make_ready(Worker& worker) {
  worker.state = State::ready;
  ready_.push_back(&worker);
}

// Moves the callers' jobs into the queue; true when there was anything to do.
bool FiberLoop::take_inbox() {
  std::vector<std::unique_ptr<PoolJob>> taken;
  bool freed = false;
  {
    std::lock_guard lock(inbox_mutex_);
    taken.swap(inbox_);
    freed = std::exchange(slots_freed_, false);
    stopping_ = stop_;
  }
  for (auto& job : taken) queue_.push_back(std::move(job));
  if (freed) {
    for (Worker* waiter : slot_waiters_) make_ready(*waiter);
    slot_waiters_.clear();
  }
  return !taken.empty() || freed;
}

void FiberLoop::loop() {
  std::array<epoll_event, kMaxEvents> events{};
  for (;;) {
    take_inbox();
    // Run everything runnable: idle workers take the queued jobs, woken workers carry on.
    for (;;) {
      if (!queue_.empty() && !idle_.empty()) {
        Worker* worker = idle_.back();
        idle_.pop_back();
        resume(*worker);
      } else if (!ready_.empty()) {
        Worker* worker = ready_.front();
        ready_.pop_front();
        resume(*worker);
      } else {
        break;
      }
    }
    if (stopping_ && queue_.empty() && idle_.size() == workers_.size()) {
      for (Worker* worker : idle_) resume(*worker);  // each returns: its fiber ends
      return;
    }

    int timeout = timeout_ms();
    {
      std::lock_guard lock(inbox_mutex_);
      if (!inbox_.empty() || slots_freed_ || stop_ != stopping_)
        timeout = 0;
      else
        sleeping_ = timeout != 0;
    }
    const int count = ::epoll_wait(epoll_, events.data(), kMaxEvents, timeout);
    {
      std::lock_guard lock(inbox_mutex_);
      sleeping_ = false;
    }
    for (int i = 0; i < count; ++i) {
      auto* worker = static_cast<Worker*>(events.at(static_cast<std::size_t>(i)).data.ptr);
      if (!worker) {
        std::uint64_t ignored = 0;
        [[maybe_unused]] auto read = ::read(wake_, &ignored, sizeof ignored);
      } else if (worker->state == State::waiting_io) {
        make_ready(*worker);
      }
    }
    const auto now = std::chrono::steady_clock::now();
    for (Worker& worker : workers_) {
      if (worker.state == State::waiting_io && worker.deadline && *worker.deadline <= now) {
        worker.timed_out = true;
        make_ready(worker);
      }
    }
  }
}

// Milliseconds until the nearest deadline of a waiting worker; -1: none.
int FiberLoop::timeout_ms() const {
  Deadline nearest;
  for (const Worker& worker : workers_) {
    if (worker.state == State::waiting_io && worker.deadline &&
        (!nearest || *worker.deadline < *nearest))
      nearest = worker.deadline;
  }
  if (!nearest) return -1;
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(*nearest - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
}

// A worker fiber's life: take a job, serve it, park while there is none.
void FiberLoop::work(Worker& worker) {
  for (;;) {
    while (queue_.empty()) {
      if (stopping_) return;
      worker.state = State::idle;
      idle_.push_back(&worker);
      worker.suspend();
    }
    std::unique_ptr<PoolJob> job = std::move(queue_.front());
    queue_.pop_front();
    serve(worker, *job);
    job->finish();
    in_flight_.fetch_sub(1);
  }
}

void FiberLoop::serve(Worker& worker, PoolJob& job) {
  std::optional<Connection> connection;
  try {
    for (;;) {
      // Counted before the claim: a connection given back right after a failed claim wakes it.
      slot_waiting_.fetch_add(1);
      const Slots::Claim claim = slots_.try_claim(connection);
      if (claim != Slots::Claim::none) {
        slot_waiting_.fetch_sub(1);
        if (claim == Slots::Claim::idle)
          connection->attach(&worker);
        else
          connection.emplace(slots_.open_claimed(&worker));
        break;
      }
      // Every connection is out (with blocking callers, or another loop's fibers): wait.
      worker.state = State::waiting_slot;
      slot_waiters_.push_back(&worker);
      worker.suspend();
      slot_waiting_.fetch_sub(1);
    }
  } catch (...) {
    job.fail(std::current_exception());
    return;
  }
  const bool broken = job.run(*connection);
  const bool keep = !broken && reset_for_reuse(*connection);
  connection->attach(nullptr);
  slots_.release(std::move(*connection), !keep);
}

void FiberLoop::slot_freed() {
  if (slot_waiting_.load() == 0) return;
  if (std::this_thread::get_id() == thread_id_.load()) {
    for (Worker* waiter : slot_waiters_) make_ready(*waiter);
    slot_waiters_.clear();
    return;
  }
  bool wake = false;
  {
    std::lock_guard lock(inbox_mutex_);
    slots_freed_ = true;
    wake = std::exchange(sleeping_, false);
  }
  if (wake) notify();
}

// In the worker's fiber: watch `socket` (level-triggered: data libpq left unread still counts)
// and let the loop run the others until it is ready.
bool FiberLoop::wait_io(Worker& worker, int socket, Want want, Deadline until) {
  const std::uint32_t wanted = want == Want::read ? EPOLLIN : (EPOLLIN | EPOLLOUT);
  if (worker.fd != socket || worker.events != wanted) {
    epoll_event event{};
    event.events = wanted;
    event.data.ptr = &worker;
    const int op = worker.fd == socket ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (worker.fd >= 0 && worker.fd != socket) forget_io(worker, worker.fd);
    if (::epoll_ctl(epoll_, op, socket, &event) != 0 &&
        (errno != EEXIST || ::epoll_ctl(epoll_, EPOLL_CTL_MOD, socket, &event) != 0)) {
      worker.fd = -1;
      return true;  // not a socket any more: libpq finds out when it reads
    }
    worker.fd = socket;
    worker.events = wanted;
  }
  worker.deadline = until;
  worker.timed_out = false;
  worker.state = State::waiting_io;
  worker.suspend();
  return !worker.timed_out;
}

void FiberLoop::forget_io(Worker& worker, int socket) noexcept {
  if (socket < 0 || worker.fd != socket) return;
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, socket, nullptr);
  worker.fd = -1;
  worker.events = 0;
}

// The pool's fibers spread over one loop per core (at most one per fiber): on a machine whose
// PostgreSQL is local, sending on a loopback socket runs the receiving side's TCP work and
// wakes the backend on the sender's thread, and one thread would do all of that on one core.
class FiberExecutor final : public Executor {
 public:
  FiberExecutor(Slots& slots, std::size_t fibers) : slots_(slots) {
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t count = std::clamp<std::size_t>(cores, 1, fibers);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t share = fibers / count + (i < fibers % count ? 1 : 0);
      loops_.push_back(std::make_unique<FiberLoop>(slots, share));
    }
    slots_.on_release([this] {
      for (auto& loop : loops_) loop->slot_freed();
    });
  }
  FiberExecutor(const FiberExecutor&) = delete;
  FiberExecutor& operator=(const FiberExecutor&) = delete;
  ~FiberExecutor() override {
    loops_.clear();  // each finishes its calls
    slots_.on_release(nullptr);
  }

  // To the least busy loop.
  void submit(std::unique_ptr<PoolJob> job) override {
    FiberLoop* least = loops_.front().get();
    for (auto& loop : loops_) {
      if (loop->in_flight() < least->in_flight()) least = loop.get();
    }
    least->submit(std::move(job));
  }

 private:
  Slots& slots_;
  std::vector<std::unique_ptr<FiberLoop>> loops_;
};

}  // namespace

std::unique_ptr<Executor> make_fiber_executor(Slots& slots, std::size_t fibers) {
  return std::make_unique<FiberExecutor>(slots, fibers);
}

}  // namespace comptoir::db::detail
