// Renders DATA with LAYOUT through gongwen's C++ API into OUT.pdf; then checks a copy of the data
// with record 2's budget spoiled, expecting the problem at record 2, field budget_wan.
#include <gongwen/gongwen.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: consumer_cpp LAYOUT DATA.json OUT.pdf\n";
    return 2;
  }
  try {
    std::ifstream in(argv[2], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json data = nlohmann::json::parse(text.str());
    const gongwen::Renderer r(argv[1]);
    std::ofstream out(argv[3], std::ios::binary);
    r.render_pdf(data, out);
    out.close();
    data["records"][1]["budget_wan"] = "abc";
    const gongwen::CheckResult c = r.check(data, "data.json");
    if (c.errors() != 1 || c.problems[0].where.record != 2 || c.problems[0].where.field != "budget_wan") {
      std::cerr << "consumer_cpp: unexpected check result (" << c.errors() << " errors)\n";
      return 1;
    }
    try {
      r.render_pdf(data, "data.json");
      std::cerr << "consumer_cpp: bad data rendered\n";
      return 1;
    } catch (const gongwen::Error& e) {
      std::cout << "caught: record " << e.record() << " field " << e.field() << "\n";
    }
    std::cout << "gongwen " << gongwen::version() << ": C++ API ok\n";
    return 0;
  } catch (const gongwen::Error& e) {
    std::cerr << "consumer_cpp: " << e.what() << "\n";
    return 1;
  }
}
