// The embeddings window: a user's own embeddings as sampling sees them (their pair distances
// against q(d), their norms, the samplers' picks from P x K batches of them, their map with the
// triplet inspector) and their retrieval scores, with the batches' controls and the exports.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/control/EmbeddingsController.h"
#include "app/io/SessionFile.h"
#include "app/render/EmbeddingFigures.h"
#include "app/render/FigureExporter.h"
#include "model/base/Table.h"

#include <QMainWindow>
#include <memory>
#include <optional>
#include <vector>

class EmbeddingMapView;
class MessageBanner;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QSpinBox;
class QTimer;
class TripletInspector;
class WorkProgress;

class EmbeddingsWindow : public QMainWindow {
    Q_OBJECT
public:
    // Shows result; the window's own controller draws the samplers' picks from the same points
    // again when the batches' controls change (the scores and the other views stay).
    explicit EmbeddingsWindow(std::shared_ptr<const EmbeddingsResult> result, QWidget* parent = nullptr);
    ~EmbeddingsWindow() override;

    // At most this many points on the map (the live evaluation's stratified sample size).
    static constexpr std::size_t mapPoints = 2000;
    // The pause that gathers a burst of changes of the controls (keystrokes) into one drawing
    // of the picks, which takes milliseconds.
    static constexpr int settleMs = 150;

    std::shared_ptr<const EmbeddingsResult> result() const { return result_; }
    // What a session keeps of the window: the files, their checksums, the column and the batches.
    SessionEmbeddings sessionEntry() const;
    // The settings the controls show (applied after settleMs).
    sme::EmbeddingAnalysisSettings settings() const;
    void setBatches(int batchClasses, int batchK, double alpha, double beta);

    QLabel* header() const { return header_; }
    QSpinBox* batchClassesBox() const { return batchClasses_; }
    QSpinBox* batchKBox() const { return batchK_; }
    MessageBanner* banner() const { return banner_; }
    WorkProgress* progress() const { return progress_; }
    EmbeddingsController* controller() const { return controller_; }
    QWidget* figureView(EmbeddingFigure figure) const { return figures_[std::size_t(figure)]; }
    EmbeddingMapView* mapView() const { return map_; }
    TripletInspector* inspector() const { return inspector_; }

    // The views by file name (pair-distances, pair-distances-by-class, norms, sampled-distances,
    // embedding-map) and their numbers (the map: its 2-D points and classes as drawn).
    QStringList viewNames() const;
    sme::Table viewTable(const QString& name) const;
    // One view to path (sized as the main window's exports), empty or a message; every view and
    // its CSV into folder as NAME.FORMAT and NAME.csv.
    QString exportView(const QString& name, const QString& path, const FigureExportOptions& options);
    QString exportAll(const QString& folder, const FigureExportOptions& options);

signals:
    void openRequested(); // File › Open embeddings… in this window: the main window opens them
    void shown();         // after an analysis reached the views

private:
    void fitToScreen();
    QWidget* buildControls();
    void buildMenus();
    void showResult(std::shared_ptr<const EmbeddingsResult> result);
    void showPicks(std::shared_ptr<const EmbeddingsResult> result);
    void showFigure(EmbeddingFigure figure);
    void fitViewHeights();
    void showHeader();
    void showMap();
    void reanalyse();
    QWidget* view(const QString& name) const;
    void chooseViewExport(const QString& name);
    void chooseTableExport(const QString& name);
    void chooseAllExport();

    std::shared_ptr<const EmbeddingsResult> result_;
    EmbeddingsController* controller_;
    TripletInspector* inspector_;
    QLabel* header_;
    MessageBanner* banner_;
    WorkProgress* progress_;
    QSpinBox* batchClasses_;
    QSpinBox* batchK_;
    QDoubleSpinBox* alpha_;
    QDoubleSpinBox* beta_;
    QTimer* settle_;
    QGridLayout* grid_;
    std::array<QWidget*, 4> figures_{};
    EmbeddingMapView* map_;
};
