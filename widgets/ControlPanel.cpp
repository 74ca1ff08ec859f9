// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ControlPanel.h"

#include "widgets/ControlPanelParts.h"

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

using namespace controlpanel;

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
