#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/ip_range.hpp"
#include "http/types.hpp"

namespace comptoir::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  unsigned threads = 1;
  std::chrono::milliseconds request_timeout{15000};  // a whole request must arrive within this
  std::chrono::milliseconds idle_timeout{60000};     // keep-alive wait between requests
  std::chrono::milliseconds shutdown_grace{10000};   // in-flight requests may finish within this
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Proxies whose Forwarded / X-Forwarded-For headers name the client (http/client_address.hpp).
  std::vector<core::IpRange> trusted_proxies{};
};

// Whether to serve a connection, decided from the TCP peer's address before anything is read.
struct Admission {
  // Anything but ok: answered with this status (through Pipeline::reject) and closed.
  Status refusal = Status::ok;
  std::chrono::seconds retry_after{0};  // sent as Retry-After with a refusal, when positive
  std::shared_ptr<const void> hold;     // kept while the connection is open (e.g. it counts it)
};

// What the server runs for each request. `reject` answers a request the server refused before
// routing (431, 413, 400) through the same middleware, so it gets headers, logs and a request id.
struct Pipeline {
  Handler handle;
  std::function<net::awaitable<Response>(Context&, Status)> reject;
  std::function<std::size_t(Method, std::string_view path)> max_body;  // per-route override
  std::function<Admission(std::string_view peer)> admit{};  // empty: every connection is served
};

// HTTP/1.1 on Boost.Beast with one coroutine per connection, a worker thread per core, limits set
// on the parser and the stream, and graceful shutdown on SIGINT/SIGTERM.
class Server {
 public:
  Server(ServerOptions options, Pipeline pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; throws with a clear message when the address is taken.
  void listen();
  std::uint16_t port() const { return port_; }
  // Serves until SIGINT/SIGTERM (or stop()), then drains and returns.
  void run();
  void stop();  // thread-safe; starts the graceful shutdown
  net::io_context& context() { return ioc_; }

 private:
  struct Connection;
  net::awaitable<void> accept_loop();
  net::awaitable<void> session(net::ip::tcp::socket socket);
  net::awaitable<void> drain();
  void begin_shutdown();

  ServerOptions options_;
  Pipeline pipeline_;
  net::io_context ioc_;
  net::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> draining_{false};
  std::atomic<std::size_t> open_connections_{0};
  std::mutex connections_mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections_;
  std::uint64_t next_connection_id_ = 0;
};

}  // namespace comptoir::http
