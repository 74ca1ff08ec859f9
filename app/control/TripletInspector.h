// The triplet inspector's controller: runs the model's inspection for the point clicked on the
// embedding map, on the latest held-out embeddings, and hands the result on for the map to draw.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/sampling/TripletInspection.h"

#include <Eigen/Core>
#include <QObject>
#include <functional>
#include <memory>
#include <vector>

class TripletInspector : public QObject {
    Q_OBJECT
public:
    // parameters: the explorer's, read at each inspection (P, K, the cutoffs, the seed); every
    // change of those restarts the model, which sends new embeddings, so they are always current.
    explicit TripletInspector(std::function<sme::ExplorerParameters()> parameters, QObject* parent = nullptr);

    // The points the map shows; the inspected point, if any, is inspected again on them.
    void setHeldOut(std::shared_ptr<const Eigen::MatrixXf> embeddings,
                    std::shared_ptr<const std::vector<int>> labels);
    // Inspects a row of the held-out points; -1 stops.
    void inspect(int row);
    // The map stopped showing the inspection (the user closed it).
    void forget() { anchor_ = -1; }
    // The inspection could not be shown: stops, with a message.
    void refuse(const QString& why);
    int anchor() const { return anchor_; }

signals:
    void inspected(const sme::TripletInspection& inspection);
    void cleared();
    void failed(const QString& message);

private:
    std::function<sme::ExplorerParameters()> parameters_;
    std::shared_ptr<const Eigen::MatrixXf> embeddings_;
    std::shared_ptr<const std::vector<int>> labels_;
    int anchor_ = -1;
};
