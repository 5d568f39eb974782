// The research run's compile-time pipeline (integrity → … → models), built and run in its own
// translation unit: the stages' Eigen model code is the expensive part to compile, and keeping it
// apart lets research_compute.cpp (orchestration, evaluation) and it build in parallel.
#ifndef EMBARGO_TOOLS_RESEARCH_STAGES_HPP
#define EMBARGO_TOOLS_RESEARCH_STAGES_HPP

#include <string_view>
#include <vector>

#include <embargo/pipeline/research.hpp>

#include "research_run.hpp"

namespace embargo::cli {

/// The stage names in order (for --dry-run's plan).
std::vector<std::string_view> research_stage_names();

/// Runs every stage on one symbol.
void run_research_stages(const research_config& cfg, symbol_research& r);

}  // namespace embargo::cli

#endif
