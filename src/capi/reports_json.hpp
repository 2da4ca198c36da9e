#pragma once
// The C API's structured results as JSON (the shapes docs/embedding.md documents), and the
// option objects read from JSON.
#include <gongwen/gongwen.hpp>

#include <nlohmann/json.hpp>

namespace gongwen::capi {

nlohmann::json to_json(const ErrorLocation& where);
nlohmann::json to_json(const CheckResult& result);
nlohmann::json to_json(const FontReport& report);
nlohmann::json to_json(const BatchResult& result);

/// {"encoding", "sheet", "list_separator", "list_fields", "number_fields", "document"}; unknown
/// keys are refused (Error(Usage)).
DataFormatOptions data_options_from_json(const nlohmann::json& j);
/// {"data", "out_dir", "formats", "split", "name", "jobs", "shard", "shards", "keep_going",
///  "skip_existing", "dump", "data_options"}; unknown keys are refused (Error(Usage)).
BatchOptions batch_options_from_json(const nlohmann::json& j);

}  // namespace gongwen::capi
