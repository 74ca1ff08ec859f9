// Long work in the status bar: what is under way, how far it is, and a button that cancels it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

class WorkProgress : public QWidget {
    Q_OBJECT
public:
    explicit WorkProgress(QWidget* parent = nullptr);

    // Work under way, described by text. Shown only once it has lasted showDelayMs, so work
    // that ends at once does not flash a bar.
    void start(const QString& text);
    void setProgress(double done); // 0..1
    void finish();
    bool underWay() const { return underWay_; }
    double progress() const;
    static constexpr int showDelayMs = 300;

signals:
    void cancelRequested();

private:
    QLabel* label_;
    QProgressBar* bar_;
    QPushButton* cancel_;
    QTimer* delay_;
    bool underWay_ = false;
};
