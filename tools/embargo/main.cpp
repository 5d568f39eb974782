// The embargo command-line tool: every subcommand registers itself from its cmd_*.cpp file.
#include "cli.hpp"

int main(int argc, char** argv) { return embargo::cli::run(argc, argv); }
