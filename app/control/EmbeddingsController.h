// A user's own embeddings, read and analysed on Qt's thread pool: the files checked against a
// session's checksums, progress, cancel, and a newer request superseding the one under way;
// for new batches, only the samplers' picks drawn again.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/control/BackgroundRun.h"
#include "model/analysis/EmbeddingAnalysis.h"
#include "model/data/Dataset.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

// What to open: the files as the person chose them, and the analysis's settings.
struct EmbeddingsRequest {
    QString path;
    QString labelsPath;  // empty: beside the vectors (projectorMetadataPath) or the file's own column
    QString labelColumn; // empty: the reader's choice
    sme::EmbeddingAnalysisSettings settings;
    // From a session: the checksums the files had when it was saved; a file that differs is
    // refused. Empty: not checked.
    QString expectedSha256, expectedLabelsSha256;
};

// What made a result: the whole analysis, or the samplers' picks alone (for new P, K, alpha or
// beta; everything else as in the result they were drawn for).
enum class EmbeddingsWork { Analysis, SamplerPicks };

// What was read and what the analysis found, immutable once handed to the GUI thread.
struct EmbeddingsResult {
    EmbeddingsRequest request; // labelsPath as read: the file found beside the vectors, if any
    QString sha256, labelsSha256;
    std::shared_ptr<const sme::Dataset> data; // the points as stored (not normalised)
    sme::EmbeddingAnalysis analysis;
    EmbeddingsWork work = EmbeddingsWork::Analysis;
};

class EmbeddingsController : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingsController(QObject* parent = nullptr);
    ~EmbeddingsController() override = default; // waits for the work under way, stopped at its next report

    // Reads and analyses request's files in the background (started, progress, then analysed or
    // failed, then ended). A request while one runs stops and replaces it.
    void open(const EmbeddingsRequest& request);
    // The samplers' picks of result drawn again for settings' P, K, alpha and beta
    // (sme::pickBatches, from the normalised points the analysis kept), in the background as
    // open does: analysed with a result whose work is SamplerPicks and whose analysis is
    // result's but for its samplers. Milliseconds, where the whole analysis takes seconds. An
    // analysis without its points (a stand-in analyser's) is analysed again whole.
    void repick(std::shared_ptr<const EmbeddingsResult> result, const sme::EmbeddingAnalysisSettings& settings);
    // Stops the work under way: no result, no failure, ended at once.
    void cancel();
    bool busy() const { return job_.running(); }

    // What analyses (analyseEmbeddings; tests give a slow stand-in), on the pool's thread.
    using Analyser = std::function<sme::EmbeddingAnalysis(const sme::Dataset&, const sme::EmbeddingAnalysisSettings&,
                                                          const sme::Progress&)>;
    void setAnalyser(Analyser analyser) { analyser_ = std::move(analyser); }

    // The whole of it on the calling thread: the checksums, the reading, the analysis. Throws
    // sme::Error with a message naming the file, or sme::Cancelled.
    static EmbeddingsResult load(const EmbeddingsRequest& request, const Analyser& analyser,
                                 const sme::Progress& progress);
    // What can be told of a vectors file at once, before asking the person anything more (its
    // labels): that it cannot be opened, or that an uncompressed .npy's header is wrong (the
    // file mapped, the header alone parsed: no time at any size). Empty when nothing was found
    // wrong; the reading in the background checks the rest.
    static QString quickCheck(const QString& path);

signals:
    void started(const QString& what);
    void progress(double done);
    void analysed(std::shared_ptr<const EmbeddingsResult> result);
    void failed(const QString& message, const EmbeddingsRequest& request);
    void ended();

private:
    using Result = std::shared_ptr<const EmbeddingsResult>;
    void start(const EmbeddingsRequest& request, const QString& what, std::function<EmbeddingsResult(const sme::Progress&)> job);
    void finished(const StoppableOutcome<Result>& outcome);

    Analyser analyser_;
    EmbeddingsRequest request_; // of the work under way, for failed
    StoppableJob<Result> job_;
};
