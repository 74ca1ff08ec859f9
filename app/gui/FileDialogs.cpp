// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/FileDialogs.h"

#include "app/gui/ScreenFit.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHeaderView>
#include <QListView>
#include <QLocale>
#include <QMimeDatabase>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace filedialogs {
namespace {

// The widest of texts in the view's font, with the room a cell keeps around its text.
int columnWidth(const QTreeView& view, const QStringList& texts)
{
    const QFontMetrics metrics(view.font());
    int widest = 0;
    for (const QString& text : texts)
        widest = std::max(widest, metrics.horizontalAdvance(text));
    return widest + 24;
}

// What Qt's file model writes in the size, type and date columns, at their widest for the files
// the explorer reads and writes.
QStringList sizeTexts()
{
    const QLocale locale = QLocale::system();
    QStringList texts;
    for (const double scale : {1.0, 1024.0, 1024.0 * 1024.0, 1024.0 * 1024.0 * 1024.0})
        texts.append(locale.formattedDataSize(qint64(std::floor(1023.99 * scale))));
    return texts;
}

QStringList typeTexts()
{
    const QMimeDatabase types;
    QStringList texts;
    for (const char* name : {"inode/directory", "application/gzip", "text/csv", "text/tab-separated-values",
                             "application/json", "image/png", "image/svg+xml", "application/pdf", "text/markdown",
                             "text/x-tex", "application/octet-stream"})
        texts.append(types.mimeTypeForName(QLatin1String(name)).comment());
    return texts;
}

QStringList dateTexts()
{
    const QDateTime widest(QDate(2026, 12, 28), QTime(23, 58, 58));
    return {QLocale::system().toString(widest, QLocale::ShortFormat)};
}

// The places on the left ("Computer", the home folder) in full, where Qt's default width cut
// "Computer" to "Com…": the sidebar at least as wide as its widest place asks (the user may
// widen it still; the files' view keeps the rest).
void fitSidebar(QFileDialog& dialog)
{
    auto* sidebar = dialog.findChild<QListView*>(QStringLiteral("sidebar"));
    if (!sidebar || !sidebar->model() || !sidebar->itemDelegate())
        return;
    QStyleOptionViewItem option;
    option.initFrom(sidebar);
    // As QAbstractItemView gives its delegate: the style's small icons unless set.
    const int smallIcon = sidebar->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, sidebar);
    option.decorationSize = sidebar->iconSize().isValid() ? sidebar->iconSize() : QSize(smallIcon, smallIcon);
    int widest = 0;
    for (int row = 0; row < sidebar->model()->rowCount(); ++row)
        widest = std::max(widest, sidebar->itemDelegate()->sizeHint(option, sidebar->model()->index(row, 0)).width());
    sidebar->setMinimumWidth(std::max(sidebar->minimumWidth(), widest + 2 * sidebar->frameWidth()));
}

QString chosen(QFileDialog& dialog)
{
    fit(dialog);
    return dialog.exec() == QDialog::Accepted ? dialog.selectedFiles().value(0) : QString();
}

} // namespace

void fit(QFileDialog& dialog)
{
    fitWindowToScreen(&dialog, QSize(960, 600));
    auto* view = dialog.findChild<QTreeView*>(QStringLiteral("treeView"));
    if (!view || !view->model() || view->model()->columnCount() < 4)
        return; // a desktop's own dialog
    fitSidebar(dialog);
    QHeaderView* header = view->header();
    const QStringList columns[] = {sizeTexts(), typeTexts(), dateTexts()};
    for (int column = 1; column <= 3; ++column) {
        QStringList texts = columns[column - 1];
        texts.append(view->model()->headerData(column, Qt::Horizontal).toString());
        header->resizeSection(column, std::max(header->sectionSize(column), columnWidth(*view, texts)));
    }
}

QString openFile(QWidget* parent, const QString& caption, const QString& directory, const QString& filter)
{
    QFileDialog dialog(parent, caption, directory, filter);
    dialog.setFileMode(QFileDialog::ExistingFile);
    return chosen(dialog);
}

QString saveFile(QWidget* parent, const QString& caption, const QString& path, const QString& filter,
                 QString* selectedFilter)
{
    QFileDialog dialog(parent, caption, path, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    if (selectedFilter && !selectedFilter->isEmpty())
        dialog.selectNameFilter(*selectedFilter);
    const QString file = chosen(dialog);
    if (selectedFilter && !file.isEmpty())
        *selectedFilter = dialog.selectedNameFilter();
    return file;
}

QString folder(QWidget* parent, const QString& caption, const QString& directory)
{
    QFileDialog dialog(parent, caption, directory);
    dialog.setFileMode(QFileDialog::Directory);
    dialog.setOption(QFileDialog::ShowDirsOnly);
    return chosen(dialog);
}

} // namespace filedialogs
