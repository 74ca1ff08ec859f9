// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/WorkProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <algorithm>
#include <cmath>

namespace {
constexpr int barSteps = 1000;
}

WorkProgress::WorkProgress(QWidget* parent)
    : QWidget(parent)
    , label_(new QLabel)
    , bar_(new QProgressBar)
    , cancel_(new QPushButton(tr("Cancel")))
    , delay_(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    bar_->setRange(0, barSteps);
    bar_->setFixedWidth(140);
    cancel_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    bar_->setTextVisible(false);
    delay_->setSingleShot(true);
    delay_->setInterval(showDelayMs);
    connect(delay_, &QTimer::timeout, this, [this] { setVisible(underWay_); });
    connect(cancel_, &QPushButton::clicked, this, &WorkProgress::cancelRequested);
    hide();
}

void WorkProgress::start(const QString& text)
{
    label_->setText(text);
    bar_->setValue(0);
    underWay_ = true;
    if (!isVisible())
        delay_->start();
}

void WorkProgress::setProgress(double done)
{
    bar_->setValue(int(std::lround(std::clamp(done, 0.0, 1.0) * barSteps)));
}

double WorkProgress::progress() const
{
    return double(bar_->value()) / barSteps;
}

void WorkProgress::finish()
{
    underWay_ = false;
    delay_->stop();
    hide();
}
