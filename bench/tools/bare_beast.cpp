// bench/run's ceiling of the stack: the smallest Boost.Beast coroutine server that answers HTTP/1.1
// (issue 16, design §8). It reads `request<empty_body>` and answers a 13-byte `string_body`,
// "Hello, World!", with keep-alive and TCP_NODELAY, on one io_context thread: what Comptoir's
// plaintext would cost without its router, middleware, logs and metrics. bench/run measures it
// with the same wrk settings as the shop, and reports every target as a ratio to it. Not a
// command of the shop, and nothing of Comptoir's is linked in.
//
//   bench_bare_beast [PORT]        (else $PORT, else 8080; listens on 127.0.0.1, or $HOST)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

constexpr std::string_view kBody = "Hello, World!";

net::awaitable<void> session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    bhttp::request<bhttp::empty_body> request;
    co_await bhttp::async_read(stream, buffer, request,
                               net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
    bhttp::response<bhttp::string_body> response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, "text/plain; charset=utf-8");
    response.body() = kBody;
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    co_await bhttp::async_write(stream, response, net::redirect_error(net::use_awaitable, ec));
    if (ec || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

net::awaitable<void> listen(tcp::acceptor& acceptor) {
  for (;;) {
    beast::error_code ec;
    auto socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      if (ec == net::error::operation_aborted) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    net::co_spawn(executor, session(std::move(socket)), net::detached);
  }
}

unsigned short port_from(int argc, char** argv) {
  std::string_view text = argc > 1 ? argv[1] : (std::getenv("PORT") ? std::getenv("PORT") : "");
  if (text.empty()) return 8080;
  unsigned short port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument("the port must be a number from 0 to 65535");
  return port;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto port = port_from(argc, argv);
    const char* host = std::getenv("HOST");
    net::io_context ioc{1};
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint{net::ip::make_address(host ? host : "127.0.0.1"), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const beast::error_code&, int) { ioc.stop(); });
    net::co_spawn(ioc, listen(acceptor), net::detached);
    std::printf("bare-beast listening on %s:%u\n", host ? host : "127.0.0.1",
                acceptor.local_endpoint().port());
    std::fflush(stdout);
    ioc.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_bare_beast: %s\n", e.what());
    return 1;
  }
  return 0;
}
