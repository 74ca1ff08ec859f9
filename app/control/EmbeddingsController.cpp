// Reading and analysing a user's embeddings on the thread pool, with progress, cancel and
// supersession as the explorer's large data loads (ExplorerController).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/EmbeddingsController.h"

#include "app/control/BackgroundRun.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"

#include <QFileInfo>
#include <QTimer>

namespace {

constexpr double readingShare = 0.3; // of the whole progress: checksums and reading

// The labels the reader finds beside a vectors file when none is given (a CSV has its own column).
QString metadataBeside(const QString& path)
{
    QString name = path.toLower();
    if (name.endsWith(QLatin1String(".gz")))
        name.chop(3);
    if (name.endsWith(QLatin1String(".csv")))
        return {};
    const QString beside = QString::fromStdString(sme::projectorMetadataPath(path.toStdString()));
    for (const QString& candidate : {beside, beside + QLatin1String(".gz")})
        if (QFileInfo(candidate).isFile())
            return candidate;
    return {};
}

// The checksum of path, checked against expected (from a session) when there is one.
QString checkedSha256(const QString& path, const QString& expected)
{
    const QString name = QFileInfo(path).fileName();
    if (!QFileInfo(path).isFile())
        throw sme::Error(QObject::tr("%1 is missing (looked for at %2)").arg(name, path).toStdString());
    const QString sha = fileSha256(path);
    if (sha.isEmpty())
        throw sme::Error(QObject::tr("%1 cannot be read").arg(name).toStdString());
    if (!expected.isEmpty() && sha != expected)
        throw sme::Error(
            QObject::tr("%1 has changed since the session was saved (its SHA-256 differs)").arg(name).toStdString());
    return sha;
}

} // namespace

EmbeddingsController::EmbeddingsController(QObject* parent)
    : QObject(parent)
    , analyser_(&sme::analyseEmbeddings)
    , poll_(new QTimer(this))
{
    poll_->setInterval(100);
    connect(poll_, &QTimer::timeout, this, [this] {
        if (work_)
            emit progress(work_->done->load());
    });
}

EmbeddingsController::~EmbeddingsController()
{
    if (work_)
        work_->stop->store(true);
    for (auto* running : findChildren<QFutureWatcher<Outcome>*>())
        running->waitForFinished();
}

EmbeddingsResult EmbeddingsController::load(const EmbeddingsRequest& request, const Analyser& analyser,
                                             const sme::Progress& progress)
{
    EmbeddingsResult result;
    result.request = request;
    if (result.request.labelsPath.isEmpty())
        result.request.labelsPath = metadataBeside(request.path);
    result.sha256 = checkedSha256(request.path, request.expectedSha256);
    if (!result.request.labelsPath.isEmpty())
        result.labelsSha256 = checkedSha256(result.request.labelsPath, request.expectedLabelsSha256);
    sme::EmbeddingFileOptions options;
    options.labelsPath = request.labelsPath.toStdString(); // as given: the reader finds the one beside itself
    options.labelColumn = request.labelColumn.toStdString();
    result.data = std::make_shared<const sme::Dataset>(
        sme::readEmbeddings(request.path.toStdString(), options, sme::progressPart(progress, 0.0, readingShare)));
    result.analysis = analyser(*result.data, request.settings, sme::progressPart(progress, readingShare, 1.0));
    return result;
}

void EmbeddingsController::open(const EmbeddingsRequest& request)
{
    start(request, QFileInfo(request.path).fileName(),
          [request, analyser = analyser_](const sme::Progress& progress) { return load(request, analyser, progress); });
}

void EmbeddingsController::reanalyse(std::shared_ptr<const EmbeddingsResult> result,
                                     const sme::EmbeddingAnalysisSettings& settings)
{
    EmbeddingsRequest request = result->request;
    request.settings = settings;
    start(request, tr("%1 with the new batches").arg(QFileInfo(request.path).fileName()),
          [result, settings, analyser = analyser_](const sme::Progress& progress) {
              EmbeddingsResult next = *result;
              next.request.settings = settings;
              next.analysis = analyser(*result->data, settings, progress);
              return next;
          });
}

void EmbeddingsController::start(const EmbeddingsRequest& request, const QString& what,
                                 std::function<EmbeddingsResult(const sme::Progress&)> job)
{
    if (work_)
        cancel();
    auto stop = std::make_shared<std::atomic<bool>>(false);
    auto done = std::make_shared<std::atomic<double>>(0.0);
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] { finished(watcher); });
    work_ = std::make_unique<Work>(Work{request, watcher, stop, done});
    const sme::Progress progress = [stop, done](double share) {
        done->store(share);
        return !stop->load();
    };
    watcher->setFuture(runInBackground([job = std::move(job), progress]() -> Outcome {
        try {
            return {std::make_shared<const EmbeddingsResult>(job(progress)), {}};
        } catch (const sme::Cancelled&) {
            return {};
        } catch (const sme::Error& e) {
            return {nullptr, QString::fromStdString(e.what())};
        } catch (const std::bad_alloc&) {
            return {nullptr, QObject::tr("out of memory")};
        }
    }));
    poll_->start();
    emit started(what);
}

void EmbeddingsController::cancel()
{
    if (!work_)
        return;
    work_->stop->store(true);
    work_.reset();
    poll_->stop();
    emit ended();
}

void EmbeddingsController::finished(QFutureWatcher<Outcome>* watcher)
{
    watcher->deleteLater();
    if (!work_ || work_->watcher != watcher)
        return; // cancelled or superseded
    const EmbeddingsRequest request = std::move(work_->request);
    work_.reset();
    poll_->stop();
    const Outcome outcome = watcher->result();
    if (outcome.result)
        emit analysed(outcome.result);
    else if (!outcome.error.isEmpty())
        emit failed(outcome.error, request);
    emit ended();
}
