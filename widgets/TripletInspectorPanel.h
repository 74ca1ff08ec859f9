// The triplet inspector's list: the anchor, its positives, and each sampler's negatives with
// their class and distance. Shown over the embedding map while a point is inspected.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/TripletInspection.h"

#include <QFrame>
#include <array>
#include <vector>

class QLabel;

class TripletInspectorPanel : public QFrame {
    Q_OBJECT
public:
    explicit TripletInspectorPanel(QWidget* parent = nullptr);

    // labels: the class of every displayed point (the rows the inspection refers to).
    void setInspection(const sme::TripletInspection& inspection, const std::vector<int>& labels);
    void clear();

    // What is shown, for tests: the anchor line, and one line per sampler (by SamplerKind).
    QString anchorText() const;
    QString samplerText(sme::SamplerKind kind) const;

signals:
    void closeRequested();

private:
    QLabel* anchor_;
    std::array<QLabel*, 4> samplers_{};
};
