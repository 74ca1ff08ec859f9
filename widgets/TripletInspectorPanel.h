// The triplet inspector's list: the anchor, its positives, and each sampler's negatives with
// their class and distance, and the points several samplers picked alike. Shown over the
// embedding map while a point is inspected; it can be dragged aside.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/TripletInspection.h"

#include <QFrame>
#include <array>
#include <map>
#include <string>
#include <vector>

class QLabel;

class TripletInspectorPanel : public QFrame {
    Q_OBJECT
public:
    explicit TripletInspectorPanel(QWidget* parent = nullptr);

    // labels: the class of every displayed point (the rows the inspection refers to);
    // classNames: what the data set calls them (classLabel), empty when it names none.
    void setInspection(const sme::TripletInspection& inspection, const std::vector<int>& labels,
                       const std::map<int, std::string>& classNames = {});
    void clear();

    // What is shown, for tests: the anchor line, and one line per sampler (by SamplerKind).
    QString anchorText() const;
    QString samplerText(sme::SamplerKind kind) const;
    // "hard negative = semi-hard = distance weighted: 0.950, class 75" (or "..., Sandal"), a line per point that
    // more than one sampler picked; empty when none did.
    QString sharedText() const;
    // Dragged by the user: the map leaves it where it was put until the inspection ends.
    bool movedByHand() const { return movedByHand_; }

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

signals:
    void closeRequested();

private:
    QLabel* anchor_;
    std::array<QLabel*, 4> samplers_{};
    QLabel* shared_;
    QPoint grabbedAt_; // where in the panel the drag holds it
    bool movedByHand_ = false;
};
