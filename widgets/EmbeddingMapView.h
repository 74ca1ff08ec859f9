// The map of the held-out embeddings: a 2-D projection (model/Projection.h), one colour a class;
// a clicked point can be inspected (its batch, positives and each sampler's negatives drawn).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/TripletInspection.h"
#include "widgets/ChartPanel.h"

#include <Eigen/Core>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

class QLineSeries;
class QScatterSeries;
class TripletInspectorPanel;

class EmbeddingMapView : public ChartPanel {
    Q_OBJECT
public:
    explicit EmbeddingMapView(QWidget* parent = nullptr);

    // Beyond this many classes the legend would crowd the map out: the title counts them.
    static constexpr int maxLegendClasses = 12;
    static constexpr qreal markerSize = 6.0;

    // Shows sme::projectForMap of the embeddings (one row per example), one scatter series per
    // class, classes in ascending label order coloured classColor(0), classColor(1), ...; a
    // class is called by its name in classNames (sme::Dataset::classNames) when it has one,
    // else "class 5". The series are kept while the classes and their names stay the same.
    // Throws sme::Error (and changes nothing) when labels do not match the rows or the
    // projection refuses the data.
    void setEmbeddings(const Eigen::MatrixXf& embeddings, const std::vector<int>& labels,
                       const std::map<int, std::string>& classNames = {});

    // How many held-out points there are: when the embeddings are fewer (the live evaluation's
    // sample), the title says of how many. 0: as many as shown.
    void setHeldOutCount(long count);
    // What the map shows, the first words of its title: empty (the default) for the trained
    // model's "Held-out embeddings", or, say, "Embeddings of fashion.tsv" for a user's file.
    void setSubject(const QString& subject);
    QString subject() const { return subject_; }

    int classSeriesCount() const { return int(series_.size()); }
    // The series of the index-th class in ascending label order, and the labels in that order.
    const QScatterSeries* classSeries(int index) const;
    const std::vector<int>& classLabels() const { return classLabels_; }
    // What the legend, the class list, the title and the inspector call the class label.
    QString classText(int label) const;
    // How the map was made, e.g. "PCA, 63% of variance (n = 128)", in the interface language.
    QString methodText() const { return method_; }

    // The colour of the index-th of count classes: up to maxLegendClasses, hues chosen to be
    // told apart (Okabe-Ito's, then four of Paul Tol's); beyond, the golden-angle palette.
    static QColor classColorOf(int index, int count);
    // One class highlighted (its label; the others faded), or none. A click on its legend
    // entry or on one of its points highlights a class (a click on empty space, none); the
    // context menu chooses one from a list (50 classes have no legend) and can show only it.
    void highlightClass(std::optional<int> label);
    std::optional<int> highlightedClass() const { return highlighted_; }
    void setShowOnlyHighlighted(bool only);
    bool showsOnlyHighlighted() const { return onlyHighlighted_; }

    // The triplet inspector. A click within pickRadius pixels of a point emits pointClicked
    // with its row (of the last setEmbeddings); a click elsewhere, Escape or the panel's close
    // button clears the inspection and emits inspectionCleared. New embeddings with another
    // number of rows clear it too; with the same rows it is redrawn at the new positions.
    static constexpr qreal pickRadius = 10.0;
    static constexpr qreal sharedPickRadius = 7.0;
    // Draws the anchor (a star), its batch (grey rings), its positives (black rings) and each
    // sampler's negatives (diamonds in samplerColor, a line from the anchor to each), and lists
    // them in the panel. Throws sme::Error when a row is not one of the displayed points.
    void setInspection(const sme::TripletInspection& inspection);
    void clearInspection();
    const std::optional<sme::TripletInspection>& inspection() const { return inspection_; }
    const TripletInspectorPanel* inspectorPanel() const { return panel_; }
    // Where row is drawn, in viewport coordinates (for clicking on it).
    QPoint viewportPosition(int row) const;
    const QScatterSeries* anchorSeries() const { return anchor_; }
    const QScatterSeries* positiveSeries() const { return positives_; }
    const QScatterSeries* negativeSeries(sme::SamplerKind kind) const;

signals:
    void pointClicked(int row);
    void inspectionCleared();

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void replaceSeries(const std::vector<int>& classLabels);
    // The class series' colours and visibility for the highlighted class, and the title.
    void showHighlight();
    void updateTitle();
    // Where sampler's marker of row is drawn from the point, in map units: samplers picking
    // the same point are set around it, sharedPickRadius pixels away, so each colour shows.
    QPointF sharedPickOffset(std::size_t sampler, int row) const;
    // Styles of the inspection's series (EmbeddingMapInspection.cpp holds the inspector's part).
    void setupInspectionSeries();
    // The inspection's series on top of the class series, out of the legend.
    void addInspectionSeries();
    void drawInspection();
    void placePanel();
    // The row drawn nearest to a viewport position within pickRadius, or -1.
    int rowAt(const QPoint& viewportPosition) const;
    void clearAndTell();
    // Axes centred on 0 with the same scale on both (a circle stays round): the shorter side
    // of the plot area spans [-radius, radius], the longer one proportionally more.
    void updateAxes();

    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    std::vector<int> classLabels_;
    std::map<int, std::string> classNames_;
    std::vector<QScatterSeries*> series_;
    double radius_ = 1.0; // grows at once, shrinks only when the data uses less than half
    double aspect_ = 0.0; // plot area width / height the axes were last set for
    // Axis updates that followed a change of the plot area since the last resize or data.
    static constexpr int maxAxisFollowUps = 2;
    int axisFollowUps_ = 0;
    QString method_;
    long heldOutCount_ = 0;
    QString subject_; // empty: held-out embeddings
    std::optional<int> highlighted_;
    bool onlyHighlighted_ = false;
    // Map position (x, y) of every row of the last embeddings, and its label.
    Eigen::MatrixXd positions_;
    Eigen::MatrixXd mapDirections_; // the PCA directions of the map shown (model/Projection.h)
    std::vector<int> rowLabels_;
    std::optional<sme::TripletInspection> inspection_;
    QScatterSeries* batch_;
    QScatterSeries* positives_;
    std::array<QLineSeries*, 4> lines_{};
    std::array<QScatterSeries*, 4> negatives_{};
    QScatterSeries* anchor_;
    TripletInspectorPanel* panel_;
    QPoint pressPosition_;
    bool pressed_ = false;
};
