// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/DataCommand.h"

#include "app/cli/CommandOptions.h"
#include "app/cli/HeadlessCommand.h"
#include "model/base/Error.h"
#include "model/figures/FigureData.h"
#include "model/geometry/SphereGeometry.h"

#include <map>

namespace {

const char* const description = R"(Writes the numbers behind a figure as CSV with a header row.

NAME and its columns:
  density            d,exact,gaussian_limit,monte_carlo
                     exact q(d) of distances between uniform points on the sphere, its
                     Gaussian limit N(sqrt 2, 1/(2n)), and the normalised histogram of the
                     pairwise distances of --samples uniform points at the bin holding d
                     (empty with --samples 0). d runs over the bin centres of (0, 2).
  gradient-variance  d,variance
                     total variance of the unit direction (h+z)/||h+z||, ||h|| = d,
                     z ~ N(0, sigma^2 I_n), over --trials draws, d from 0 to 2.
  sampled-distances  d,uniform,hard,semi_hard,distance_weighted
                     normalised histograms of the distances of the negatives each sampler
                     picks, all four on the same idealised batches (--classes centres
                     uniform on the sphere, --per-class points each). With --per-class 1
                     every other point is a negative and semi_hard is empty.
  losses             d,contrastive_pos,contrastive_neg,triplet_squared_pos,
                     triplet_squared_neg,triplet_pos,triplet_neg,margin_pos,margin_neg
                     each loss against the distance of a positive and of a negative pair.
                     The triplet losses hold the other distance at --hold (default: beta):
                     the _pos curves use D_an = hold, the _neg curves D_ap = hold.

Options that do not belong to NAME are refused. -o - writes to standard output.)";

struct Spec {
    QStringList options;
};

const std::map<QString, Spec>& specs()
{
    static const std::map<QString, Spec> table{
        {"density", {{"dim", "samples", "bins", "seed"}}},
        {"gradient-variance", {{"dim", "noise", "trials", "points", "seed"}}},
        {"sampled-distances",
         {{"dim", "classes", "per-class", "spread", "batches", "lambda", "nonzero-loss-cutoff",
           "bins", "seed"}}},
        {"losses", {{"alpha", "beta", "hold", "points"}}},
    };
    return table;
}

sme::Table computeTable(const QString& name, const CommandOptions& options)
{
    if (name == "density") {
        sme::DensitySettings s;
        s.dimension = options.integer("dim", s.dimension);
        s.samples = options.integer("samples", s.samples);
        s.bins = options.integer("bins", s.bins);
        s.seed = options.seed(s.seed);
        return sme::toTable(sme::densityFigure(s));
    }
    if (name == "gradient-variance") {
        sme::GradientNoiseSettings s;
        s.dimension = options.integer("dim", s.dimension);
        s.noise = options.real("noise", s.noise);
        s.trials = options.integer("trials", s.trials);
        s.gridPoints = options.integer("points", s.gridPoints);
        return sme::toTable(sme::gradientVarianceFigure(s, options.seed(1)));
    }
    if (name == "sampled-distances") {
        sme::SampledDistancesSettings s;
        s.batch.dimension = options.integer("dim", s.batch.dimension);
        s.batch.classes = options.integer("classes", s.batch.classes);
        s.batch.perClass = options.integer("per-class", s.batch.perClass);
        s.batch.spread = options.real("spread", s.batch.spread);
        s.batches = options.integer("batches", s.batches);
        s.cutoff = options.real("lambda", s.cutoff);
        s.nonzeroLossCutoff = options.real("nonzero-loss-cutoff", s.nonzeroLossCutoff);
        s.bins = options.integer("bins", s.bins);
        s.seed = options.seed(s.seed);
        return sme::toTable(sme::sampledDistancesFigure(s));
    }
    // losses
    const double alpha = options.real("alpha", 0.2);
    const double beta = options.real("beta", 1.2);
    const double hold = options.real("hold", beta);
    return sme::toTable(sme::lossCurves(alpha, beta, hold, options.integer("points", 201)));
}

void addDataOptions(CommandOptions& options)
{
    addOutputOption(options);
    addDimensionOption(options, sme::SphereDistanceLaw::maxDimension);
    options.add("samples", "Uniform points for the Monte Carlo histogram, 0 for none (default 1000).", "M");
    options.add("bins", "Histogram bins over [0, 2] (density 200, sampled-distances 100).", "B");
    addSeedOption(options);
    options.add("noise", "Noise level sigma >= 0 (default 0.1).", "SIGMA");
    options.add("trials", "Monte Carlo draws of the noise (default 1000).", "T");
    options.add("points", "Points of the distance grid (gradient-variance 101, losses 201).", "P");
    options.add("classes", "Classes per idealised batch (default 12).", "C");
    options.add("per-class", "Points per class (default 5; 1 = no class structure).", "K");
    options.add("spread", "Within-class spread around each centre (default 2).", "X");
    options.add("batches", "Idealised batches drawn (default 20).", "B");
    options.add("lambda", "Distance weighted: clip distances below this (default 0.5).", "L");
    options.add("nonzero-loss-cutoff", "Distance weighted: weight 0 at and beyond (default 1.4).", "D");
    options.add("alpha", "Margin alpha (default 0.2).", "A");
    options.add("beta", "Margin loss boundary beta (default 1.2).", "B");
    options.add("hold", "Triplet curves: the other distance, held fixed (default: beta).", "D");
}

int runData(const CommandOptions& options, const QStringList& positional)
{
    if (positional.size() != 1)
        throw sme::Error("give exactly one NAME (density, gradient-variance, sampled-distances, "
                         "losses); see --help");
    const QString name = positional[0];
    const auto spec = specs().find(name);
    if (spec == specs().end())
        throw sme::Error(("unknown name '" + name
                          + "' (expected density, gradient-variance, sampled-distances or losses)")
                             .toStdString());
    options.refuseAllBut(spec->second.options + QStringList{"output"}, name);
    const QString output = options.text("output");
    if (output.isEmpty())
        throw sme::Error("missing -o FILE (use -o - for standard output)");
    return writeTable("data", output, computeTable(name, options));
}

} // namespace

int runDataCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"data", QString::fromUtf8(description), "NAME", addDataOptions, runData},
                              arguments);
}
