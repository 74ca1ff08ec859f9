// A user's own embeddings, read and analysed on Qt's thread pool: the files checked against a
// session's checksums, progress, cancel, and a newer request superseding the one under way.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/analysis/EmbeddingAnalysis.h"
#include "model/data/Dataset.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

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

// What was read and what the analysis found, immutable once handed to the GUI thread.
struct EmbeddingsResult {
    EmbeddingsRequest request; // labelsPath as read: the file found beside the vectors, if any
    QString sha256, labelsSha256;
    std::shared_ptr<const sme::Dataset> data; // the points as stored (not normalised)
    sme::EmbeddingAnalysis analysis;
};

class EmbeddingsController : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingsController(QObject* parent = nullptr);
    ~EmbeddingsController() override; // waits for the work under way, stopped at its next report

    // Reads and analyses request's files in the background (started, progress, then analysed or
    // failed, then ended). A request while one runs stops and replaces it.
    void open(const EmbeddingsRequest& request);
    // The points of result analysed again with settings (the samplers' P, K, alpha, beta), in
    // the background as open does; the files are not read again.
    void reanalyse(std::shared_ptr<const EmbeddingsResult> result, const sme::EmbeddingAnalysisSettings& settings);
    // Stops the work under way: no result, no failure, ended at once.
    void cancel();
    bool busy() const { return work_ != nullptr; }

    // What analyses (analyseEmbeddings; tests give a slow stand-in), on the pool's thread.
    using Analyser = std::function<sme::EmbeddingAnalysis(const sme::Dataset&, const sme::EmbeddingAnalysisSettings&,
                                                          const sme::Progress&)>;
    void setAnalyser(Analyser analyser) { analyser_ = std::move(analyser); }

    // The whole of it on the calling thread: the checksums, the reading, the analysis. Throws
    // sme::Error with a message naming the file, or sme::Cancelled.
    static EmbeddingsResult load(const EmbeddingsRequest& request, const Analyser& analyser,
                                 const sme::Progress& progress);

signals:
    void started(const QString& what);
    void progress(double done);
    void analysed(std::shared_ptr<const EmbeddingsResult> result);
    void failed(const QString& message, const EmbeddingsRequest& request);
    void ended();

private:
    struct Outcome {
        std::shared_ptr<const EmbeddingsResult> result;
        QString error; // empty with no result: cancelled
    };
    struct Work {
        EmbeddingsRequest request;
        QFutureWatcher<Outcome>* watcher;
        std::shared_ptr<std::atomic<bool>> stop;
        std::shared_ptr<std::atomic<double>> done;
    };
    void start(const EmbeddingsRequest& request, const QString& what, std::function<EmbeddingsResult(const sme::Progress&)> job);
    void finished(QFutureWatcher<Outcome>* watcher);

    Analyser analyser_;
    std::unique_ptr<Work> work_;
    QTimer* poll_; // reports work_'s progress while it runs
};
