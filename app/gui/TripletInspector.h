// The app's side of the triplet inspector: runs the model's inspection for the point clicked on
// the embedding map, on the latest held-out embeddings, and hands the result to the map.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"

#include <Eigen/Core>
#include <QObject>
#include <memory>
#include <vector>

class EmbeddingMapView;

class TripletInspector : public QObject {
    Q_OBJECT
public:
    // parameters: the window's, read at each inspection (P, K, the cutoffs, the seed); every
    // change of those restarts the model, which sends new embeddings, so they are always current.
    TripletInspector(EmbeddingMapView* map, const sme::ExplorerParameters& parameters,
                     QObject* parent = nullptr);

    // The points the map shows; the inspected point, if any, is inspected again on them.
    void setHeldOut(std::shared_ptr<const Eigen::MatrixXf> embeddings,
                    std::shared_ptr<const std::vector<int>> labels);
    // Inspects a row of the held-out points; -1 stops.
    void inspect(int row);
    int anchor() const { return anchor_; }

signals:
    void failed(const QString& message);

private:
    EmbeddingMapView* map_;
    const sme::ExplorerParameters& parameters_;
    std::shared_ptr<const Eigen::MatrixXf> embeddings_;
    std::shared_ptr<const std::vector<int>> labels_;
    int anchor_ = -1;
};
