// The main window's exports: a view or every view as figures, a view's data as CSV, a view to
// the clipboard.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/TrainingController.h"
#include "app/gui/ExportDialog.h"
#include "app/gui/FileDialogs.h"
#include "app/gui/MapInspection.h"
#include "app/gui/Settings.h"
#include "app/io/OutputFile.h"
#include "model/figures/FigureData.h"
#include "model/figures/ViewId.h"
#include "model/training/TrainingRun.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/ViewExplanations.h"
#include "widgets/ViewGrid.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QScatterSeries>
#include <QLayout>
#include <QStatusBar>

namespace {

QString fileName(sme::ViewId view, const QString& suffix)
{
    return QString::fromUtf8(sme::viewName(view)) + "." + suffix;
}

// The view's name in the dialogs: its explanation's title, e.g. "The losses against the pair
// distance".
QString exportTitle(sme::ViewId view)
{
    return viewExplanation(view).title;
}

void rememberExportFolder(const QString& folder)
{
    settings::ExportChoices choices = settings::exportChoices();
    choices.folder = folder;
    settings::setExportChoices(choices);
}

} // namespace

std::optional<sme::Table> MainWindow::viewTable(sme::ViewId view)
{
    if (sme::isIdealised(view))
        return lastFigures_ ? std::optional(sme::figureTable(*lastFigures_, view)) : std::nullopt;
    if (view == sme::ViewId::EmbeddingMap)
        return mapTable(*map_);
    if (view == sme::ViewId::TrainingCurves) { // the whole run, as the train command's columns
        // Before the first step there is no curve to write (at most the untrained model's
        // scores): "no data yet", as the view shows.
        const std::optional<sme::SavedRun> run = controller()->captureRun();
        return run && !run->history.steps.empty() ? std::optional(sme::toTable(run->history)) : std::nullopt;
    }
    if (view == sme::ViewId::Retrieval) { // every evaluation of the run
        const std::optional<sme::SavedRun> run = controller()->captureRun();
        return run && !run->history.evaluations.empty() ? std::optional(sme::evaluationTable(run->history.evaluations))
                                                         : std::nullopt;
    }
    return std::nullopt;
}

QString MainWindow::exportView(sme::ViewId view, const QString& path, const FigureExportOptions& options)
{
    QWidget* shown = grid_->view(view);
    if (!shown)
        return tr("no such view");
    FigureExportOptions sized = options;
    sized.size = exportSize(options.size, shown->size(), shown->minimumSize());
    grid_->holdPlacement(true);
    const QString failure = exportFigure(*shown, path, sized);
    grid_->holdPlacement(false); // back to the size the window gives it
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
    for (sme::ViewId view : views) {
        const std::optional<sme::Table> table = viewTable(view);
        if (!table)
            continue;
        const QByteArray csv = QByteArray::fromStdString(sme::toCsv(*table));
        if (const QString failure = writeOutput(QDir(folder).filePath(fileName(view, QStringLiteral("csv"))), csv);
            !failure.isEmpty())
            return failure;
    }
    return {};
}

void MainWindow::exportCurrentView()
{
    const sme::ViewId view = currentView();
    ExportDialog dialog(exportTitle(view), grid_->view(view)->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const FigureExportOptions options = dialog.options();
    const QString suffix = figureFormatSuffix(options.format);
    const QString path = filedialogs::saveFile(
        this, tr("Export \u201C%1\u201D").arg(exportTitle(view)),
        QDir(settings::exportChoices().folder).filePath(fileName(view, suffix)),
        tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    rememberExportFolder(QFileInfo(path).absolutePath());
    if (const QString failure = exportView(view, path, options); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::exportAllViews()
{
    ExportDialog dialog(QString(), QSize(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString folder = filedialogs::folder(this, tr("Export all views into"),
                                                             settings::exportChoices().folder);
    if (folder.isEmpty())
        return;
    rememberExportFolder(folder);
    if (const QString failure = exportAll(folder, dialog.options()); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported every view into %1").arg(folder), 5000);
}

void MainWindow::exportCurrentData()
{
    const sme::ViewId view = currentView();
    const std::optional<sme::Table> table = viewTable(view);
    if (!table) { // a passing remark, not an error: nothing went wrong
        refuse(tr("\u201C%1\u201D has no data yet.").arg(exportTitle(view)));
        return;
    }
    const QString path = filedialogs::saveFile(
        this, tr("Export the data of \u201C%1\u201D").arg(exportTitle(view)),
        QDir(settings::exportChoices().folder).filePath(fileName(view, QStringLiteral("csv"))),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    rememberExportFolder(QFileInfo(path).absolutePath());
    if (const QString failure = writeOutput(path, QByteArray::fromStdString(sme::toCsv(*table))); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::copyCurrentView()
{
    QApplication::clipboard()->setPixmap(grid_->view(currentView())->grab());
    statusBar()->showMessage(tr("Copied the view to the clipboard"), 3000);
}
