// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/PresetAnimation.h"

#include <QTimer>

PresetAnimation::PresetAnimation(std::function<sme::ExplorerParameters()> current,
                                 std::function<void(const sme::ExplorerParameters&)> apply, QObject* parent)
    : QObject(parent)
    , current_(std::move(current))
    , apply_(std::move(apply))
    , timer_(new QTimer(this))
{
    connect(timer_, &QTimer::timeout, this, &PresetAnimation::advance);
}

void PresetAnimation::start(const Preset& preset)
{
    stop();
    if (preset.animateParameter.isEmpty() || preset.animateValues.size() < 2)
        return;
    parameter_ = preset.animateParameter;
    values_ = preset.animateValues;
    index_ = -1;
    running_ = true;
    paused_ = false;
    advance();
    timer_->start(preset.animateIntervalMs);
}

void PresetAnimation::stop()
{
    timer_->stop();
    if (!running_)
        return;
    running_ = false;
    emit changed();
}

bool PresetAnimation::isRunning() const
{
    return running_;
}

void PresetAnimation::setPaused(bool paused)
{
    if (!running_ || paused == paused_)
        return;
    paused_ = paused;
    if (paused)
        timer_->stop();
    else
        timer_->start(); // the whole interval before the next value
    emit changed();
}

void PresetAnimation::stepForward()
{
    if (!running_)
        return;
    advance();
    if (!paused_)
        timer_->start(); // the value stepped to is shown a whole interval
}

void PresetAnimation::advance()
{
    index_ = (index_ + 1) % int(values_.size());
    // Values were checked when the preset was read, so withParameter cannot refuse them here.
    apply_(withParameter(current_(), parameter_, values_.at(index_)));
    emit changed();
}
