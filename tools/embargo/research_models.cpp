// The one instantiation of the research run's model stages (see research_models.hpp).
#include "research_models.hpp"

template struct embargo::model_stage<embargo::cli::logit>;
template struct embargo::model_stage<embargo::cli::stacked>;
