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

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
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
    animation_->start(*preset);
    disconnect(lessonEnd_); // the last lesson's: it goes now, and must not stop this one
    banner_->showMessage(QStringLiteral("<b>%1.</b> %2").arg(preset->title.toHtmlEscaped(), preset->lookFor.toHtmlEscaped()),
                         MessageBanner::Kind::Information, animation_->isRunning() ? lessonControls() : nullptr);
    if (animation_->isRunning()) // closing the lesson ends its animation (an error shown over it does not)
        lessonEnd_ = connect(banner_, &MessageBanner::accessoryGone, animation_, &PresetAnimation::stop,
                             Qt::SingleShotConnection);
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

QWidget* MainWindow::lessonControls()
{
    auto* controls = new QWidget;
    auto* layout = new QHBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* where = new QLabel;
    where->setObjectName(QStringLiteral("lessonPosition"));
    auto* pause = new QToolButton;
    pause->setObjectName(QStringLiteral("lessonPause"));
    auto* next = new QToolButton;
    next->setObjectName(QStringLiteral("lessonNext"));
    next->setText(tr("Next"));
    next->setToolTip(tr("Show the lesson's next value now"));
    for (QWidget* widget : std::initializer_list<QWidget*>{pause, next, where})
        layout->addWidget(widget);
    const auto update = [this, where, pause, next] {
        where->setText(animation_->isRunning()
                           ? tr("%1 of %2").arg(animation_->position() + 1).arg(animation_->count())
                           : tr("stopped"));
        pause->setText(animation_->isPaused() ? tr("Resume") : tr("Pause"));
        pause->setToolTip(animation_->isPaused() ? tr("Go on stepping through the lesson's values")
                                                 : tr("Stay at this value"));
        pause->setEnabled(animation_->isRunning());
        next->setEnabled(animation_->isRunning());
    };
    update();
    connect(animation_, &PresetAnimation::changed, controls, update);
    connect(pause, &QToolButton::clicked, animation_, [this] { animation_->setPaused(!animation_->isPaused()); });
    connect(next, &QToolButton::clicked, animation_, &PresetAnimation::stepForward);
    return controls;
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
