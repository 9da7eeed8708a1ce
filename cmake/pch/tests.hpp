// The tests' precompiled header: the server's, and GoogleTest (CMakeLists.txt, "Precompiled
// headers").
#include "server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
