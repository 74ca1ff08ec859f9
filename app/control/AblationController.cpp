// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/AblationController.h"
#include "app/io/ModelMessages.h"

#include <QMetaObject>
#include <exception>
#include <utility>

AblationController::AblationController(QObject* parent)
    : QObject(parent)
{
}

AblationController::~AblationController()
{
    cancelRequested_ = true;
    if (worker_.joinable())
        worker_.join();
}

bool AblationController::start(sme::DataSplit data, const sme::TrainerSettings& base, long steps, int seeds)
{
    if (running_)
        return false;
    if (worker_.joinable())
        worker_.join(); // the last grid's thread, done with its last signal
    running_ = true;
    cancelRequested_ = false;
    result_ = {};
    emit started(int(sme::ablationCellCount) * seeds);
    worker_ = std::thread([this, data = std::move(data), base, steps, seeds] { run(data, base, steps, seeds); });
    return true;
}

void AblationController::cancel()
{
    cancelRequested_ = true;
}

void AblationController::run(const sme::DataSplit& data, const sme::TrainerSettings& base, long steps, int seeds)
{
    sme::AblationControl control;
    control.cancelled = [this] { return cancelRequested_.load(); };
    control.progress = [this](std::size_t done, std::size_t total) {
        toGui([this, done, total] { emit progressChanged(int(done), int(total)); });
    };
    control.cellFinished = [this](std::size_t index, const sme::AblationCell& cell) {
        toGui([this, index, cell] {
            result_.cells.push_back(cell);
            emit cellFinished(int(index), cell);
        });
    };
    try {
        sme::AblationResult result = sme::runAblation(data, base, steps, seeds, control);
        toGui([this, result = std::move(result)] {
            result_ = result;
            running_ = false;
            emit finished(result_.cancelled);
        });
    } catch (const std::exception& e) {
        toGui([this, message = errorText(e)] {
            running_ = false;
            emit failed(message);
        });
    }
}

void AblationController::toGui(std::function<void()> emitSignal)
{
    std::lock_guard lock(mutex_);
    outbox_.push_back(std::move(emitSignal));
    if (outbox_.size() == 1) // else a delivery is on its way already
        QMetaObject::invokeMethod(this, "deliverOutbox", Qt::QueuedConnection);
}

void AblationController::deliverOutbox()
{
    std::vector<std::function<void()>> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(outbox_);
    }
    for (const auto& emitSignal : batch)
        emitSignal();
}
