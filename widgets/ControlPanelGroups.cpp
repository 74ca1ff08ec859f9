// The control panel's groups of controls: geometry, sampling, loss, data, run.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ControlPanel.h"

#include "widgets/ControlPanelParts.h"
#include "widgets/LossLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSlider>
#include <QVBoxLayout>

using namespace controlpanel;

QWidget* ControlPanel::geometryGroup()
{
    auto* group = new QGroupBox(tr("Geometry"));
    auto* layout = form(group);
    dimension_ = intBox(&Parameters::dimension,
        tr("Embedding dimension n: the embeddings live on the unit sphere "
           "S^(n-1). Distances concentrate near \u221A" "2 as n grows."));
    dimensionSlider_ = new QSlider(Qt::Horizontal);
    dimensionSlider_->setRange(0, 1000);
    dimensionSlider_->setToolTip(tr("Embedding dimension n on a logarithmic scale, 2 to 4096."));
    auto* row = new QHBoxLayout;
    row->addWidget(dimensionSlider_, 1);
    row->addWidget(dimension_);
    layout->addRow(tr("Dimension n"), row);
    connect(dimensionSlider_, &QSlider::valueChanged, this, [this](int position) {
        if (quiet_)
            return;
        const QSignalBlocker blocker(dimension_);
        dimension_->setValue(dimensionForSlider(position));
        if (dimensionSlider_->isSliderDown())
            emit parametersChanging(parameters());
        else
            emitChange();
    });
    connect(dimensionSlider_, &QSlider::sliderReleased, this, &ControlPanel::emitChange);
    connect(dimension_, &QSpinBox::valueChanged, this, [this](int n) {
        if (quiet_)
            return;
        const QSignalBlocker blocker(dimensionSlider_);
        dimensionSlider_->setValue(sliderForDimension(n));
        emitChange();
    });
    gradientNoise_ = doubleBox(&Parameters::gradientNoise, 0.01, 3,
        tr("Noise level \u03C3 of the embeddings: the gradient "
           "direction of a negative at distance d is "
           "(h + z)/||h + z||, z ~ N(0, \u03C3\u00B2 I)."));
    layout->addRow(tr("Noise \u03C3"), gradientNoise_);
    monteCarloPoints_ = intBox(&Parameters::monteCarloPoints,
        tr("Uniform random points whose pairwise distances make the "
           "density histogram (0 hides it)."));
    monteCarloPoints_->setSingleStep(100);
    layout->addRow(tr("Monte Carlo points"), monteCarloPoints_);
    connect(gradientNoise_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitChange);
    connect(monteCarloPoints_, &QSpinBox::valueChanged, this, &ControlPanel::emitChange);
    return group;
}

QWidget* ControlPanel::samplingGroup()
{
    auto* group = new QGroupBox(tr("Sampling"));
    auto* layout = form(group);
    sampler_ = new QComboBox;
    const std::pair<sme::SamplerKind, QString> samplers[] = {{sme::SamplerKind::Uniform, tr("Uniform")},
                                                              {sme::SamplerKind::HardNegative, tr("Hard negative")},
                                                              {sme::SamplerKind::SemiHard, tr("Semi-hard")},
                                                              {sme::SamplerKind::DistanceWeighted, tr("Distance weighted")}};
    for (const auto& [kind, label] : samplers)
        sampler_->addItem(label, int(kind));
    sampler_->setToolTip(tr("How each anchor's negative is chosen from the batch."));
    layout->addRow(tr("Sampler"), sampler_);
    cutoff_ = doubleBox(&Parameters::cutoff, 0.05, 2,
        tr("\u03BB: distance weighted sampling clips distances "
           "below this, capping the weight of very close, noisy pairs."));
    layout->addRow(tr("Cutoff \u03BB"), cutoff_);
    nonzeroLossCutoff_ = doubleBox(&Parameters::nonzeroLossCutoff, 0.05, 2,
        tr("Negatives at this distance or farther carry "
           "no loss and are never drawn (\u03B2 + \u03B1 "
           "of the margin loss)."));
    layout->addRow(tr("Non-zero-loss cutoff"), nonzeroLossCutoff_);
    connect(sampler_, &QComboBox::currentIndexChanged, this, &ControlPanel::emitChange);
    connect(cutoff_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitChange);
    connect(nonzeroLossCutoff_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitChange);
    return group;
}

