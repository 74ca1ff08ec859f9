// The start page: the presets as large buttons with what each one shows, for a first start and
// for a class.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/io/Presets.h"

#include <QDialog>

class QCheckBox;

class StartPage : public QDialog {
    Q_OBJECT
public:
    StartPage(const std::vector<Preset>& presets, bool showAtStart, QWidget* parent = nullptr);

    bool showAtStart() const;

signals:
    void presetChosen(const QString& id);

private:
    QCheckBox* showBox_;
};
