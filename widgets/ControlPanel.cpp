// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ControlPanel.h"

#include "model/data/FashionMnist.h"
#include "model/figures/ParameterSchema.h"
#include "widgets/LossLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>

namespace {

using Parameters = sme::ExplorerParameters;

const double speeds[] = {0.0, 1.0, 5.0, 20.0, 100.0};

// The data sets built in, by name, in the order of the data set box; a file and "Open file…" follow.
const char* const builtInDataSets[] = {"synthetic", "digits", "fashion-mnist"};
constexpr int builtInDataSetCount = int(std::size(builtInDataSets));
constexpr int fileItem = builtInDataSetCount; // when a file was chosen

// A box over the schema's range for the field, named after its JSON key (tst_parameters finds it so).
QDoubleSpinBox* doubleBox(const sme::ParameterMember& member, double step, int decimals, const QString& tip)
{
    const sme::ParameterField& field = sme::parameterField(member);
    auto* box = new QDoubleSpinBox;
    box->setObjectName(QLatin1String(field.key));
    box->setRange(field.minimum, field.maximum);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

QSpinBox* intBox(const sme::ParameterMember& member, const QString& tip)
{
    const sme::ParameterField& field = sme::parameterField(member);
    auto* box = new QSpinBox;
    box->setObjectName(QLatin1String(field.key));
    box->setRange(int(field.minimum), int(field.maximum));
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

// "none" or up to maximumLength widths of as many digits as the largest width has.
QRegularExpression widthListPattern(const sme::ParameterField& field)
{
    const QString width = QStringLiteral("\\d{1,%1}").arg(QString::number(int(field.maximum)).size());
    return QRegularExpression(QStringLiteral("^(none|%1(,%1){0,%2})$").arg(width).arg(field.maximumLength - 1));
}

// Whether the field would refuse character typed after its text (or in place of it).
bool refuses(QObject* field, const QString& character)
{
    const auto refused = [&](auto validate) {
        for (QString candidate : {field->property("text").toString() + character, character}) {
            int position = int(candidate.size());
            if (validate(candidate, position) != QValidator::Invalid)
                return false;
        }
        return true;
    };
    if (auto* box = qobject_cast<QAbstractSpinBox*>(field))
        return refused([box](QString& text, int& position) { return box->validate(text, position); });
    if (auto* edit = qobject_cast<QLineEdit*>(field); edit && edit->validator())
        return refused([edit](QString& text, int& position) { return edit->validator()->validate(text, position); });
    return false;
}

bool isSingleKeyShortcut(const QKeyEvent& key)
{
    return key.modifiers() == Qt::NoModifier
           && (key.key() == Qt::Key_N || key.key() == Qt::Key_R || key.key() == Qt::Key_Space);
}

QFormLayout* form(QGroupBox* group)
{
    auto* layout = new QFormLayout(group);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return layout;
}

} // namespace

ControlPanel::ControlPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(geometryGroup());
    layout->addWidget(samplingGroup());
    layout->addWidget(lossGroup());
    layout->addWidget(dataGroup());
    layout->addWidget(runGroup());
    layout->addStretch(1);
    setParameters(sme::ExplorerParameters{});
    for (QAbstractSpinBox* box : findChildren<QAbstractSpinBox*>())
        box->installEventFilter(this);
    hidden_->installEventFilter(this);
}

bool ControlPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool escape = key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier;
    if (event->type() == QEvent::ShortcutOverride) {
        if (escape) { // the field's: it leaves the field, and a second Esc is the window's
            event->accept();
            return true;
        }
        if (isSingleKeyShortcut(*key) && refuses(watched, key->text())) {
            event->ignore(); // not the field's: the shortcut takes it
            return true;
        }
        return false;
    }
    if (escape) {
        emit fieldLeft();
        return true;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) // after the field took its value
        QMetaObject::invokeMethod(this, &ControlPanel::fieldLeft, Qt::QueuedConnection);
    return false;
}

int ControlPanel::dimensionForSlider(int position)
{
    return int(std::lround(std::pow(2.0, 1.0 + 11.0 * position / 1000.0)));
}

int ControlPanel::sliderForDimension(int dimension)
{
    return int(std::lround((std::log2(double(std::max(2, dimension))) - 1.0) * 1000.0 / 11.0));
}

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

void ControlPanel::emitChange()
{
    if (!quiet_)
        emit parametersChanged(parameters());
}

