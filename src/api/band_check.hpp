#pragma once
// [check] score bands: a conclusion that contradicts its score, wherever the pair sits in a
// record — the record itself, or any object in its lists (a table packed into one record).
#include <string>
#include <vector>

#include <gongwen/gongwen.hpp>

#include <nlohmann/json.hpp>

#include "layout/layout.hpp"

namespace gongwen {

/// Adds one problem per contradiction ("data.json: record 1: projects[2].conclusion: '差'
/// contradicts score 81.87 (band from 80: '良好')") and returns how many there were. Scores may
/// be numbers or text holding a number (CSV).
size_t check_bands(const Layout& layout, const nlohmann::json& record, const std::string& data_name, size_t index,
                   std::vector<Problem>& out);

}  // namespace gongwen
