#include <iostream>

int main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::cerr << "gongwen: not yet\n";
  return 2;
}
