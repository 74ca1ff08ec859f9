// The main window's way to a user's own embeddings: File › Open embeddings… (the labels file and
// column asked for when the reader cannot find them), read and analysed in the background with
// progress and Cancel in the status bar, then shown in the one embeddings window.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/EmbeddingsController.h"
#include "app/gui/EmbeddingsWindow.h"
#include "app/gui/FileDialogs.h"
#include "app/gui/WorkProgress.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"
#include "model/data/Gzip.h"

#include <QFileInfo>
#include <QInputDialog>
#include <QStatusBar>

namespace {

bool isCsvName(QString name)
{
    name = name.toLower();
    if (name.endsWith(QLatin1String(".gz")))
        name.chop(3);
    return name.endsWith(QLatin1String(".csv"));
}

QString existingMetadataBeside(const QString& path)
{
    const QString beside = QString::fromStdString(sme::projectorMetadataPath(path.toStdString()));
    for (const QString& candidate : {beside, beside + QLatin1String(".gz")})
        if (QFileInfo(candidate).isFile())
            return candidate;
    return {};
}

// The columns a metadata file's header names (none when it has one column, so no header); the
// reader says what is wrong with a file that cannot be read.
QStringList metadataColumns(const QString& path)
{
    try {
        const std::vector<unsigned char> bytes = sme::readDataFile(path.toStdString());
        const auto end = std::find(bytes.begin(), bytes.end(), '\n');
        QString header = QString::fromUtf8(reinterpret_cast<const char*>(bytes.data()), end - bytes.begin());
        if (header.endsWith(QLatin1Char('\r')))
            header.chop(1);
        const QStringList columns = header.split(QLatin1Char('\t'));
        return columns.size() > 1 ? columns : QStringList();
    } catch (const sme::Error&) {
        return {};
    }
}

} // namespace

void MainWindow::buildEmbeddings()
{
    embeddingsLoader_ = new EmbeddingsController(this);
    embeddingsProgress_ = new WorkProgress;
    embeddingsProgress_->setObjectName(QStringLiteral("embeddingsProgress"));
    statusBar()->addPermanentWidget(embeddingsProgress_);
    connect(embeddingsLoader_, &EmbeddingsController::started, this, [this](const QString& what) {
        embeddingsProgress_->start(tr("Reading and analysing %1\u2026").arg(what));
    });
    connect(embeddingsLoader_, &EmbeddingsController::progress, embeddingsProgress_, &WorkProgress::setProgress);
    connect(embeddingsLoader_, &EmbeddingsController::ended, embeddingsProgress_, &WorkProgress::finish);
    connect(embeddingsProgress_, &WorkProgress::cancelRequested, embeddingsLoader_, &EmbeddingsController::cancel);
    connect(embeddingsLoader_, &EmbeddingsController::analysed, this, &MainWindow::showEmbeddings);
    connect(embeddingsLoader_, &EmbeddingsController::failed, this,
            [this](const QString& message, const EmbeddingsRequest& request) {
                if (request.expectedSha256.isEmpty())
                    showError(tr("Cannot open the embeddings, so nothing changed: %1").arg(message));
                else
                    showError(tr("The session's embeddings window was not reopened: %1. The rest of the session "
                                 "is open.").arg(message));
            });
}

void MainWindow::chooseEmbeddings()
{
    EmbeddingsRequest request;
    request.path = filedialogs::openFile(
        this, tr("Open embeddings"), QString(),
        tr("Embeddings (*.tsv *.tsv.gz *.csv *.csv.gz *.npy *.npy.gz);;All files (*)"));
    if (request.path.isEmpty())
        return;
    if (const QString problem = EmbeddingsController::quickCheck(request.path); !problem.isEmpty()) {
        showError(tr("Cannot open the embeddings, so nothing changed: %1").arg(problem));
        return;
    }
    if (!chooseLabels(request))
        return;
    openEmbeddings(request);
}

// A labels file when the vectors have no label column and none lies beside them, and the label
// column when the metadata has several and none is called "label". False: the person cancelled.
bool MainWindow::chooseLabels(EmbeddingsRequest& request)
{
    QString labels = existingMetadataBeside(request.path);
    if (labels.isEmpty() && !isCsvName(request.path)) {
        labels = filedialogs::openFile(
            this,
            tr("The labels of %1 (none found beside it as %2)")
                .arg(QFileInfo(request.path).fileName(),
                     QFileInfo(QString::fromStdString(sme::projectorMetadataPath(request.path.toStdString()))).fileName()),
            QFileInfo(request.path).absolutePath(), tr("Labels (*.tsv *.tsv.gz *.txt *.csv);;All files (*)"));
        if (labels.isEmpty())
            return false;
        request.labelsPath = labels;
    }
    const QStringList columns = labels.isEmpty() ? QStringList() : metadataColumns(labels);
    if (columns.size() > 1 && !columns.contains(QLatin1String("label"))) {
        bool chosen = false;
        request.labelColumn = QInputDialog::getItem(this, tr("Label column"),
                                                    tr("Which column of %1 holds the class?").arg(QFileInfo(labels).fileName()),
                                                    columns, 0, false, &chosen);
        return chosen;
    }
    return true;
}

void MainWindow::openEmbeddings(const EmbeddingsRequest& request)
{
    embeddingsLoader_->open(request);
}

// The one embeddings window: a newer one replaces it; the main window stays as it was.
void MainWindow::showEmbeddings(std::shared_ptr<const EmbeddingsResult> result)
{
    if (embeddings_)
        embeddings_->close(); // deleted on close
    embeddings_ = new EmbeddingsWindow(std::move(result), this);
    connect(embeddings_, &EmbeddingsWindow::openRequested, this, &MainWindow::chooseEmbeddings);
    embeddings_->show();
    statusBar()->showMessage(tr("Opened the embeddings %1").arg(embeddings_->result()->request.path), 5000);
}

void MainWindow::reopenEmbeddings(const SessionEmbeddings& entry)
{
    EmbeddingsRequest request;
    request.path = entry.path;
    request.labelsPath = entry.labelsPath;
    request.labelColumn = entry.labelColumn;
    request.settings.batchClasses = entry.batchClasses;
    request.settings.batchK = entry.batchK;
    request.settings.alpha = entry.alpha;
    request.settings.beta = entry.beta;
    request.expectedSha256 = entry.sha256;
    request.expectedLabelsSha256 = entry.labelsSha256;
    openEmbeddings(request);
}

EmbeddingsWindow* MainWindow::embeddingsWindow() const
{
    return embeddings_;
}
