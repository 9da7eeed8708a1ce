#include "http/server.hpp"

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>

#include <array>
#include <csignal>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/client_address.hpp"
#include "http/client_probe.hpp"
#include "http/wire.hpp"
#include "observe/log.hpp"

namespace comptoir::http {

using tcp = net::ip::tcp;

namespace {

constexpr auto kUseAwaitable = net::use_awaitable;
constexpr std::size_t kLingerDiscardLimit = 16 * 1024 * 1024;

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// Detaches a request's probe when the request is over, however it ends.
struct DetachProbe {
  explicit DetachProbe(std::shared_ptr<ClientProbe> p) : probe(std::move(p)) {}
  DetachProbe(const DetachProbe&) = delete;
  DetachProbe& operator=(const DetachProbe&) = delete;
  ~DetachProbe() { probe->detach(); }
  std::shared_ptr<ClientProbe> probe;
};

Response last_resort(Status status) {
  // Used only when the pipeline itself failed: no template, no JSON, nothing that can throw again.
  Response res{status, 11};
  res.set(Field::content_type, "text/plain; charset=utf-8");
  res.set("X-Content-Type-Options", "nosniff");
  res.body() = std::string(bhttp::obsolete_reason(status));
  return res;
}

// True when bytes of a request wait in the socket's receive buffer, unread.
bool request_waiting(tcp::socket& socket) {
  beast::error_code ec;
  return socket.available(ec) > 0 && !ec;
}

}  // namespace

// Shared between a session coroutine and the shutdown logic; touched only on the session's executor
// (a strand when several threads run the loop).
struct Server::Connection {
  net::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;
  bool idle = true;  // waiting for the first byte of a request
};

Server::Server(ServerOptions options, Pipeline pipeline)
    : options_(std::move(options)),
      pipeline_(std::move(pipeline)),
      ioc_(static_cast<int>(std::max(1U, options_.threads))),
      acceptor_(net::make_strand(ioc_)) {}

Server::~Server() = default;

void Server::listen() {
  tcp::resolver resolver(ioc_);
  beast::error_code ec;
  auto results =
      resolver.resolve(options_.host, std::to_string(options_.port), tcp::resolver::passive, ec);
  if (ec || results.empty())
    throw std::runtime_error(
        fmt::format("cannot resolve HOST '{}': {}", options_.host, ec.message()));
  auto endpoint = results.begin()->endpoint();
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{}: {}", options_.host, options_.port, ec.message()));
  acceptor_.listen(net::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void Server::run() {
  net::signal_set signals(ioc_, SIGINT, SIGTERM);
  signals.async_wait([this](const beast::error_code& ec, int signal) {
    if (ec) return;
    observe::info("shutdown requested", {{"signal", signal}});
    begin_shutdown();
  });
  net::co_spawn(acceptor_.get_executor(), accept_loop(), net::detached);

  std::vector<std::thread> workers;
  for (unsigned i = 1; i < options_.threads; ++i) workers.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& worker : workers) worker.join();
  signals.cancel();
}

void Server::stop() {
  begin_shutdown();
}

void Server::begin_shutdown() {
  if (draining_.exchange(true)) return;
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    net::co_spawn(ioc_, drain(), net::detached);
  });
}

net::awaitable<void> Server::accept_loop() {
  while (!draining_) {
    beast::error_code ec;
    // A strand keeps a connection's handlers apart when several threads run the loop; with one
    // thread they are apart already, and a strand would only lock a mutex around each of them.
    auto executor = options_.threads > 1 ? net::any_io_executor(net::make_strand(ioc_))
                                         : net::any_io_executor(ioc_.get_executor());
    auto socket = co_await acceptor_.async_accept(executor, net::redirect_error(kUseAwaitable, ec));
    if (ec) {
      if (draining_ || ec == net::error::operation_aborted) co_return;
      // EMFILE and friends: back off briefly instead of spinning.
      observe::warn("accept failed", {{"error", ec.message()}});
      net::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(kUseAwaitable);
      continue;
    }
    // Each response is written in one go; Nagle would only add latency to the next one.
    socket.set_option(tcp::no_delay(true), ec);
    net::co_spawn(executor, session(std::move(socket)), net::detached);
  }
}

