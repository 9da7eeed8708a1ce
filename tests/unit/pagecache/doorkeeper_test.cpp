#include <gtest/gtest.h>

#include <string>

#include "pagecache/doorkeeper.hpp"

namespace comptoir::pagecache {
namespace {

TEST(Doorkeeper, AdmitsAPageFromItsSecondMissOnAndKeepsRememberingIt) {
  Doorkeeper doorkeeper(1024);
  EXPECT_FALSE(doorkeeper.admit("fr /fr/produit/theiere"));
  EXPECT_TRUE(doorkeeper.admit("fr /fr/produit/theiere"));
  // Still remembered: kept again at its first miss after the catalog changes.
  EXPECT_TRUE(doorkeeper.admit("fr /fr/produit/theiere"));
  EXPECT_FALSE(doorkeeper.admit("en /en/product/teapot"));
}

TEST(Doorkeeper, ZeroSlotsAdmitsEveryPageAtOnce) {
  Doorkeeper doorkeeper(0);
  EXPECT_EQ(doorkeeper.slots(), 0U);
  EXPECT_TRUE(doorkeeper.admit("fr /fr/"));
}

TEST(Doorkeeper, RoundsItsSlotsUpToAPowerOfTwo) {
  EXPECT_EQ(Doorkeeper(1000).slots(), 1024U);
  EXPECT_EQ(Doorkeeper(1).slots(), 1U);
}

TEST(Doorkeeper, AFullTableForgetsOlderPagesButNeverAdmitsAPageEarly) {
  // One slot: each new page takes it. A page never seen is never admitted, whatever came before.
  Doorkeeper doorkeeper(1);
  EXPECT_FALSE(doorkeeper.admit("a"));
  EXPECT_FALSE(doorkeeper.admit("b"));
  EXPECT_FALSE(doorkeeper.admit("a"));  // forgotten: "b" took its slot
  EXPECT_TRUE(doorkeeper.admit("a"));

  Doorkeeper many(64);
  int admitted = 0;
  for (int i = 0; i < 10000; ++i) admitted += many.admit("page " + std::to_string(i)) ? 1 : 0;
  EXPECT_EQ(admitted, 0);
}

}  // namespace
}  // namespace comptoir::pagecache
