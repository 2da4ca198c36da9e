// PageFlow: records placed one at a time, each with its tables measured just before and the
// measurements dropped right after (what a combined batch does), give the document paginate()
// lays out in one go, and the PDF writer's moved-document path gives the same bytes.
#include <gtest/gtest.h>

#include "flow/compose.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "test_support.hpp"

namespace gongwen {
namespace {

using nlohmann::json;

TEST(FlowPageFlow, RecordByRecordWithReleasedMeasurementsEqualsPaginate) {
  const auto layout = load_layout(test::source_dir() / "layouts/perf-eval-result.toml", test::fonts());
  json data = test::example_records();
  json records = json::array();
  for (size_t i = 0; i < 9; ++i) records.push_back(data["records"][i % data["records"].size()]);
  data["records"] = records;
  DocumentInput in;
  in.document = &data["document"];
  for (size_t i = 0; i < data["records"].size(); ++i) {
    in.records.push_back(&data["records"][i]);
    in.indices.push_back(i + 1);
  }
  in.data_name = "records.json";
  in.creation_time = creation_time(*layout);
  const BoundDocument bound = bind_document(*layout, in);
  const Document whole = paginate(*layout, bound, 2);

  MeasureCache window;
  PageFlow flow(*layout, bound, &window, true);
  for (size_t i = 0; i < bound.records.size(); ++i) {
    for (const auto& block : bound.records[i].blocks)
      if (auto* t = std::get_if<BoundTable>(&block))
        window.emplace(t, measure_table(*t, layout->page.type_width(), {in.data_name, bound.records[i].index}));
    flow.add(bound.records[i]);
    window.clear();
  }
  Document piecewise = flow.finish();
  ASSERT_GT(whole.pages.size(), 5u);
  EXPECT_EQ(dump(piecewise), dump(whole));
  const std::string pdf = render_pdf(whole, 2);
  EXPECT_EQ(render_pdf(std::move(piecewise), 1), pdf);
}

}  // namespace
}  // namespace gongwen
