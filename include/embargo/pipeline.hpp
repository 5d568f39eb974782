// embargo: umbrella header of pipeline/ (compile-time pipelines, the executor, progress).
#ifndef EMBARGO_PIPELINE_HPP
#define EMBARGO_PIPELINE_HPP

#include <embargo/pipeline/consensus_stage.hpp>
#include <embargo/pipeline/executor.hpp>
#include <embargo/pipeline/pipeline.hpp>
#include <embargo/pipeline/progress.hpp>
#include <embargo/pipeline/research.hpp>

#endif
