// The main window's exports: a view or every view as figures, a view's data as CSV, a view to
// the clipboard.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/gui/ExportDialog.h"
#include "app/io/OutputFile.h"
#include "model/figures/FigureData.h"
#include "model/figures/ViewId.h"
#include "widgets/ViewGrid.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QLayout>
#include <QStatusBar>

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
        refuse(tr("This view has no data table yet; the training data comes from the train command."));
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
