// The bad-input matrix: bad data files and sessions, parameters at and past their limits, and
// writes that fail, each through the window's own entry points. Each row gets a message that
// names the file or the parameter, leaves the window's state (and any old file) unchanged, and
// the window usable afterwards.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BadFiles.h"
#include "SmallTraining.h"
#include "app/gui/MainWindow.h"
#include "app/io/SessionFile.h"
#include "app/control/TrainingController.h"
#include "widgets/ControlPanel.h"
#include "widgets/MessageBanner.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QDirIterator>
#include <QtTest>
#include <csignal>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

namespace {

enum class Expect {
    Refused,  // a message naming the problem; nothing changed
    Accepted, // an edge the program takes: applied, no error
    Diverged, // training stops by itself with the reason; the model keeps its last good weights
};

// Does the thing; returns the message the person is shown (the returned failure, or the banner).
using Action = std::function<QString()>;

// While it lives, no file of this process may grow past bytes: write() fails with EFBIG as it
// fails with ENOSPC on a full disk (SIGXFSZ is ignored, see initTestCase). Needs no root.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &saved_);
        const rlimit limit{bytes, saved_.rlim_max};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit saved_{};
};

QByteArray contentOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

const QByteArray oldContent = "an older file that a failed write must leave as it was\n";

void refused(const char* name, const Action& action, const QStringList& mentions, const QString& keep = {});

} // namespace

Q_DECLARE_METATYPE(Expect)
Q_DECLARE_METATYPE(Action)

namespace {
// A row whose input must be refused: a message with every one of mentions, keep unchanged.
void refused(const char* name, const Action& action, const QStringList& mentions, const QString& keep)
{
    QTest::newRow(name) << action << Expect::Refused << mentions << keep;
}
} // namespace

class BadInputTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void badInputIsRefusedClearly_data();
    void badInputIsRefusedClearly();

private:
    sme::ExplorerParameters baseline() const;
    QString bannerAfter(const std::function<void()>& act);
    Action applying(const std::function<void(sme::ExplorerParameters&)>& change);
    Action usingDataFile(const QString& name, const QByteArray& content, const QByteArray& labels = {});
    Action openingSession(const QString& name, const QByteArray& content);
    QString fileWithOldContent(const QString& name);
    QString unwritableTarget(const QString& name);
    void addFileRows();
    void addParameterRows();
    void addWriteRows();

    QTemporaryDir dir_;
    QByteArray rawNameFile_; // a file whose name is not UTF-8
    std::unique_ptr<MainWindow> window_;
    std::uint64_t seed_ = 100;
};

void BadInputTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_badinput"));
    std::signal(SIGXFSZ, SIG_IGN); // see FileSizeLimit
    QVERIFY(dir_.isValid());
    window_ = std::make_unique<MainWindow>(false);
    window_->show();
    window_->applyParameters(baseline());
    QTRY_VERIFY_WITH_TIMEOUT(!window_->computingFigures(), 30000);
}

