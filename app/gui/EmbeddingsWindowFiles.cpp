// The embeddings window's menu and exports: a view as a figure through the one exporter, its
// numbers as CSV, every view and its CSV into a folder.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/EmbeddingsWindow.h"

#include "app/gui/ExportDialog.h"
#include "app/gui/FileDialogs.h"
#include "app/gui/MapInspection.h"
#include "app/gui/Settings.h"
#include "app/io/OutputFile.h"
#include "widgets/ChartPanel.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/MessageBanner.h"

#include <QDir>
#include <QFileInfo>
#include <QMenuBar>
#include <QStatusBar>

namespace {
const QString mapName = QStringLiteral("embedding-map");

QString viewTitle(const QWidget* view)
{
    const auto* panel = qobject_cast<const ChartPanel*>(view);
    return panel ? panel->title() : view->objectName();
}
} // namespace

void EmbeddingsWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open embeddings\u2026"), this, &EmbeddingsWindow::openRequested);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addSeparator();
    QMenu* figure = file->addMenu(tr("&Export view"));
    QMenu* data = file->addMenu(tr("Export view &data (CSV)"));
    // Filled when opened: the views' titles follow the analysis and the language.
    connect(figure, &QMenu::aboutToShow, this, [this, figure] {
        figure->clear();
        for (const QString& name : viewNames())
            figure->addAction(viewTitle(view(name)), this, [this, name] { chooseViewExport(name); });
    });
    connect(data, &QMenu::aboutToShow, this, [this, data] {
        data->clear();
        for (const QString& name : viewNames())
            data->addAction(viewTitle(view(name)), this, [this, name] { chooseTableExport(name); });
    });
    file->addAction(tr("Export &all views\u2026"), this, &EmbeddingsWindow::chooseAllExport);
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);
}

QStringList EmbeddingsWindow::viewNames() const
{
    QStringList names;
    for (EmbeddingFigure figure : allEmbeddingFigures)
        names << embeddingFigureName(figure);
    return names << mapName;
}

QWidget* EmbeddingsWindow::view(const QString& name) const
{
    if (name == mapName)
        return map_;
    for (EmbeddingFigure figure : allEmbeddingFigures)
        if (embeddingFigureName(figure) == name)
            return figures_[std::size_t(figure)];
    return nullptr;
}

sme::Table EmbeddingsWindow::viewTable(const QString& name) const
{
    if (name == mapName)
        return mapTable(*map_);
    for (EmbeddingFigure figure : allEmbeddingFigures)
        if (embeddingFigureName(figure) == name)
            return embeddingFigureTable(figure, result_->analysis);
    return {};
}

QString EmbeddingsWindow::exportView(const QString& name, const QString& path, const FigureExportOptions& options)
{
    QWidget* shown = view(name);
    if (!shown)
        return tr("no such view");
    FigureExportOptions sized = options;
    sized.size = exportSize(options.size, shown->size(), shown->minimumSize());
    return exportFigure(*shown, path, sized);
}

QString EmbeddingsWindow::exportAll(const QString& folder, const FigureExportOptions& options)
{
    if (!QDir().mkpath(folder))
        return tr("cannot create the folder '%1'").arg(folder);
    for (const QString& name : viewNames()) {
        const QString figure = QDir(folder).filePath(name + "." + figureFormatSuffix(options.format));
        if (const QString failure = exportView(name, figure, options); !failure.isEmpty())
            return failure;
        const QByteArray csv = QByteArray::fromStdString(sme::toCsv(viewTable(name)));
        if (const QString failure = writeOutput(QDir(folder).filePath(name + ".csv"), csv); !failure.isEmpty())
            return failure;
    }
    return {};
}

void EmbeddingsWindow::chooseViewExport(const QString& name)
{
    ExportDialog dialog(viewTitle(view(name)), view(name)->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const FigureExportOptions options = dialog.options();
    const QString suffix = figureFormatSuffix(options.format);
    const QString path = filedialogs::saveFile(this, tr("Export \u201C%1\u201D").arg(viewTitle(view(name))),
                                                      QDir(settings::exportChoices().folder).filePath(name + "." + suffix),
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (const QString failure = exportView(name, path, options); !failure.isEmpty())
        banner_->showMessage(tr("Export failed: %1").arg(failure), MessageBanner::Kind::Error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void EmbeddingsWindow::chooseTableExport(const QString& name)
{
    const QString path = filedialogs::saveFile(
        this, tr("Export the data of \u201C%1\u201D").arg(viewTitle(view(name))),
        QDir(settings::exportChoices().folder).filePath(name + ".csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const QString failure = writeOutput(path, QByteArray::fromStdString(sme::toCsv(viewTable(name))));
        !failure.isEmpty())
        banner_->showMessage(tr("Export failed: %1").arg(failure), MessageBanner::Kind::Error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void EmbeddingsWindow::chooseAllExport()
{
    ExportDialog dialog(QString(), QSize(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString folder = filedialogs::folder(this, tr("Export all views into"),
                                                             settings::exportChoices().folder);
    if (folder.isEmpty())
        return;
    if (const QString failure = exportAll(folder, dialog.options()); !failure.isEmpty())
        banner_->showMessage(tr("Export failed: %1").arg(failure), MessageBanner::Kind::Error);
    else
        statusBar()->showMessage(tr("Exported every view into %1").arg(folder), 5000);
}
