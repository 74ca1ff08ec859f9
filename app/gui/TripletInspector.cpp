// Runs the model's triplet inspection for the map's clicked point on the latest embeddings.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/TripletInspector.h"

#include "model/base/Error.h"
#include "model/sampling/TripletInspection.h"
#include "widgets/EmbeddingMapView.h"

TripletInspector::TripletInspector(EmbeddingMapView* map, const sme::ExplorerParameters& parameters,
                                   QObject* parent)
    : QObject(parent)
    , map_(map)
    , parameters_(parameters)
{
    connect(map_, &EmbeddingMapView::pointClicked, this, &TripletInspector::inspect);
    connect(map_, &EmbeddingMapView::inspectionCleared, this, [this] { anchor_ = -1; });
}

void TripletInspector::setHeldOut(std::shared_ptr<const Eigen::MatrixXf> embeddings,
                                  std::shared_ptr<const std::vector<int>> labels)
{
    embeddings_ = std::move(embeddings);
    labels_ = std::move(labels);
    if (anchor_ >= 0)
        inspect(anchor_);
}

void TripletInspector::inspect(int row)
{
    anchor_ = row;
    if (row < 0 || !embeddings_ || !labels_ || row >= embeddings_->rows()) {
        anchor_ = -1;
        map_->clearInspection();
        return;
    }
    sme::InspectionSettings settings;
    settings.batchClasses = parameters_.batchClasses;
    settings.batchK = parameters_.batchK;
    settings.cutoff = parameters_.cutoff;
    settings.nonzeroLossCutoff = parameters_.nonzeroLossCutoff;
    settings.seed = parameters_.seed;
    try {
        map_->setInspection(sme::inspectTriplets(embeddings_->cast<double>(), *labels_, row, settings));
    } catch (const sme::Error& e) {
        anchor_ = -1;
        map_->clearInspection();
        emit failed(tr("Cannot inspect the point: %1").arg(QString::fromStdString(e.what())));
    }
}
