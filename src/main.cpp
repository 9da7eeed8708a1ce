#include "app/cli.hpp"

int main(int argc, char** argv) {
  return comptoir::app::run_cli(argc, argv);
}