QWidget* ControlPanel::lossGroup()
{
    auto* group = new QGroupBox(tr("Loss"));
    auto* layout = form(group);
    loss_ = new QComboBox;
    for (sme::LossKind kind : sme::allLossKinds)
        loss_->addItem(lossChoiceLabel(kind), int(kind));
    loss_->setToolTip(tr("The loss the model trains with."));
    layout->addRow(tr("Loss"), loss_);
    alpha_ = doubleBox(&Parameters::alpha, 0.05, 2, tr("\u03B1: the margin of separation."));
    layout->addRow(tr("Margin \u03B1"), alpha_);
    beta0_ = doubleBox(&Parameters::beta0, 0.05, 2,
        tr("\u03B2\u2080: the initial boundary between positive and "
           "negative pairs of the margin loss."));
    layout->addRow(tr("Boundary \u03B2\u2080"), beta0_);
    learnClassBeta_ = new QCheckBox(tr("per class"));
    learnClassBeta_->setToolTip(tr("Learn a \u03B2 offset for every class (resets the model)."));
    learnImageBeta_ = new QCheckBox(tr("per image"));
    learnImageBeta_->setToolTip(tr("Learn a \u03B2 offset for every training image (resets the model)."));
    auto* parts = new QHBoxLayout;
    parts->addWidget(learnClassBeta_);
    parts->addWidget(learnImageBeta_);
    layout->addRow(tr("Learn \u03B2"), parts);
    nu_ = doubleBox(&Parameters::nu, 0.01, 3,
        tr("\u03BD: weight of the \u03B2 regulariser \u03BD \u03B2 in the objective."));
    layout->addRow(tr("Regulariser \u03BD"), nu_);
    connect(loss_, &QComboBox::currentIndexChanged, this, &ControlPanel::emitChange);
    for (QDoubleSpinBox* box : {alpha_, beta0_, nu_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitChange);
    for (QCheckBox* box : {learnClassBeta_, learnImageBeta_})
        connect(box, &QCheckBox::toggled, this, &ControlPanel::emitChange);
    return group;
}

QWidget* ControlPanel::dataGroup()
{
    auto* group = new QGroupBox(tr("Data and model"));
    auto* layout = form(group);
    dataset_ = new QComboBox;
    dataset_->setObjectName(QStringLiteral("dataset"));
    dataset_->addItems({tr("Synthetic clusters"), tr("Handwritten digits"), tr("Fashion-MNIST (60,000 images)")});
    dataset_->addItem(tr("Open file\u2026"));
    dataset_->setToolTip(tr("What the model trains on; half the classes are held out for retrieval."));
    offerFashionMnist();
    layout->addRow(tr("Data set"), dataset_);
    syntheticNoise_ = doubleBox(&Parameters::syntheticNoise, 0.1, 2, QString()); // showDataSetLimits
    layout->addRow(tr("Nuisance level"), syntheticNoise_);
    labelNoise_ = doubleBox(&Parameters::labelNoise, 0.05, 2,
        tr("Share of training labels replaced by another class (0 = clean). Hard negative "
           "mining picks the mislabeled points first."));
    layout->addRow(tr("Label noise"), labelNoise_);
    batchClasses_ = intBox(&Parameters::batchClasses, tr("P: classes per batch."));
    batchK_ = intBox(&Parameters::batchK, tr("K: examples per class in a batch."));
    auto* batch = new QHBoxLayout;
    batch->addWidget(batchClasses_);
    batch->addWidget(batchK_);
    layout->addRow(tr("Batch P \u00D7 K"), batch);
    const sme::ParameterField& hiddenField = sme::parameterField(&Parameters::hidden);
    hidden_ = new QLineEdit;
    hidden_->setObjectName(QLatin1String(hiddenField.key));
    hidden_->setValidator(new QRegularExpressionValidator(widthListPattern(hiddenField), hidden_));
    hidden_->setToolTip(tr("Hidden layer widths, comma separated (e.g. 256,256), or none."));
    layout->addRow(tr("Hidden layers"), hidden_);
    learningRate_ = doubleBox(&Parameters::learningRate, 1e-4, 6,
        tr("Adam's learning rate (applied at the next step)."));
    layout->addRow(tr("Learning rate"), learningRate_);
    seed_ = intBox(&Parameters::seed, tr("Seed of the weights, batches and sampling."));
    layout->addRow(tr("Seed"), seed_);
    connect(dataset_, &QComboBox::activated, this, [this](int index) {
        if (index == dataset_->count() - 1)
            emit openFileRequested();
        else
            emitChange();
        showDataSetLimits();
    });
    for (QDoubleSpinBox* box : {syntheticNoise_, labelNoise_, learningRate_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitChange);
    for (QSpinBox* box : {batchClasses_, batchK_, seed_})
        connect(box, &QSpinBox::valueChanged, this, &ControlPanel::emitChange);
    connect(hidden_, &QLineEdit::editingFinished, this, &ControlPanel::emitChange);
    return group;
}

QWidget* ControlPanel::runGroup()
{
    auto* group = new QGroupBox(tr("Run"));
    auto* layout = form(group);
    play_ = new QPushButton(tr("Play"));
    play_->setToolTip(tr("Start or pause training (Space)."));
    step_ = new QPushButton(tr("Step"));
    step_->setToolTip(tr("One training step (N or Right)."));
    reset_ = new QPushButton(tr("Reset"));
    reset_->setToolTip(tr("Back to step 0 with the seed's initial weights (R)."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(play_);
    buttons->addWidget(step_);
    buttons->addWidget(reset_);
    layout->addRow(buttons);
    speed_ = new QComboBox;
    speed_->addItems({tr("As fast as possible"), tr("1 step/s"), tr("5 steps/s"), tr("20 steps/s"),
                      tr("100 steps/s")});
    speed_->setToolTip(tr("Training speed."));
    layout->addRow(tr("Speed"), speed_);
    stopAfter_ = intBox(&Parameters::stopAfter, tr("Pause by itself after this many steps (0 = never)."));
    stopAfter_->setSingleStep(500);
    stopAfter_->setSpecialValueText(tr("never"));
    layout->addRow(tr("Stop after"), stopAfter_);
    connect(play_, &QPushButton::clicked, this, &ControlPanel::playPauseClicked);
    connect(step_, &QPushButton::clicked, this, &ControlPanel::stepClicked);
    connect(reset_, &QPushButton::clicked, this, &ControlPanel::resetClicked);
    connect(speed_, &QComboBox::currentIndexChanged, this, &ControlPanel::emitChange);
    connect(stopAfter_, &QSpinBox::valueChanged, this, &ControlPanel::emitChange);
    return group;
}
