// The main window's files: exports of views and their data, sessions, recent sessions.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/io/DataSource.h"
#include "app/gui/ExportDialog.h"
#include "app/io/Language.h"
#include "app/io/OutputFile.h"
#include "app/gui/PresentationMode.h"
#include "app/control/PresetAnimation.h"
#include "app/gui/StartPage.h"
#include "app/io/SessionFile.h"
#include "app/io/ParameterJson.h"
#include "app/control/RaceController.h"
#include "app/gui/RaceWindow.h"
#include "app/control/TrainingController.h"
#include "app/gui/TripletInspector.h"
#include "model/base/Error.h"
#include "widgets/ControlPanel.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/MessageBanner.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewExplanations.h"
#include "widgets/ViewGrid.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QLayout>
#include <QDockWidget>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace {

QString fileName(sme::ViewId view, const QString& suffix)
{
    return QString::fromUtf8(sme::viewName(view)) + "." + suffix;
}

} // namespace

QString MainWindow::exportView(sme::ViewId view, const QString& path, const FigureExportOptions& options)
{
    QWidget* shown = grid_->view(view);
    if (!shown)
        return tr("no such view");
    const QString failure = exportFigure(*shown, path, options);
    grid_->layout()->invalidate(); // back to the size the window gives it
    grid_->layout()->activate();
    return failure;
}

QString MainWindow::exportAll(const QString& folder, const FigureExportOptions& options)
{
    if (!QDir().mkpath(folder))
        return tr("cannot create the folder '%1'").arg(folder);
    const QList<sme::ViewId> views = grid_->viewIds();
    for (sme::ViewId view : views) {
        const QString path = QDir(folder).filePath(fileName(view, figureFormatSuffix(options.format)));
        if (const QString failure = exportView(view, path, options); !failure.isEmpty())
            return failure;
    }
    if (!lastFigures_)
        return {};
    for (sme::ViewId view : views) {
        if (!sme::isIdealised(view))
            continue;
        const QByteArray csv = QByteArray::fromStdString(sme::toCsv(sme::figureTable(*lastFigures_, view)));
        if (const QString failure = writeOutput(QDir(folder).filePath(fileName(view, QStringLiteral("csv"))), csv);
            !failure.isEmpty())
            return failure;
    }
    return {};
}

void MainWindow::exportCurrentView()
{
    const sme::ViewId view = currentView();
    ExportDialog dialog(grid_->view(view)->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const FigureExportOptions options = dialog.options();
    const QString suffix = figureFormatSuffix(options.format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"), fileName(view, suffix),
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (const QString failure = exportView(view, path, options); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::exportAllViews()
{
    ExportDialog dialog(grid_->view(sme::gridViews.front())->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export all views into"));
    if (folder.isEmpty())
        return;
    if (const QString failure = exportAll(folder, dialog.options()); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported every view into %1").arg(folder), 5000);
}

void MainWindow::exportCurrentData()
{
    const sme::ViewId view = currentView();
    if (!lastFigures_ || !sme::isIdealised(view)) {
        showError(tr("This view has no data table yet; the training data comes from the train command."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view data"), fileName(view, QStringLiteral("csv")),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const sme::Table table = sme::figureTable(*lastFigures_, view);
    if (const QString failure = writeOutput(path, QByteArray::fromStdString(sme::toCsv(table))); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
}

void MainWindow::copyCurrentView()
{
    QApplication::clipboard()->setPixmap(grid_->view(currentView())->grab());
    statusBar()->showMessage(tr("Copied the view to the clipboard"), 3000);
}

QString MainWindow::saveSessionTo(const QString& path, bool remember)
{
    std::optional<sme::SavedRun> run;
    if (keepModelAction_->isChecked())
        run = controller_->captureRun();
    const QString failure = saveSession(path, parameters_, run ? &*run : nullptr);
    if (failure.isEmpty()) {
        if (remember)
            rememberRecent(path);
        statusBar()->showMessage(tr("Saved the session to %1").arg(path), 5000);
    }
    return failure;
}

QString MainWindow::openSession(const QString& path, bool remember)
{
    SessionLoad load = loadSession(path);
    if (!load.parameters)
        return load.error;
    // A kept model is rebuilt and restored first: if it does not fit, nothing has changed yet.
    std::unique_ptr<sme::Trainer> trainer;
    if (load.run) {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        try {
            trainer = restoredTrainer(*load.parameters, load.run->state);
            QApplication::restoreOverrideCursor();
        } catch (const sme::Error& e) {
            QApplication::restoreOverrideCursor();
            return tr("%1: its trained model cannot be restored: %2")
                .arg(QFileInfo(path).fileName(), QString::fromStdString(e.what()));
        }
    }
    applyParameters(*load.parameters);
    if (trainer) {
        modelDimension_ = std::min(load.parameters->dimension, largestModelDimension);
        controller_->adopt(std::move(trainer), std::move(load.run->history));
    }
    if (remember)
        rememberRecent(path);
    statusBar()->showMessage(tr("Opened the session %1").arg(path), 5000);
    return {};
}

void MainWindow::rememberRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentSessions")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(QStringLiteral("recentSessions"), recent.mid(0, 8));
    fillRecentMenu();
}

void MainWindow::fillRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentSessions")).toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(path, this, [this, path] {
            if (const QString failure = openSession(path); !failure.isEmpty())
                showError(failure);
        });
    recentMenu_->setEnabled(!recent.isEmpty());
}
