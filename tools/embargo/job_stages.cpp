// The research job's standard stages (integrity to splits), compiled here and not in
// job_runner.cpp, so that the two build in parallel (research/job.hpp declares
// standard_stages<>() for exactly this split).
#include <embargo/research/stages.hpp>

template std::vector<embargo::research::named_stage> embargo::research::standard_stages<>(const embargo::research::research_options&);
