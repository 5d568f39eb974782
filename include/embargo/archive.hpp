// embargo: umbrella header for archive/ (training archive, histories, manifest, reports, the HTML
// tear sheet, the JSON forms of summaries and assessments). Needs nlohmann-json, so embargo.hpp
// leaves it out.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_HPP
#define EMBARGO_ARCHIVE_HPP

#include <embargo/archive/file_lock.hpp>
#include <embargo/archive/gate_json.hpp>
#include <embargo/archive/html_report.hpp>
#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/manifest.hpp>
#include <embargo/archive/model_summary.hpp>
#include <embargo/archive/monitoring.hpp>
#include <embargo/archive/report.hpp>
#include <embargo/archive/run_documents.hpp>
#include <embargo/archive/tear_sheet_charts.hpp>
#include <embargo/archive/training_archive.hpp>

#endif
