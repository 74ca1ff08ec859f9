// A message shown inside the window (an error, a divergence), closable, never modal.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

class MessageBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };
    explicit MessageBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind);
    // Hides the banner if it still shows text: a message shown since stays.
    void withdraw(const QString& text);
    QString text() const;
    Kind kind() const { return kind_; }

private:
    QLabel* label_;
    Kind kind_ = Kind::Information;
};
