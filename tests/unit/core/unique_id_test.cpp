#include "core/unique_id.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace comptoir::core {
namespace {

TEST(Xoshiro256, GivesTheReferenceSequence) {
  // The first outputs of the reference C implementation (prng.di.unimi.it) seeded {1, 2, 3, 4}.
  Xoshiro256 generator({1, 2, 3, 4});
  EXPECT_EQ(generator(), 11520U);
  EXPECT_EQ(generator(), 0U);
  EXPECT_EQ(generator(), 1509978240U);
  EXPECT_EQ(generator(), 1215971899390074240U);
}

bool lower_hex(const std::string& text) {
  return std::ranges::all_of(
      text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

TEST(UniqueHex, IsLowercaseHexOfTheLengthAsked) {
  for (std::size_t bytes : {1U, 7U, 8U, 12U, 16U, 33U}) {
    auto text = unique_hex(bytes);
    EXPECT_EQ(text.size(), bytes * 2);
    EXPECT_TRUE(lower_hex(text)) << text;
  }
  EXPECT_EQ(unique_hex(0), "");
}

TEST(UniqueHex, DoesNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(seen.insert(unique_hex(12)).second) << i;
}

TEST(UniqueHex, EachThreadHasItsOwnSeed) {
  // Threads seeded alike would give the same ids in the same order.
  std::vector<std::string> firsts(4);
  std::vector<std::thread> threads;
  for (auto& first : firsts) threads.emplace_back([&first] { first = unique_hex(12); });
  for (auto& thread : threads) thread.join();
  firsts.push_back(unique_hex(12));
  std::set<std::string> distinct(firsts.begin(), firsts.end());
  EXPECT_EQ(distinct.size(), firsts.size());
}

TEST(UniqueHex, UsesEveryDigit) {
  // A stuck nibble or a digit never written would show over 16 000 digits.
  std::string all;
  for (int i = 0; i < 1000; ++i) all += unique_hex(8);
  for (char digit : std::string("0123456789abcdef"))
    EXPECT_NE(all.find(digit), std::string::npos) << digit;
}

}  // namespace
}  // namespace comptoir::core