net::awaitable<void> Server::drain() {
  {
    std::lock_guard lock(connections_mutex_);
    for (auto& [id, weak] : connections_) {
      auto conn = weak.lock();
      if (!conn) continue;
      // A connection whose next request has already arrived is not idle: it is served (with
      // Connection: close) rather than cut with the request unread.
      net::post(conn->executor, [conn] {
        if (conn->idle && conn->stream && !request_waiting(conn->stream->socket()))
          conn->stream->cancel();
      });
    }
  }
  auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
  net::steady_timer timer(co_await net::this_coro::executor);
  while (open_connections_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kUseAwaitable);
  }
  observe::info("shutdown complete", {{"connections_cut", open_connections_.load()}});
  ioc_.stop();
}

net::awaitable<void> Server::session(tcp::socket socket) {
  auto conn = std::make_shared<Connection>();
  conn->executor = socket.get_executor();
  beast::error_code peer_ec;
  auto peer = socket.remote_endpoint(peer_ec);
  // The TCP peer, parsed once; the client's address is the peer's unless the peer is a trusted
  // proxy, which names it in each request's headers.
  const std::string peer_ip = peer_ec ? std::string{} : peer.address().to_string();
  const ClientAddresses clients(peer_ip, options_.trusted_proxies);
  beast::tcp_stream stream(std::move(socket));
  conn->stream = &stream;
  std::uint64_t id = 0;
  {
    std::lock_guard lock(connections_mutex_);
    id = next_connection_id_++;
    connections_.emplace(id, conn);
  }
  ++open_connections_;

  beast::flat_buffer buffer;
  std::string head_bytes;  // each response's status line and header fields (http/wire.hpp)
  bool first = true;
  beast::error_code ec;

  // Writes a response the server decided on before routing, then closes politely: the client may
  // still be sending a body we refuse to read, and closing at once would reset the connection
  // before it reads our answer.
  auto reject = [&](Status status, Request req,
                    std::chrono::seconds retry_after = {}) -> net::awaitable<void> {
    std::string_view target = req.target();
    Context ctx{req, conn->executor, target.substr(0, target.find('?')), {}};
    // Refusals count against their client too (the access log, the WAF's bans).
    ctx.peer_ip = peer_ip;
    ctx.client_ip = clients.of(req);
    Response res;
    try {
      res = co_await pipeline_.reject(ctx, status);
    } catch (const std::exception&) {
      res = last_resort(status);
    }
    if (retry_after.count() > 0) res.set(Field::retry_after, std::to_string(retry_after.count()));
    res.keep_alive(false);
    res.prepare_payload();
    stream.expires_after(options_.request_timeout);
    beast::error_code write_ec;
    co_await bhttp::async_write(stream, res, net::redirect_error(kUseAwaitable, write_ec));
    if (write_ec) co_return;
    stream.socket().shutdown(tcp::socket::shutdown_send, write_ec);
    stream.expires_after(std::chrono::seconds(1));
    std::size_t discarded = 0;
    char sink[8192];
    while (discarded < kLingerDiscardLimit) {
      auto n = co_await stream.async_read_some(net::buffer(sink),
                                               net::redirect_error(kUseAwaitable, write_ec));
      if (write_ec) break;
      discarded += n;
    }
  };

  // Decided before any byte is read: a client over its connection cap costs one short answer.
  const Admission admission = pipeline_.admit ? pipeline_.admit(peer_ip) : Admission{};
  if (admission.refusal != Status::ok) {
    Request refused{Method::get, "/", 11};
    co_await reject(admission.refusal, std::move(refused), admission.retry_after);
  }

  while (admission.refusal == Status::ok) {
    // Draining: a request the client sent before it could see the server stop (already read, or
    // waiting in the socket) is still served, then the connection closes; nothing else is read.
    if (draining_ && buffer.size() == 0 && !request_waiting(stream.socket())) break;
    if (buffer.size() == 0) {
      conn->idle = true;
      stream.expires_after(first ? options_.request_timeout : options_.idle_timeout);
      auto n = co_await stream.async_read_some(buffer.prepare(8192),
                                               net::redirect_error(kUseAwaitable, ec));
      conn->idle = false;
      if (ec) break;  // idle timeout, client closed, or cancelled by shutdown: end quietly
      buffer.commit(n);
    }
    conn->idle = false;
    first = false;

    // The deadline covers the whole request, so a client trickling bytes cannot hold us forever.
    stream.expires_after(options_.request_timeout);
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    // The body limit depends on the route, known only once the header is read: decided below.
    head.body_limit(std::numeric_limits<std::uint64_t>::max());
    co_await bhttp::async_read_header(stream, buffer, head, net::redirect_error(kUseAwaitable, ec));
    if (ec == bhttp::error::header_limit) {
      co_await reject(Status::request_header_fields_too_large, Request{Method::get, "/", 11});
      break;
    }
    if (ec) {
      if (is_parse_error(ec)) co_await reject(Status::bad_request, Request{Method::get, "/", 11});
      break;
    }
    if (!head.get().target().starts_with('/')) {
      co_await reject(Status::bad_request, Request{Method::get, "/", 11});
      break;
    }

    Request req;
    if (head.is_done()) {
      // No body (most requests): the header is the whole request; no limit to look up, no second
      // parser to run.
      req = Request(std::move(head.release().base()));
    } else {
      std::string_view target = head.get().target();
      auto limit = pipeline_.max_body(head.get().method(), target.substr(0, target.find('?')));
      if (auto length = head.content_length(); length && *length > limit) {
        Request refused;
        refused.base() = head.get().base();
        co_await reject(Status::payload_too_large, std::move(refused));
        break;
      }
      bhttp::request_parser<bhttp::string_body> parser(std::move(head));
      parser.body_limit(limit);
      co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(kUseAwaitable, ec));
      if (ec == bhttp::error::body_limit) {
        Request refused;
        refused.base() = parser.get().base();
        co_await reject(Status::payload_too_large, std::move(refused));
        break;
      }
      if (ec) {
        if (is_parse_error(ec)) co_await reject(Status::bad_request, Request{Method::get, "/", 11});
        break;
      }
      req = parser.release();
    }

    std::string_view full_target = req.target();
    auto question = full_target.find('?');
    Context ctx{
        req, conn->executor, full_target.substr(0, question),
        question == std::string_view::npos ? std::string_view{} : full_target.substr(question + 1)};
    ctx.peer_ip = peer_ip;
    ctx.client_ip = clients.of(req);
    // Detached at the end of this request (or when the frame is destroyed), before the socket
    // closes.
    auto probe = std::make_shared<ClientProbe>(stream.socket().native_handle());
    const DetachProbe detach_probe(probe);
    ctx.waiter = probe;
    Response res;
    try {
      res = co_await pipeline_.handle(ctx);
    } catch (const std::exception& e) {
      observe::error("pipeline failed", {{"what", e.what()}});
      res = last_resort(Status::internal_server_error);
    }
    const bool keep_alive = req.keep_alive() && !draining_;
    res.keep_alive(keep_alive);
    res.prepare_payload();
    stream.expires_after(options_.request_timeout);
    // The header, flat in one buffer, and the body (none for HEAD) in one gathered write.
    head_bytes.clear();
    append_head(res, head_bytes);
    const std::array<net::const_buffer, 2> wire{
        net::buffer(head_bytes),
        req.method() == Method::head ? net::const_buffer{} : net::buffer(res.body())};
    co_await net::async_write(stream, wire, net::redirect_error(kUseAwaitable, ec));
    if (ec || !keep_alive) break;
  }

  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  conn->stream = nullptr;
  {
    std::lock_guard lock(connections_mutex_);
    connections_.erase(id);
  }
  --open_connections_;
}

}  // namespace comptoir::http
