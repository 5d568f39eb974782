// The research job's standard model kinds, compiled here and not in job_runner.cpp: their Eigen
// solvers are most of the job's compile time, and two translation units build in parallel
// (research/job.hpp declares standard_catalog<>() for exactly this split).
#include <embargo/research/models.hpp>

template embargo::research::model_catalog embargo::research::standard_catalog<>();