void BadInputTest::cleanupTestCase()
{
    window_.reset();
    // Rows make files and folders read-only: writable again, so the temporary folder goes.
    QDirIterator entries(dir_.path(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
    while (entries.hasNext())
        QFile::setPermissions(entries.next(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    // The non-UTF-8 file name cannot be spelled as a QString: removed by its bytes.
    if (!rawNameFile_.isEmpty())
        ::unlink(rawNameFile_.constData());
}

// Small and quick, so each row's "still usable" check trains in moments.
sme::ExplorerParameters BadInputTest::baseline() const
{
    sme::ExplorerParameters p = testing::quickExplorer();
    p.seed = seed_;
    return p;
}

// What the banner says after act, once the figures are computed; empty when it said nothing new.
QString BadInputTest::bannerAfter(const std::function<void()>& act)
{
    const QString sentinel = QStringLiteral("(nothing said)");
    window_->banner()->showMessage(sentinel, MessageBanner::Kind::Information);
    act();
    (void)QTest::qWaitFor([this] { return !window_->computingFigures(); }, 30000);
    const QString text = window_->banner()->text();
    return text == sentinel ? QString() : text;
}

Action BadInputTest::applying(const std::function<void(sme::ExplorerParameters&)>& change)
{
    return [this, change] {
        sme::ExplorerParameters next = window_->parameters();
        change(next);
        return bannerAfter([&] { window_->applyParameters(next); });
    };
}

Action BadInputTest::usingDataFile(const QString& name, const QByteArray& content, const QByteArray& labels)
{
    const QString path = dir_.filePath(name);
    badfiles::write(path, content);
    if (!labels.isNull())
        badfiles::write(dir_.filePath(QString(name).replace("images-idx3", "labels-idx1")), labels);
    return applying([path](sme::ExplorerParameters& p) { p.dataset = path.toStdString(); });
}

Action BadInputTest::openingSession(const QString& name, const QByteArray& content)
{
    const QString path = dir_.filePath(name);
    badfiles::write(path, content);
    return [this, path] { return window_->openSession(path); };
}

QString BadInputTest::fileWithOldContent(const QString& name)
{
    const QString path = dir_.filePath(name);
    badfiles::write(path, oldContent);
    return path;
}

// A place no new file can be made. Root writes into any folder whatever its mode, so as root
// /proc stands in, which takes no new files from anyone.
QString BadInputTest::unwritableTarget(const QString& name)
{
    if (geteuid() == 0)
        return QStringLiteral("/proc/") + name;
    const QString folder = dir_.filePath(QStringLiteral("read-only"));
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(name);
    badfiles::write(path, oldContent);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
    return path;
}

void BadInputTest::badInputIsRefusedClearly_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<Expect>("expect");
    QTest::addColumn<QStringList>("mentions"); // the message contains each (any case)
    QTest::addColumn<QString>("keep");         // a file whose bytes must not change, or empty
    addFileRows();
    addParameterRows();
    addWriteRows();
}

void BadInputTest::addFileRows()
{
    using namespace badfiles;
    refused("csv empty", usingDataFile("empty.csv", ""), {"empty.csv", "empty file"});
    refused("csv truncated mid-row", usingDataFile("cut.csv", csvRows(40, 8).chopped(4)),
            {"cut.csv", "columns"});
    refused("csv header only", usingDataFile("header.csv", "x,y,label\n"), {"header.csv", "no data rows"});
    refused("csv NaN cell", usingDataFile("nan.csv", csvRows(40, 8) + "nan,1,3\n"),
            {"nan.csv", "line 42", "non-finite"});
    refused("csv Inf cell", usingDataFile("inf.csv", csvRows(40, 8) + "1,-inf,3\n"),
            {"inf.csv", "line 42", "non-finite"});
    refused("csv float overflow", usingDataFile("huge.csv", csvRows(40, 8) + "1e39,1,3\n"),
            {"huge.csv", "too large for a float"});
    refused("csv one class", usingDataFile("one.csv", csvRows(40, 1)), {"one.csv", "class"});
    refused("csv label out of range", usingDataFile("label.csv", csvRows(40, 8) + "1,1,1e10\n"),
            {"label.csv", "outside the int range"});
    refused("csv gzip", usingDataFile("packed.csv", QByteArray("\x1f\x8b\x08\0\0\0\0\0", 8)),
            {"packed.csv", "gzip"});
    refused("idx empty", usingDataFile("e-images-idx3-ubyte", "", idxLabels(40, 8)),
            {"e-images-idx3-ubyte", "empty file"});
    refused("idx truncated", usingDataFile("t-images-idx3-ubyte", idxImages(40).chopped(7), idxLabels(40, 8)),
            {"t-images-idx3-ubyte", "truncated"});
    refused("idx wrong magic", usingDataFile("m-images-idx3-ubyte", "\x01" + idxImages(40).mid(1), idxLabels(40, 8)),
            {"m-images-idx3-ubyte", "magic"});
    refused("idx huge declared size",
            usingDataFile("h-images-idx3-ubyte", idxHeader(0x08, {0xFFFFFFFFu, 0xFFFFu, 28}) + QByteArray(64, '\1'),
                          idxLabels(40, 8)),
            {"h-images-idx3-ubyte", "more than"});
    refused("idx one class", usingDataFile("o-images-idx3-ubyte", idxImages(40), idxLabels(40, 1)),
            {"o-images-idx3-ubyte", "class"});
    refused("idx labels for other images",
            usingDataFile("c-images-idx3-ubyte", idxImages(40), idxLabels(39, 8)),
            {"c-labels-idx1-ubyte", "39 labels for 40 images"});
    refused("idx NaN value",
            usingDataFile("n-images-idx3-ubyte", idxFloatImages(40, std::numeric_limits<float>::quiet_NaN()),
                          idxLabels(40, 8)),
            {"n-images-idx3-ubyte", "non-finite"});
    refused("idx without labels file", usingDataFile("l-images-idx3-ubyte", idxImages(40)),
            {"l-images-idx3-ubyte", "labels"});
    refused("data file missing", applying([this](sme::ExplorerParameters& p) {
                p.dataset = dir_.filePath("missing.csv").toStdString();
            }),
            {"missing.csv", "no such file"});
    refused("data path is a folder", applying([this](sme::ExplorerParameters& p) {
                p.dataset = dir_.path().toStdString();
            }),
            {QFileInfo(dir_.path()).fileName()});
    {
        // Qt holds file names as Unicode, so a name that is not UTF-8 cannot even be asked for:
        // the person gets the name as the program sees it and the reason.
        const QByteArray name = QFile::encodeName(dir_.path()) + "/digits-\xff\xfe.csv";
        rawNameFile_ = name;
        if (std::FILE* raw = std::fopen(name.constData(), "wb")) {
            std::fputs(badfiles::csvRows(40, 8).constData(), raw);
            std::fclose(raw);
        }
        refused("data path not UTF-8", applying([name](sme::ExplorerParameters& p) {
                    p.dataset = QFile::decodeName(name).toStdString();
                }),
                {"digits-", "no such file"});
    }
    const QString session = dir_.filePath("good.smx.json");
    saveSession(session, baseline());
    const QByteArray good = contentOf(session);
    refused("session empty", openingSession("empty.smx.json", ""), {"empty.smx.json", "not a readable session"},
            dir_.filePath("empty.smx.json"));
    refused("session truncated", openingSession("cut.smx.json", good.left(good.size() / 2)),
            {"cut.smx.json", "truncated"}, dir_.filePath("cut.smx.json"));
    refused("session of a newer version",
            openingSession("new.smx.json", QByteArray(good).replace(
                QStringLiteral("\"version\": %1").arg(sessionFormatVersion).toUtf8(), "\"version\": 99")),
            {"new.smx.json", "newer version"}, dir_.filePath("new.smx.json"));
    refused("session NaN-like field",
            openingSession("nan.smx.json", QByteArray(good).replace("\"alpha\": 0.2", "\"alpha\": \"NaN\"")),
            {"nan.smx.json", "alpha"}, dir_.filePath("nan.smx.json"));
    refused("session not UTF-8", openingSession("bytes.smx.json", "{\"format\": \"\xff\xfe\"}"),
            {"bytes.smx.json"}, dir_.filePath("bytes.smx.json"));
    refused("session path not UTF-8", [this] {
        return window_->openSession(QFile::decodeName(QFile::encodeName(dir_.path()) + "/s-\xff.json"));
    }, {"s-", "cannot open"});
}

void BadInputTest::addParameterRows()
{
    const auto row = [this](const char* name, Expect expect, const std::function<void(sme::ExplorerParameters&)>& change,
                            const QStringList& mentions) {
        QTest::newRow(name) << applying(change) << expect << mentions << QString();
    };
    using P = sme::ExplorerParameters;
    row("n = 2", Expect::Accepted, [](P& p) { p.dimension = 2; }, {});
    row("n = 3", Expect::Accepted, [](P& p) { p.dimension = 3; }, {});
    row("n = 4096", Expect::Accepted, [](P& p) { p.dimension = 4096; }, {"4096", "1024"});
    row("n = 1", Expect::Refused, [](P& p) { p.dimension = 1; }, {"dimension"});
    row("n = 5000", Expect::Refused, [](P& p) { p.dimension = 5000; }, {"dimension"});
    row("sigma = 0", Expect::Accepted, [](P& p) { p.gradientNoise = 0.0; }, {});
    row("sigma = 10 (largest)", Expect::Accepted, [](P& p) { p.gradientNoise = 10.0; }, {});
    row("sigma huge", Expect::Refused, [](P& p) { p.gradientNoise = 1e300; }, {"gradient_noise"});
    row("sigma NaN", Expect::Refused, [](P& p) { p.gradientNoise = std::nan(""); }, {"gradient_noise"});
    row("batch of one class", Expect::Refused, [](P& p) { p.batchClasses = 1; }, {"batch_classes"});
    row("K = 1", Expect::Accepted, [](P& p) { p.batchK = 1; }, {});
    row("K = 0", Expect::Refused, [](P& p) { p.batchK = 0; }, {"batch_k"});
    row("alpha negative", Expect::Refused, [](P& p) { p.alpha = -0.1; }, {"alpha"});
    row("beta negative", Expect::Refused, [](P& p) { p.beta0 = -0.5; }, {"beta0"});
    row("learning rate 0", Expect::Refused, [](P& p) { p.learningRate = 0.0; }, {"learning_rate"});
    row("hidden width 0", Expect::Refused, [](P& p) { p.hidden = {32, 0}; }, {"hidden"});
    row("Monte Carlo points negative", Expect::Refused, [](P& p) { p.monteCarloPoints = -5; }, {"monte_carlo_points"});
    row("empty data set name", Expect::Refused, [](P& p) { p.dataset.clear(); }, {"dataset"});
    QTest::newRow("lr = 1e3 diverges") << Action([this] {
        sme::ExplorerParameters next = window_->parameters();
        next.learningRate = 1e3;
        return bannerAfter([&] {
            window_->applyParameters(next);
            QSignalSpy diverged(window_->controller(), &TrainingController::diverged);
            window_->controller()->start();
            (void)diverged.wait(60000);
            (void)QTest::qWaitFor([this] { return !window_->controller()->isRunning(); }, 10000);
        });
    }) << Expect::Diverged << QStringList{"diverged", "learning rate"} << QString();
}

void BadInputTest::addWriteRows()
{
    FigureExportOptions png;
    png.format = FigureFormat::Png;
    {
        const QString target = unwritableTarget("locked.smx.json");
        refused("session into an unwritable folder", [this, target] { return window_->saveSessionTo(target); },
                {"locked.smx.json"}, geteuid() == 0 ? QString() : target);
    }
    {
        const QString target = unwritableTarget("locked.png");
        refused("export into an unwritable folder", [this, target, png] { return window_->exportView(sme::ViewId::Density, target, png); },
                {"locked.png"}, geteuid() == 0 ? QString() : target);
    }
    {
        const QString target = fileWithOldContent("full.smx.json");
        refused("session on a full disk", [this, target] {
            const FileSizeLimit full(16);
            return window_->saveSessionTo(target);
        }, {"full.smx.json", "too large"}, target);
    }
    {
        const QString target = fileWithOldContent("full.png");
        refused("PNG export on a full disk", [this, target, png] {
            const FileSizeLimit full(16);
            return window_->exportView(sme::ViewId::Density, target, png);
        }, {"full.png", "too large"}, target);
    }
    {
        FigureExportOptions svg;
        svg.format = FigureFormat::Svg;
        const QString target = fileWithOldContent("full.svg");
        refused("SVG export on a full disk", [this, target, svg] {
            const FileSizeLimit full(16);
            return window_->exportView(sme::ViewId::GradientVariance, target, svg);
        }, {"full.svg", "too large"}, target);
    }
    {
        const QString folder = dir_.filePath("all-full");
        QDir().mkpath(folder);
        const QString target = QDir(folder).filePath("density.png");
        badfiles::write(target, oldContent);
        refused("export all on a full disk", [this, folder, png] {
            const FileSizeLimit full(16);
            return window_->exportAll(folder, png);
        }, {"density.png", "too large"}, target);
    }
    {
        // The command line's CSV writer, in a child process of its own with the limit.
        const QString target = fileWithOldContent("full.csv");
        refused("CSV on a full disk (writeOutput, child)", [target] {
            QProcess child;
            child.start(QStringLiteral(SME_WRITER_CHILD), {target, "1", "C", "4096"});
            child.waitForFinished(60000);
            return child.exitCode() == 1 ? QString::fromLocal8Bit(child.readAllStandardError()) : QString();
        }, {"full.csv", "too large"}, target);
    }
    {
        const QString folder = dir_.filePath("a-folder.smx.json");
        QDir().mkpath(folder);
        refused("session path is a folder", [this, folder] { return window_->saveSessionTo(folder); },
                {"a-folder.smx.json", "directory"});
        refused("export path is a folder", [this, folder, png] { return window_->exportView(sme::ViewId::SampledDistances, folder, png); },
                {"a-folder.smx.json", "directory"});
        refused("data CSV export path is a folder (writeOutput)", [this, folder] {
            QProcess child;
            child.start(QStringLiteral(SME_WRITER_CHILD), {folder, "1", "C"});
            child.waitForFinished(60000);
            return child.exitCode() == 1 ? QString::fromLocal8Bit(child.readAllStandardError()) : QString();
        }, {"a-folder.smx.json", "directory"});
    }
    {
        const QString file = fileWithOldContent("not-a-folder");
        refused("export all into a file", [this, file, png] { return window_->exportAll(file, png); },
                {"not-a-folder"}, file);
    }
}

void BadInputTest::badInputIsRefusedClearly()
{
    QFETCH(Action, action);
    QFETCH(Expect, expect);
    QFETCH(QStringList, mentions);
    QFETCH(QString, keep);

    const sme::ExplorerParameters before = window_->parameters();
    const QByteArray kept = keep.isEmpty() ? QByteArray() : contentOf(keep);
    const QString message = action();

    // (a) The message, naming the file or the parameter.
    if (expect == Expect::Accepted) {
        QVERIFY2(window_->banner()->kind() != MessageBanner::Kind::Error || message.isEmpty(), qPrintable(message));
        QVERIFY(!(window_->parameters() == before));
    } else {
        QVERIFY2(!message.isEmpty(), "no message at all");
    }
    for (const QString& part : mentions)
        QVERIFY2(message.contains(part, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("'%1' is not in the message: %2").arg(part, message)));
    // (b) Nothing changed that should not have.
    if (expect == Expect::Refused) {
        QVERIFY(window_->parameters() == before);
        QVERIFY(window_->controls()->parameters() == before);
    }
    if (expect == Expect::Diverged)
        QVERIFY(!window_->controller()->isRunning());
    if (!keep.isEmpty())
        QCOMPARE(contentOf(keep), kept);

    // (c) Usable: a new model on good settings, its figures, a training step, a session saved.
    ++seed_;
    const sme::ExplorerParameters good = baseline();
    const QString said = bannerAfter([&] { window_->applyParameters(good); });
    QVERIFY2(said.isEmpty(), qPrintable(said));
    QVERIFY(window_->parameters() == good);
    QTRY_COMPARE_WITH_TIMEOUT(window_->displayedStep(), 0L, 30000);
    window_->controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(window_->displayedStep(), 1L, 30000);
    const QString session = dir_.filePath(QStringLiteral("after.smx.json"));
    QCOMPARE(window_->saveSessionTo(session), QString());
    const SessionLoad load = loadSession(session);
    QVERIFY(load.parameters && *load.parameters == good);
}

QTEST_MAIN(BadInputTest)
#include "tst_badinput.moc"
