// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunNotes.h"

#include "model/metrics/EvaluationSample.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>
#include <QTextStream>
#include <algorithm>
#include <memory>
#include <set>

namespace {

bool isFashionMnist(const DataChoice& choice)
{
    return choice.dataset == QLatin1String("fashion-mnist");
}

// What a row of the data set is called: the synthetic data and a CSV file hold points, the
// others images.
QString rowNoun(const DataChoice& choice)
{
    const bool points = choice.dataset == QLatin1String("synthetic")
        || choice.dataset.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
        || choice.dataset.endsWith(QLatin1String(".csv.gz"), Qt::CaseInsensitive);
    return points ? QStringLiteral("points") : QStringLiteral("images");
}

// "0-4", "1, 3, 5-7": the distinct labels, ascending, consecutive runs as first-last.
QString labelRuns(const std::set<int>& labels)
{
    QStringList runs;
    for (auto first = labels.begin(); first != labels.end();) {
        auto last = first;
        while (std::next(last) != labels.end() && *std::next(last) == *last + 1)
            ++last;
        runs << (first == last ? QString::number(*first) : QStringLiteral("%1-%2").arg(*first).arg(*last));
        first = std::next(last);
    }
    return runs.join(QStringLiteral(", "));
}

// "0-4 (T-shirt/top, ...; 30,000 images)"
QString partDescription(const DataChoice& choice, const sme::Dataset& part)
{
    const std::set<int> labels(part.labels.begin(), part.labels.end());
    QStringList names;
    for (const auto& [label, name] : part.classNames)
        names << QString::fromStdString(name);
    const QString count = countText(long(part.labels.size())) + QLatin1Char(' ') + rowNoun(choice);
    return QStringLiteral("%1 (%2)")
        .arg(labelRuns(labels), names.isEmpty() ? count : names.join(QStringLiteral(", ")) + QStringLiteral("; ") + count);
}

} // namespace

QString countText(long long count)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(count);
}

QString dataName(const DataChoice& choice)
{
    if (isFashionMnist(choice))
        return QStringLiteral("Fashion-MNIST");
    if (choice.dataset == QLatin1String("synthetic"))
        return QStringLiteral("synthetic data");
    if (choice.dataset == QLatin1String("digits"))
        return QStringLiteral("digits");
    return QFileInfo(choice.dataset).fileName();
}

QString splitDescription(const DataChoice& choice, const sme::DataSplit& split)
{
    return QStringLiteral("%1: training on classes %2, held out %3")
        .arg(dataName(choice), partDescription(choice, split.training), partDescription(choice, split.heldOut));
}

long evaluationSampleSize(const sme::TrainerSettings& settings, const sme::DataSplit& split)
{
    return long(sme::stratifiedSample(split.heldOut.labels, std::size_t(settings.evaluationSample), settings.seed).size());
}

void reportEvaluationSample(const char* command, const QString& when, long sample, long heldOut,
                            const QString& after)
{
    if (sample >= heldOut)
        return;
    QTextStream(stderr) << command << ": " << when << " on a class-stratified sample of " << countText(sample)
                        << " of the " << countText(heldOut) << " held-out points"
                        << (after.isEmpty() ? QString() : QStringLiteral("; ") + after) << Qt::endl;
}

sme::Progress tenthsProgressPrinter(const char* command, const QString& what, int quietMilliseconds)
{
    struct State {
        QElapsedTimer clock;
        int lastTenth = -1;
    };
    auto state = std::make_shared<State>();
    state->clock.start();
    return [command, what, quietMilliseconds, state](double done) {
        const int tenth = std::clamp(int(done * 10.0 + 1e-9), 0, 10);
        if (tenth > state->lastTenth && state->clock.elapsed() >= quietMilliseconds) {
            state->lastTenth = tenth;
            QTextStream(stderr) << command << ": " << what << " ... " << tenth * 10 << "%" << Qt::endl;
        }
        return true;
    };
}
