// The main window's presets and start page.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/PresetAnimation.h"
#include "app/control/RaceController.h"
#include "app/control/TrainingController.h"
#include "app/gui/RaceWindow.h"
#include "app/gui/Settings.h"
#include "app/gui/StartPage.h"
#include "widgets/MessageBanner.h"
#include "widgets/ViewGrid.h"

#include <QTimer>
#include <algorithm>

bool MainWindow::applyPreset(const QString& id)
{
    const auto preset = std::find_if(presets_.begin(), presets_.end(), [&](const Preset& p) { return p.id == id; });
    if (preset == presets_.end())
        return false;
    animation_->stop();
    controller()->pause();
    applyParameters(presetParameters(*preset));
    controller()->setStepsPerSecond(parameters().stepsPerSecond);
    controller()->setStopAfter(parameters().stopAfter);
    controller()->reset(); // a preset starts its run from step 0
    grid_->focusView(preset->view);
    banner_->showMessage(QStringLiteral("<b>%1.</b> %2").arg(preset->title.toHtmlEscaped(), preset->lookFor.toHtmlEscaped()),
                         MessageBanner::Kind::Information);
    animation_->start(*preset);
    if (preset->train)
        controller()->start();
    if (preset->open == sme::ViewId::SamplerRace) {
        emit raceRequested();
        RaceController* race = openRace()->race();
        race->setStopAfter(parameters().stopAfter); // the race runs as long as the lesson says
        race->start();
    }
    return true;
}

void MainWindow::showStartPage()
{
    StartPage page(presets_, settings::showStartPage(), this);
    connect(&page, &StartPage::presetChosen, this, [this](const QString& id) { applyPreset(id); });
    page.exec();
    settings::setShowStartPage(page.showAtStart());
}

void MainWindow::showStartPageIfWanted()
{
    if (settings::showStartPage())
        QTimer::singleShot(0, this, &MainWindow::showStartPage);
}
