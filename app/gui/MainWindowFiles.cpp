// The main window's exports: a view or every view as figures, a view's data as CSV, a view to
// the clipboard.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/gui/ExportDialog.h"
#include "app/io/OutputFile.h"
#include "app/render/FigureViews.h"
#include "widgets/ViewGrid.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QLayout>
#include <QStatusBar>

QString MainWindow::exportView(int index, const QString& path, const FigureExportOptions& options)
{
    if (index < 0 || index >= grid_->count())
        return tr("no such view");
    const QString failure = exportFigure(*grid_->view(index), path, options);
    grid_->layout()->invalidate(); // back to the size the window gives it
    grid_->layout()->activate();
    return failure;
}

QString MainWindow::exportAll(const QString& folder, const FigureExportOptions& options)
{
    if (!QDir().mkpath(folder))
        return tr("cannot create the folder '%1'").arg(folder);
    const QStringList names = figureNames();
    for (int i = 0; i < grid_->count() && i < names.size(); ++i) {
        const QString path = QDir(folder).filePath(names[i] + "." + figureFormatSuffix(options.format));
        if (const QString failure = exportView(i, path, options); !failure.isEmpty())
            return failure;
    }
    if (lastFigures_) {
        const std::pair<QString, sme::Table> tables[] = {
            {names[0], sme::toTable(lastFigures_->density)},
            {names[1], sme::toTable(lastFigures_->gradientVariance)},
            {names[2], sme::toTable(lastFigures_->sampledDistances)},
            {names[3], sme::toTable(lastFigures_->losses)},
        };
        for (const auto& [name, table] : tables)
            if (const QString failure = writeOutput(QDir(folder).filePath(name + ".csv"),
                                                    QByteArray::fromStdString(sme::toCsv(table)));
                !failure.isEmpty())
                return failure;
    }
    return {};
}

void MainWindow::exportCurrentView()
{
    const int index = currentViewIndex();
    ExportDialog dialog(grid_->view(index)->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const FigureExportOptions options = dialog.options();
    const QString suffix = figureFormatSuffix(options.format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"),
                                                      figureNames().value(index) + "." + suffix,
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (const QString failure = exportView(index, path, options); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::exportAllViews()
{
    ExportDialog dialog(grid_->view(0)->size(), this);
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
    const int index = currentViewIndex();
    if (!lastFigures_ || index > 3) {
        showError(tr("This view has no data table yet; the training data comes from the train command."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view data"),
                                                      figureNames().value(index) + ".csv",
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const sme::Table table = index == 0   ? sme::toTable(lastFigures_->density)
                             : index == 1 ? sme::toTable(lastFigures_->gradientVariance)
                             : index == 2 ? sme::toTable(lastFigures_->sampledDistances)
                                          : sme::toTable(lastFigures_->losses);
    if (const QString failure = writeOutput(path, QByteArray::fromStdString(sme::toCsv(table))); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
}

void MainWindow::copyCurrentView()
{
    QApplication::clipboard()->setPixmap(grid_->view(currentViewIndex())->grab());
    statusBar()->showMessage(tr("Copied the view to the clipboard"), 3000);
}
