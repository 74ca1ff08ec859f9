// The main window's presets and start page.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/PresetAnimation.h"
#include "app/gui/StartPage.h"
#include "app/control/RaceController.h"
#include "app/gui/RaceWindow.h"
#include "app/control/TrainingController.h"
#include "widgets/MessageBanner.h"
#include "widgets/ViewGrid.h"

#include <QSettings>
#include <QTimer>
#include <algorithm>

bool MainWindow::applyPreset(const QString& id)
{
    const auto preset = std::find_if(presets_.begin(), presets_.end(), [&](const Preset& p) { return p.id == id; });
    if (preset == presets_.end())
        return false;
    animation_->stop();
    controller_->pause();
    applyParameters(presetParameters(*preset));
    controller_->setStepsPerSecond(parameters_.stepsPerSecond);
    controller_->setStopAfter(parameters_.stopAfter);
    controller_->reset(); // a preset starts its run from step 0
    grid_->focusView(preset->view);
    banner_->showMessage(QStringLiteral("<b>%1.</b> %2").arg(preset->title.toHtmlEscaped(), preset->lookFor.toHtmlEscaped()),
                         MessageBanner::Kind::Information);
    animation_->start(*preset);
    if (preset->train)
        controller_->start();
    if (preset->open == sme::ViewId::SamplerRace) {
        emit raceRequested();
        openRace()->race()->start();
    }
    return true;
}

void MainWindow::showStartPage()
{
    StartPage page(presets_, QSettings().value(QStringLiteral("showStartPage"), true).toBool(), this);
    connect(&page, &StartPage::presetChosen, this, [this](const QString& id) { applyPreset(id); });
    page.exec();
    QSettings().setValue(QStringLiteral("showStartPage"), page.showAtStart());
}

void MainWindow::showStartPageIfWanted()
{
    if (QSettings().value(QStringLiteral("showStartPage"), true).toBool())
        QTimer::singleShot(0, this, &MainWindow::showStartPage);
}
