// A preset's animation: one parameter stepped through its values on a timer, in a loop, until
// stopped (another preset, a touched control, the lesson's banner closed, Esc). It can be
// paused, resumed and stepped by hand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/io/Presets.h"

#include <QObject>
#include <functional>

class QTimer;

class PresetAnimation : public QObject {
    Q_OBJECT
public:
    // apply sets the explorer's parameters; current reads them.
    PresetAnimation(std::function<sme::ExplorerParameters()> current,
                    std::function<void(const sme::ExplorerParameters&)> apply, QObject* parent = nullptr);

    // Starts at the preset's first value (a preset without animation only stops the current one).
    void start(const Preset& preset);
    void stop();
    bool isRunning() const; // started, not stopped: playing or paused
    bool isPaused() const { return isRunning() && paused_; }
    void setPaused(bool paused);
    // The next value now (when paused: the way to go through them by hand).
    void stepForward();
    // The value shown, 0-based, and how many there are.
    int position() const { return index_; }
    int count() const { return int(values_.size()); }

signals:
    // After every change: a new value, a pause or resume, a stop.
    void changed();

private:
    void advance();

    std::function<sme::ExplorerParameters()> current_;
    std::function<void(const sme::ExplorerParameters&)> apply_;
    QTimer* timer_;
    QString parameter_;
    QJsonArray values_;
    int index_ = -1;
    bool running_ = false;
    bool paused_ = false;
};
