// embargo: umbrella header for report/, the SVG plotting module (scales with nice ticks, axes,
// lines, areas, bars, heatmaps, spans, legends) that every chart of the reports is drawn with.
// Header-only, standard library only.
#ifndef EMBARGO_REPORT_HPP
#define EMBARGO_REPORT_HPP

#include <embargo/report/svg_bars.hpp>
#include <embargo/report/svg_canvas.hpp>
#include <embargo/report/svg_heatmap.hpp>
#include <embargo/report/svg_legend.hpp>
#include <embargo/report/svg_line.hpp>
#include <embargo/report/svg_plot.hpp>
#include <embargo/report/svg_scale.hpp>
#include <embargo/report/svg_spans.hpp>
#include <embargo/report/svg_text.hpp>

#endif
