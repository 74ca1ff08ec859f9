// Runs the model's triplet inspection for the map's clicked point on the latest embeddings.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TripletInspector.h"

#include "app/io/ModelMessages.h"
#include "model/base/Error.h"

#include <optional>

TripletInspector::TripletInspector(std::function<sme::ExplorerParameters()> parameters, QObject* parent)
    : QObject(parent)
    , parameters_(std::move(parameters))
{
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
        emit cleared();
        return;
    }
    const sme::ExplorerParameters parameters = parameters_();
    sme::InspectionSettings settings;
    settings.batchClasses = parameters.batchClasses;
    settings.batchK = parameters.batchK;
    settings.cutoff = parameters.cutoff;
    settings.nonzeroLossCutoff = parameters.nonzeroLossCutoff;
    settings.seed = parameters.seed;
    std::optional<sme::TripletInspection> inspection;
    try {
        inspection = sme::inspectTriplets(embeddings_->cast<double>(), *labels_, row, settings);
    } catch (const sme::Error& e) {
        refuse(errorText(e));
        return;
    }
    emit inspected(*inspection);
}

void TripletInspector::refuse(const QString& why)
{
    anchor_ = -1;
    emit cleared();
    emit failed(tr("Cannot inspect the point: %1").arg(why));
}
