#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>

#include "http/client_probe.hpp"

namespace comptoir::http {
namespace {

// A connected pair: `server` is the side the probe watches, `client` the visitor's.
class Connection : public ::testing::Test {
 protected:
  void SetUp() override {
    std::array<int, 2> fds{};
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds.data()), 0);
    server_ = fds[0];
    client_ = fds[1];
  }
  void TearDown() override {
    if (client_ >= 0) ::close(client_);
    ::close(server_);
  }
  void close_client() {
    ::close(client_);
    client_ = -1;
  }

  int server_ = -1;
  int client_ = -1;
};

TEST_F(Connection, AClientThatWaitsIsThere) {
  ClientProbe probe(server_);
  EXPECT_FALSE(probe.gone());
}

TEST_F(Connection, AClientThatClosedItsConnectionIsGone) {
  ClientProbe probe(server_);
  close_client();
  EXPECT_TRUE(probe.gone());
}

TEST_F(Connection, AClientThatHalfClosedIsGoneToo) {
  ClientProbe probe(server_);
  ASSERT_EQ(::shutdown(client_, SHUT_WR), 0);
  EXPECT_TRUE(probe.gone());
}

TEST_F(Connection, BytesOfANextRequestMeanTheClientIsThereAndStayUnread) {
  ClientProbe probe(server_);
  ASSERT_EQ(::write(client_, "GET /", 5), 5);
  EXPECT_FALSE(probe.gone());
  std::array<char, 8> read{};
  ASSERT_EQ(::recv(server_, read.data(), read.size(), MSG_DONTWAIT), 5);
  EXPECT_EQ(std::string_view(read.data(), 5), "GET /");
}

TEST_F(Connection, ADetachedProbeNeverLooksAtTheSocketAgain) {
  ClientProbe probe(server_);
  probe.detach();
  close_client();
  EXPECT_FALSE(probe.gone());
}

}  // namespace
}  // namespace comptoir::http
