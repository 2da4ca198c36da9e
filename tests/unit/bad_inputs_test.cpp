// Every folder under tests/bad-inputs/ is one broken input: `args` holds the gongwen command line
// (run inside that folder, OUT standing for a fresh output folder) and `expected` the exact
// error it must print. The command must fail and leave no file in OUT.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(GONGWEN_TEST_DIR) / "bad-inputs"))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class BadInput : public ::testing::TestWithParam<fs::path> {};

TEST_P(BadInput, FailsWithExactMessageAndWritesNothing) {
  const fs::path dir = GetParam();
  const fs::path out = fs::temp_directory_path() / ("gongwen-bad-" + std::to_string(getpid()) + "-" + dir.filename().string());
  fs::remove_all(out);
  std::string args = trim_end(read(dir / "args"));
  for (size_t p; (p = args.find("OUT")) != std::string::npos;) args.replace(p, 3, out.string());
  const std::string cmd = "cd '" + dir.string() + "' && '" + GONGWEN_CLI + "' " + args + " 2>&1 >/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) output.append(buf.data(), n);
  const int status = pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0) << output;
  EXPECT_EQ(trim_end(output), trim_end(read(dir / "expected"))) << "case " << dir.filename();
  size_t files = 0;
  if (fs::exists(out))
    for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(out)) ++files;
  EXPECT_EQ(files, 0u) << "partial output left in " << out;
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInput, ::testing::ValuesIn(cases()),
                         [](const auto& info) {
                           std::string n = info.param.filename().string();
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });
}  // namespace
