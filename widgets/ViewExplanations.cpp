// The explanations of the views: one table of translatable texts, and their rich-text page.
// SPDX-License-Identifier: GPL-3.0-or-later
// The texts are UTF-8 (Greek letters, maths symbols) so that they read as they will be shown;
// the formulas follow model/PAPER.md section by section and what the views draw.
#include "widgets/ViewExplanations.h"

#include <QCoreApplication>

namespace {

constexpr char context[] = "ViewExplanations";

struct Source {
    const char* title;
    const char* text;
    const char* formula;
    const char* controls;
};

// Indexed by sme::ViewId.
constexpr std::array<Source, sme::allViews.size()> sources{{
    // PAPER.md §1.
    {QT_TRANSLATE_NOOP("ViewExplanations", "Distances between random points on the sphere"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The solid curve is the exact density q(d) of the distance between two points "
                       "drawn uniformly on the unit sphere of the n-dimensional embedding space; the "
                       "dashed curve is its Gaussian limit and the grey steps a histogram of the "
                       "distances between random points. In high dimension almost every pair lies near √2, so negatives picked "
                       "uniformly are almost never close to the anchor."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "<i>q</i>(<i>d</i>) = <i>C<sub>n</sub></i> <i>d</i><sup><i>n</i>−2</sup> "
                       "(1 − <i>d</i><sup>2</sup>/4)<sup>(<i>n</i>−3)/2</sup>, &nbsp;0 &lt; <i>d</i> &lt; 2<br>"
                       "<i>C<sub>n</sub></i> = Γ(<i>n</i>/2) / (√π Γ((<i>n</i>−1)/2))<br>"
                       "Gaussian limit: <i>N</i>(√2, 1/(2<i>n</i>)); &nbsp;E[<i>d</i><sup>2</sup>] = 2"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "A larger dimension n narrows the peak around √2 (its variance is about 1/(2n)); "
                       "at n = 3 the density is the straight line d/2. More Monte Carlo points make the "
                       "histogram follow q more closely. The vertical lines are λ and the non-zero-loss "
                       "cutoff of distance weighted sampling; View › Logarithmic density axis shows the "
                       "tails.")},
    // PAPER.md §2.
    {QT_TRANSLATE_NOOP("ViewExplanations", "How noisy a negative's gradient is"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The gradient of a negative pair points along h, the difference between the "
                       "anchor's and the negative's embeddings. Real embeddings are noisy: with noise z added, the curve "
                       "is the total variance of the unit direction (h + z)/‖h + z‖ at each distance d, "
                       "estimated by Monte Carlo. Close pairs, the hard negatives, get almost random "
                       "directions: the variance approaches 1."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Var(<i>d</i>) = tr Cov[ (<b>h</b> + <b>z</b>) / ‖<b>h</b> + <b>z</b>‖ ], "
                       "&nbsp;‖<b>h</b>‖ = <i>d</i>, &nbsp;<b>z</b> ~ <i>N</i>(0, σ<sup>2</sup> <i>I<sub>n</sub></i>)<br>"
                       "Var(<i>d</i>) → 1 as <i>d</i> → 0; &nbsp;Var(<i>d</i>) ≈ (<i>n</i>−1) σ<sup>2</sup> / <i>d</i><sup>2</sup> "
                       "for <i>d</i> ≫ σ√<i>n</i>"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The gradient noise σ sets the bold curve (the faded ones are other σ for "
                       "comparison): more noise, or a larger dimension n, moves the noisy region to "
                       "larger distances.")},
    // PAPER.md §3.
    {QT_TRANSLATE_NOOP("ViewExplanations", "Where each sampler's negatives lie"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Histograms of the anchor–negative distance of the negatives each sampler picks "
                       "on the same batches: idealised classes on the sphere, or the live model's last "
                       "batch. Uniform piles up near √2, hard negative takes the closest ones, and "
                       "distance weighted spreads its picks evenly over the distances the batch offers, "
                       "up to the non-zero-loss cutoff."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "<i>N<sub>a</sub></i>: the negatives of anchor <i>a</i> in the batch "
                       "(other classes); <i>p</i> a positive<br>"
                       "uniform: Pr(<i>n</i> | <i>a</i>) = 1 / |<i>N<sub>a</sub></i>|<br>"
                       "hard negative: <i>n</i>* = argmin <i>D<sub>an</sub></i> over <i>n</i> ∈ <i>N<sub>a</sub></i><br>"
                       "semi-hard: <i>n</i>* = argmin <i>D<sub>an</sub></i> over <i>n</i> ∈ <i>N<sub>a</sub></i> "
                       "with <i>D<sub>an</sub></i> &gt; <i>D<sub>ap</sub></i><br>"
                       "distance weighted: Pr(<i>n</i> | <i>a</i>) ∝ <i>q</i>(max(<i>D<sub>an</sub></i>, λ))<sup>−1</sup> "
                       "if <i>D<sub>an</sub></i> &lt; cutoff, else 0"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "λ caps the weight of pairs closer than λ at q(λ)⁻¹, so the noisy closest pairs "
                       "are not over-sampled; the non-zero-loss cutoff drops pairs too far to carry any "
                       "loss. The dimension n changes q, the batch shape P × K the pool of negatives. "
                       "The View menu shows the samplers overlaid or side by side, on idealised batches "
                       "or on the live model.")},
    // PAPER.md §4.
    {QT_TRANSLATE_NOOP("ViewExplanations", "The losses against the pair distance"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Each loss of one pair as its distance D runs from 0 to 2: solid for a positive "
                       "pair, dashed for a negative one; the triplet losses hold the other distance at β. "
                       "Contrastive pulls every positive pair to distance 0, while the margin loss only "
                       "asks positives to come within β − α and negatives to stay beyond β + α."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "contrastive: <i>y</i> <i>D</i><sup>2</sup> + (1 − <i>y</i>) [α − <i>D</i>]<sub>+</sub><sup>2</sup><br>"
                       "triplet, squared: [<i>D<sub>ap</sub></i><sup>2</sup> − <i>D<sub>an</sub></i><sup>2</sup> + α]<sub>+</sub><br>"
                       "triplet: [<i>D<sub>ap</sub></i> − <i>D<sub>an</sub></i> + α]<sub>+</sub><br>"
                       "margin: [α + <i>y</i>′ (<i>D</i> − β)]<sub>+</sub>, &nbsp;<i>y</i>′ = +1 positive, −1 negative<br>"
                       "β = β<sub>0</sub> + β<sub>class</sub> + β<sub>image</sub>; &nbsp;[<i>x</i>]<sub>+</sub> = max(0, <i>x</i>); "
                       "<i>y</i> = 1 for a positive pair, 0 for a negative"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Drag the β line or a margin line (β ± α) in the chart, or set α and β₀ in the "
                       "controls: the curves follow. The loss chosen in the controls is the one the "
                       "model trains with; β₀ is only where the margin loss's boundary starts, it is "
                       "learned from there.")},
    // The training curves (TrainingCurvesView).
    {QT_TRANSLATE_NOOP("ViewExplanations", "Training: loss, active share and β"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The batch loss at every step, raw (faint) and smoothed; the share of loss terms "
                       "that are non-zero, the ones that still teach the model something; and the mean "
                       "β of the margin loss, raw (faint) and smoothed, read on the right-hand axis. "
                       "The faded curves are the previous run."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "smoothed <i>y</i><sub><i>t</i></sub> = <i>s</i><sub><i>t</i></sub> / "
                       "(1 − 0.98<sup><i>t</i></sup>), &nbsp;<i>s</i><sub><i>t</i></sub> = "
                       "0.98 <i>s</i><sub><i>t</i>−1</sub> + 0.02 <i>x</i><sub><i>t</i></sub> "
                       "(a time constant of 50 steps)<br>"
                       "active share = share of the batch's loss terms &gt; 0<br>"
                       "mean β = mean over the batch's pairs of β<sub>0</sub> + β<sub>class</sub>(<i>c</i>(<i>i</i>)), the margin loss's learned boundary"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Play, step and reset drive the run. Sampler, loss, α, β₀ and the learning rate "
                       "change it as it runs; the data, dimension, hidden layers, batch shape, cutoffs and "
                       "seed start a new run, and the old one stays faded behind.")},
    // PAPER.md "Retrieval metrics".
    {QT_TRANSLATE_NOOP("ViewExplanations", "Retrieval on unseen classes"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "How well the embedding retrieves classes held out from training, which the model "
                       "never sees: Recall@1, 2, 4 and 8, NMI and MAP@R, each with its colour, dashes and "
                       "marker, and the spread of the embeddings. The faded curves are the previous run."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Recall@<i>K</i> = share of queries with a point of their class among their "
                       "<i>K</i> nearest neighbours<br>"
                       "NMI = 2 <i>I</i>(<i>Y</i>; <i>C</i>) / (<i>H</i>(<i>Y</i>) + <i>H</i>(<i>C</i>)), "
                       "<i>Y</i> the classes, <i>C</i> the <i>k</i>-means clusters<br>"
                       "MAP@<i>R</i> = mean over queries of (1/<i>R</i>) Σ<sub><i>i</i>=1…<i>R</i></sub> "
                       "<i>P</i>(<i>i</i>) rel(<i>i</i>), <i>R</i> = other members of the query's class<br>"
                       "points at equal distances count in a random order (their expected score), so a "
                       "model that maps everything to one point scores chance<br>"
                       "spread (dashed) = √(mean ‖<b>x</b><sub><i>i</i></sub> − <b>x</b><sub><i>j</i></sub>‖²) / √2: "
                       "1 for points spread like uniform ones on the sphere; below 0.1 the model has collapsed"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The scores are measured every E steps on the held-out classes while the run goes "
                       "on. The axis fits the curves; right-click the chart for scores from 0 to 1.")},
    // The map (model/Projection.h) and the triplet inspector.
    {QT_TRANSLATE_NOOP("ViewExplanations", "The held-out embeddings, in two dimensions"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Each point is an example of a held-out class, embedded by the current network "
                       "and coloured by class; from n = 4 on it is projected on the first two "
                       "principal components, so distances on the map only approximate the n-dimensional ones. "
                       "Click a point to see its batch, its positives and the negative each sampler "
                       "would pick for it, with the true distances."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "PCA: <b>x</b> ↦ (<b>v</b><sub>1</sub><sup>T</sup>(<b>x</b> − <b>m</b>), "
                       "<b>v</b><sub>2</sub><sup>T</sup>(<b>x</b> − <b>m</b>)), &nbsp;<b>m</b> the mean, "
                       "<b>v</b><sub>1</sub>, <b>v</b><sub>2</sub> the leading eigenvectors of "
                       "<i>S</i> = (1/<i>N</i>) Σ<sub><i>i</i></sub> (<b>x</b><sub><i>i</i></sub> − <b>m</b>)"
                       "(<b>x</b><sub><i>i</i></sub> − <b>m</b>)<sup>T</sup><br>"
                       "variance kept: (μ<sub>1</sub> + μ<sub>2</sub>) / tr <i>S</i>, &nbsp;μ<sub>1</sub> ≥ μ<sub>2</sub> "
                       "the largest eigenvalues of <i>S</i><br>"
                       "inspector: <i>D<sub>an</sub></i> = ‖<i>f</i>(<i>x<sub>a</sub></i>) − "
                       "<i>f</i>(<i>x<sub>n</sub></i>)‖ in all <i>n</i> dimensions"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The map is redrawn at every evaluation while training, so the classes can be "
                       "seen pulling apart. At n = 2 the points are shown as they are, at n = 3 the "
                       "sphere is seen along (1, 1, 1). The inspector's batch follows P, K and the "
                       "seed; Esc or a click on empty space ends it.")},
    // The sampler race, built elsewhere: kept general until that view settles.
    {QT_TRANSLATE_NOOP("ViewExplanations", "The sampler race"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The same network, loss and data, trained once with each of the four samplers "
                       "from the same starting weights, side by side. The curves show how fast each "
                       "one learns to retrieve the held-out classes, so the effect of the sampler alone "
                       "can be seen."),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "Recall@1 = share of queries whose nearest neighbour is of their class<br>"
                       "distance weighted: Pr(<i>n</i> | <i>a</i>) ∝ <i>q</i>(max(<i>D<sub>an</sub></i>, λ))<sup>−1</sup>; "
                       "hard: argmin <i>D<sub>an</sub></i>; semi-hard: argmin <i>D<sub>an</sub></i> with "
                       "<i>D<sub>an</sub></i> &gt; <i>D<sub>ap</sub></i>; uniform: 1/|<i>N<sub>a</sub></i>|"),
     QT_TRANSLATE_NOOP("ViewExplanations",
                       "The loss, its α and β₀, the learning rate, the batch shape and the seed apply to "
                       "every racer alike; only the sampler differs. With the triplet loss, hard "
                       "negatives can collapse their model while the others keep learning.")},
}};

QString translated(const char* source)
{
    return QCoreApplication::translate(context, source);
}

} // namespace

ViewExplanation viewExplanation(sme::ViewId view)
{
    const Source& source = sources[std::size_t(view)];
    return {translated(source.title), translated(source.text), translated(source.formula),
            translated(source.controls)};
}

QString explanationHtml(const ViewExplanation& explanation)
{
    // The formula set apart: a tinted block in a serif face, lines a little apart.
    return QStringLiteral("<h3 style=\"margin-top:0\">%1</h3><p>%2</p>"
                          "<table width=\"100%\" cellpadding=\"6\" bgcolor=\"#f3f5f8\"><tr><td>"
                          "<span style=\"font-family:serif; font-size:large; line-height:140%\">%3</span>"
                          "</td></tr></table><p><b>%4</b> %5</p>")
        .arg(explanation.title.toHtmlEscaped(), explanation.text.toHtmlEscaped(), explanation.formula,
             // A literal context, not `context`: lupdate reads only literals.
             QCoreApplication::translate("ViewExplanations", "When you move the controls:"),
             explanation.controls.toHtmlEscaped());
}
