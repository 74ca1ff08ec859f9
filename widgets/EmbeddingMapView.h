// The map of the held-out embeddings: a 2-D projection (model/Projection.h), one colour a class.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/ChartPanel.h"

#include <Eigen/Core>
#include <vector>

class QScatterSeries;

class EmbeddingMapView : public ChartPanel {
    Q_OBJECT
public:
    explicit EmbeddingMapView(QWidget* parent = nullptr);

    // Beyond this many classes the legend would crowd the map out: the title counts them.
    static constexpr int maxLegendClasses = 12;
    static constexpr qreal markerSize = 6.0;

    // Shows sme::projectForMap of the embeddings (one row per example), one scatter series per
    // class, classes in ascending label order coloured classColor(0), classColor(1), ...
    // The series are kept while the set of classes stays the same. Throws sme::Error (and
    // changes nothing) when labels do not match the rows or the projection refuses the data.
    void setEmbeddings(const Eigen::MatrixXf& embeddings, const std::vector<int>& labels);

    int classSeriesCount() const { return int(series_.size()); }
    // The series of the index-th class in ascending label order, and the labels in that order.
    const QScatterSeries* classSeries(int index) const;
    const std::vector<int>& classLabels() const { return classLabels_; }
    // How the map was made, e.g. "PCA, 63% of variance (n = 128)".
    QString methodText() const { return method_; }

private:
    void replaceSeries(const std::vector<int>& classLabels);
    // Axes centred on 0 with the same scale on both (a circle stays round): the shorter side
    // of the plot area spans [-radius, radius], the longer one proportionally more.
    void updateAxes();

    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    std::vector<int> classLabels_;
    std::vector<QScatterSeries*> series_;
    double radius_ = 1.0; // grows at once, shrinks only when the data uses less than half
    double aspect_ = 0.0; // plot area width / height the axes were last set for
    QString method_;
};
