// The views in a grid; any one can be enlarged to fill it (double-click, or by number).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QGridLayout;

class ViewGrid : public QWidget {
    Q_OBJECT
public:
    explicit ViewGrid(int columns, QWidget* parent = nullptr);

    void addView(QWidget* view);
    int count() const { return int(views_.size()); }
    QWidget* view(int index) const { return views_.at(index); }

    // Shows only view index, enlarged; -1 shows them all again.
    void focusView(int index);
    int focusedView() const { return focused_; }

signals:
    void focusChanged(int index);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void relayout();

    int columns_;
    int focused_ = -1;
    QGridLayout* layout_;
    QList<QWidget*> views_;
};
