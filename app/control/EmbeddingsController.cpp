// Reading and analysing a user's embeddings on the thread pool, with progress, cancel and
// supersession as the explorer's large data loads (ExplorerController).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/EmbeddingsController.h"

#include "app/io/ModelMessages.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"
#include "model/data/Gzip.h"
#include "model/data/NpyFormat.h"

#include <QFile>
#include <QFileInfo>

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
    , job_(
          this, [this](double done) { emit progress(done); },
          [this](const StoppableOutcome<Result>& outcome) { finished(outcome); })
{
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

QString EmbeddingsController::quickCheck(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QObject::tr("%1 cannot be read").arg(QFileInfo(path).fileName());
    if (file.size() == 0)
        return {}; // the reader names an empty file
    const uchar* mapped = file.map(0, file.size());
    if (!mapped)
        return {}; // cannot be mapped (a pipe, say): the reader sees it whole
    const std::span<const unsigned char> bytes(mapped, std::size_t(file.size()));
    const bool npyName = path.endsWith(QLatin1String(".npy"), Qt::CaseInsensitive);
    if (sme::isGzip(bytes) || !(sme::isNpy(bytes) || npyName))
        return {}; // compressed, or text: only reading it all tells
    try {
        sme::parseNpyHeader(bytes, QFileInfo(path).fileName().toStdString());
    } catch (const sme::Error& error) {
        return errorText(error);
    }
    return {};
}

void EmbeddingsController::open(const EmbeddingsRequest& request)
{
    start(request, QFileInfo(request.path).fileName(),
          [request, analyser = analyser_](const sme::Progress& progress) { return load(request, analyser, progress); });
}

void EmbeddingsController::repick(std::shared_ptr<const EmbeddingsResult> result,
                                  const sme::EmbeddingAnalysisSettings& settings)
{
    EmbeddingsRequest request = result->request;
    request.settings = settings;
    start(request, tr("%1 with the new batches").arg(QFileInfo(request.path).fileName()),
          [result, settings, analyser = analyser_](const sme::Progress& progress) {
              EmbeddingsResult next = *result;
              next.request.settings = settings;
              if (const auto& points = result->analysis.unitPoints) {
                  next.analysis.samplers = sme::pickBatches(*points, result->data->labels, settings, progress);
                  next.work = EmbeddingsWork::SamplerPicks;
              } else {
                  next.analysis = analyser(*result->data, settings, progress);
                  next.work = EmbeddingsWork::Analysis;
              }
              return next;
          });
}

void EmbeddingsController::start(const EmbeddingsRequest& request, const QString& what,
                                 std::function<EmbeddingsResult(const sme::Progress&)> job)
{
    if (job_.running())
        cancel();
    request_ = request;
    job_.start([job = std::move(job)](const sme::Progress& progress) -> Result {
        return std::make_shared<const EmbeddingsResult>(job(progress));
    });
    emit started(what);
}

void EmbeddingsController::cancel()
{
    if (job_.stop())
        emit ended();
}

void EmbeddingsController::finished(const StoppableOutcome<Result>& outcome)
{
    if (outcome.result)
        emit analysed(outcome.result);
    else if (!outcome.error.isEmpty())
        emit failed(outcome.error, request_);
    emit ended();
}
