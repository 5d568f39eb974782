// embargo gate: classifies the models of a training summary (APPROVED / REVIEW / DROP) with
// the seed's v2.4.1 gate and overfitting detector; with --archive, also archives the run.
#include "cli.hpp"

#include <embargo/archive.hpp>
#include <embargo/gates.hpp>
#include <embargo/version.hpp>

namespace embargo::cli {
namespace {

struct gate_args {
  std::string summary, config, archive, out;
};

void run_gate(const gate_args& a) {
  const nlohmann::json raw = read_json_file(a.summary);
  const std::vector<model_summary> models = parse_summary(raw, a.summary);
  seed_gate::thresholds_type thresholds;
  overfitting_options overfitting;
  if (!a.config.empty()) apply_gate_config(read_json_file(a.config), thresholds, overfitting, a.config);
  try {
    (void)seed_gate(thresholds, overfitting);
    (void)overfitting_detector(overfitting);
  } catch (const invalid_argument& e) {
    throw data_error(a.config + ": " + e.what());
  }
  // The effective configuration, hashed so the index can tell runs gated differently apart.
  nlohmann::json effective;
  thresholds.for_each([&](std::string_view metric, const tier_thresholds& t) {
    effective["thresholds"][std::string(metric)] = {{"approved", t.approved}, {"review", t.review}};
  });
  effective["overfitting"] = {{"decline_threshold", overfitting.decline_threshold},
                              {"oscillation_threshold", overfitting.oscillation_threshold}};

  run_record run;
  nlohmann::json assessments = nlohmann::json::array();
  for (const auto& m : models) {
    overfitting_options o = overfitting;
    o.validation_interval = m.validation_interval;
    const seed_gate gate(thresholds, o);
    assessed_model am{m, gate.assess(m.metrics, m.fitness_history)};
    assessments.push_back(assessment_to_json(m.symbol, am.result, !m.fitness_history.empty()));
    run.models.push_back(std::move(am));
  }
  if (a.archive.empty()) {
    emit(dump(assessments), a.out);
    return;
  }
  run.summary = raw;
  run.config_hash = content_hash(effective.dump());
  run_manifest manifest;
  if (auto m = raw.find("manifest"); m != raw.end()) manifest = manifest_from_json(*m, a.summary + ": manifest");
  if (manifest.version.empty()) manifest.version = std::string("embargo ") + version_string;
  manifest.config_hash = run.config_hash;
  manifest.extra["gate_config"] = effective;
  run.manifest = manifest;
  const std::string id = training_archive(a.archive).write_run(run);
  emit(dump({{"timestamp", id}, {"archive", a.archive}, {"models", assessments}}), a.out);
}

void add_gate(CLI::App& app) {
  auto a = std::make_shared<gate_args>();
  auto* cmd = app.add_subcommand("gate", "Classify a training summary's models APPROVED / REVIEW / DROP, with checkpoint advice");
  cmd->add_option("--summary", a->summary, "Training summary JSON ({\"models\": [{\"symbol\", \"fitness\", ...}]})")->required();
  cmd->add_option("--config", a->config, "Gate thresholds JSON (ours or the seed's ModelGatingConfig names)");
  cmd->add_option("--archive", a->archive, "Archive folder: also archive the run and print its timestamp");
  cmd->add_option("--out", a->out, "Write the JSON here instead of stdout");
  cmd->callback([a] { run_gate(*a); });
}

[[maybe_unused]] const bool registered = register_command("gate", add_gate);

}  // namespace
}  // namespace embargo::cli
