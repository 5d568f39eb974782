// embargo: the research job (research/): configuration declared once (options, validation, its
// JSON form and hash), the standard stages, model kinds, evaluation, the job itself and the
// archive of its results. Needs the JSON companion (embargo::json) for config_json and archive_run.
// embargo-requires: json
#ifndef EMBARGO_RESEARCH_HPP
#define EMBARGO_RESEARCH_HPP

#include <embargo/research/archive_run.hpp>
#include <embargo/research/config_json.hpp>
#include <embargo/research/evaluation.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/models.hpp>
#include <embargo/research/options.hpp>
#include <embargo/research/stages.hpp>
#include <embargo/research/validate.hpp>

#endif
