// embargo: the model lifecycle: model files (save, load, predict bit-identically), the export of
// each run's candidates, the registry of aliases with its transition log and backups, the
// decision log, and predicting on new bars. Needs the JSON companion (target embargo::json).
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_HPP
#define EMBARGO_LIFECYCLE_HPP

#include <embargo/lifecycle/decision_log.hpp>
#include <embargo/lifecycle/model_codec.hpp>
#include <embargo/lifecycle/model_export.hpp>
#include <embargo/lifecycle/model_file.hpp>
#include <embargo/lifecycle/monitor.hpp>
#include <embargo/lifecycle/observability.hpp>
#include <embargo/lifecycle/predict.hpp>
#include <embargo/lifecycle/registry.hpp>
#include <embargo/lifecycle/scoring.hpp>

#endif