sme::ExplorerParameters ControlPanel::parameters() const
{
    sme::ExplorerParameters p;
    p.dimension = dimension_->value();
    p.gradientNoise = gradientNoise_->value();
    p.monteCarloPoints = monteCarloPoints_->value();
    p.sampler = sme::SamplerKind(sampler_->currentData().toInt());
    p.cutoff = cutoff_->value();
    p.nonzeroLossCutoff = nonzeroLossCutoff_->value();
    p.loss = sme::LossKind(loss_->currentData().toInt());
    p.alpha = alpha_->value();
    p.beta0 = beta0_->value();
    p.learnClassBeta = learnClassBeta_->isChecked();
    p.learnImageBeta = learnImageBeta_->isChecked();
    p.nu = nu_->value();
    const int data = dataset_->currentIndex();
    p.dataset = data < builtInDataSetCount ? builtInDataSets[data] : dataFile_.toStdString();
    p.syntheticNoise = syntheticNoise_->value();
    p.labelNoise = labelNoise_->value();
    p.batchClasses = batchClasses_->value();
    p.batchK = batchK_->value();
    p.hidden.clear();
    if (hidden_->text() != QLatin1String("none"))
        for (const QString& part : hidden_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            p.hidden.push_back(part.toInt());
    p.learningRate = learningRate_->value();
    p.seed = std::uint64_t(seed_->value());
    p.stepsPerSecond = speeds[std::max(0, speed_->currentIndex())];
    p.stopAfter = stopAfter_->value();
    return p;
}

void ControlPanel::setParameters(const sme::ExplorerParameters& p)
{
    quiet_ = true;
    dimension_->setValue(p.dimension);
    dimensionSlider_->setValue(sliderForDimension(p.dimension));
    gradientNoise_->setValue(p.gradientNoise);
    monteCarloPoints_->setValue(p.monteCarloPoints);
    sampler_->setCurrentIndex(sampler_->findData(int(p.sampler)));
    cutoff_->setValue(p.cutoff);
    nonzeroLossCutoff_->setValue(p.nonzeroLossCutoff);
    loss_->setCurrentIndex(loss_->findData(int(p.loss)));
    alpha_->setValue(p.alpha);
    beta0_->setValue(p.beta0);
    learnClassBeta_->setChecked(p.learnClassBeta);
    learnImageBeta_->setChecked(p.learnImageBeta);
    nu_->setValue(p.nu);
    const auto builtIn = std::find(std::begin(builtInDataSets), std::end(builtInDataSets), p.dataset);
    if (builtIn != std::end(builtInDataSets))
        dataset_->setCurrentIndex(int(builtIn - std::begin(builtInDataSets)));
    else
        setDataFile(QString::fromStdString(p.dataset));
    showDataSetLimits();
    syntheticNoise_->setValue(p.syntheticNoise);
    labelNoise_->setValue(p.labelNoise);
    batchClasses_->setValue(p.batchClasses);
    batchK_->setValue(p.batchK);
    QStringList widths;
    for (int w : p.hidden)
        widths << QString::number(w);
    hidden_->setText(widths.isEmpty() ? QStringLiteral("none") : widths.join(QLatin1Char(',')));
    learningRate_->setValue(p.learningRate);
    seed_->setValue(int(std::min<std::uint64_t>(p.seed, std::uint64_t(seed_->maximum()))));
    int speed = 0;
    for (int i = 0; i < int(std::size(speeds)); ++i)
        if (speeds[i] == p.stepsPerSecond)
            speed = i;
    speed_->setCurrentIndex(speed);
    stopAfter_->setValue(int(std::min<long>(p.stopAfter, stopAfter_->maximum())));
    quiet_ = false;
}

void ControlPanel::setDataFile(const QString& path)
{
    dataFile_ = path;
    const bool quiet = quiet_;
    quiet_ = true;
    while (dataset_->count() > builtInDataSetCount + 1)
        dataset_->removeItem(fileItem);
    dataset_->insertItem(fileItem, QFileInfo(path).fileName());
    dataset_->setItemData(fileItem, path, Qt::ToolTipRole);
    dataset_->setCurrentIndex(fileItem);
    quiet_ = quiet;
}

// Fashion-MNIST is offered when Debian's package (or $SME_FASHION_MNIST_DIR) has it; else its
// entry stays, disabled, and says how to install it.
void ControlPanel::offerFashionMnist()
{
    const int item = int(std::find(std::begin(builtInDataSets), std::end(builtInDataSets),
                                   std::string_view("fashion-mnist")) - std::begin(builtInDataSets));
    const bool installed = sme::fashionMnistInstalled();
    if (auto* items = qobject_cast<QStandardItemModel*>(dataset_->model()))
        items->item(item)->setEnabled(installed);
    const QString tip = installed
        ? tr("Zalando's Fashion-MNIST: 60,000 clothing images of 28\u00d7" "28 pixels in 10 classes; T-shirt/top to "
             "Coat train, Sandal to Ankle boot are held out. Scores are taken on a sample of the held-out images.")
        : tr("Not available: %1").arg(QString::fromStdString(sme::fashionMnistMissingMessage()));
    dataset_->setItemData(item, tip, Qt::ToolTipRole);
    dataset_->setItemData(item, tip, Qt::WhatsThisRole);
}

void ControlPanel::showDataSetLimits()
{
    const bool synthetic = dataset_->currentIndex() == 0;
    syntheticNoise_->setEnabled(synthetic);
    syntheticNoise_->setToolTip(synthetic ? tr("Synthetic data: how strongly nuisance variation "
                                               "shared by all classes hides them (0 = clean).")
                                          : tr("Only the synthetic clusters have nuisance variation: it has no "
                                               "effect on this data set."));
}

void ControlPanel::setRunning(bool running)
{
    play_->setText(running ? tr("Pause") : tr("Play"));
    step_->setEnabled(!running);
}
