// bench/checkout's load generator: replays prepared HTTP/1.1 requests against the shop, closed
// loop, and writes down every answer. The Node driver prepares the requests (carts' cookies and
// CSRF tokens, Stripe-signed webhook bodies) and checks the answers; this program only sends and
// receives. On 2 cores that the shop and PostgreSQL share with their client, Node's sockets took a
// tenth of the machine while the webhooks ran: a delivery that Stripe makes from its own machines
// costs the shop nothing, so the client should cost as little as it can.
//
//   bench_replay HOST PORT CONNECTIONS REQUESTS ANSWERS
//
// REQUESTS holds whole requests (request line, headers, body with its Content-Length), each ended
// by a NUL byte. CONNECTIONS keep-alive connections on one thread take the next request as soon
// as their last one is answered, until every request has been sent once. ANSWERS gets, for each
// request in the file's order, a line "STATUS MICROSECONDS BODY_BYTES", then the body and a
// newline. Standard output: {"seconds": …} from the first connection to the last answer read.
// A connection that fails or closes, or an answer without Content-Length, stops the run (exit 1).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Answer {
  unsigned status = 0;
  std::chrono::microseconds took{};
  std::string body;
};

struct Run {
  std::vector<std::string_view> requests;
  std::vector<Answer> answers;
  std::size_t next = 0;
  std::exception_ptr failure;
};

// The requests of `text`, each ended by a NUL byte.
std::vector<std::string_view> split_requests(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto end = text.find('\0');
    if (end == std::string_view::npos) throw std::invalid_argument("the last request has no NUL");
    out.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return out;
}

net::awaitable<void> client(Run& run, tcp::endpoint endpoint) {
  try {
    auto executor = co_await net::this_coro::executor;
    tcp::socket socket(executor);
    co_await socket.async_connect(endpoint, net::use_awaitable);
    socket.set_option(tcp::no_delay(true));
    beast::flat_buffer buffer;
    while (run.next < run.requests.size() && !run.failure) {
      auto index = run.next++;
      auto started = Clock::now();
      co_await net::async_write(socket, net::buffer(run.requests[index]), net::use_awaitable);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(16 * 1024 * 1024);
      co_await bhttp::async_read(socket, buffer, parser, net::use_awaitable);
      auto& answer = run.answers[index];
      answer.took = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
      if (parser.chunked() || !parser.content_length())
        throw std::runtime_error("an answer came without Content-Length");
      auto response = parser.release();
      answer.status = response.result_int();
      answer.body = std::move(response.body());
      if (!response.keep_alive()) throw std::runtime_error("the server closed the connection");
    }
  } catch (const std::exception&) {
    if (!run.failure) run.failure = std::current_exception();
  }
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int number(std::string_view text, std::string_view what) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0)
    throw std::invalid_argument(std::string(what) + " must be a positive number");
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: bench_replay HOST PORT CONNECTIONS REQUESTS ANSWERS\n");
    return 2;
  }
  try {
    const auto port = number(argv[2], "PORT");
    const auto connections = number(argv[3], "CONNECTIONS");
    const auto text = read_file(argv[4]);
    Run run;
    run.requests = split_requests(text);
    run.answers.resize(run.requests.size());
    net::io_context ioc{1};
    const tcp::endpoint endpoint{net::ip::make_address(argv[1]), static_cast<unsigned short>(port)};
    auto started = Clock::now();
    for (int i = 0; i < connections; ++i) net::co_spawn(ioc, client(run, endpoint), net::detached);
    ioc.run();
    std::chrono::duration<double> seconds = Clock::now() - started;
    if (run.failure) std::rethrow_exception(run.failure);
    std::ofstream out(argv[5], std::ios::binary);
    for (const auto& answer : run.answers) {
      out << answer.status << ' ' << answer.took.count() << ' ' << answer.body.size() << '\n'
          << answer.body << '\n';
    }
    if (!out.flush()) throw std::runtime_error(std::string("cannot write ") + argv[5]);
    std::printf("{\"seconds\": %.6f}\n", seconds.count());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_replay: %s\n", e.what());
    return 1;
  }
  return 0;
}
