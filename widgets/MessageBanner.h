// A message shown inside the window (an error, a divergence, a lesson), closable, never modal.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QPointer>

class QHBoxLayout;
class QLabel;

class MessageBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };
    explicit MessageBanner(QWidget* parent = nullptr);

    // accessory: controls that belong to the message (a lesson's), shown beside it; the banner
    // owns them until the message goes.
    void showMessage(const QString& text, Kind kind, QWidget* accessory = nullptr);
    // Hides the banner if it still shows text: a message shown since stays.
    void withdraw(const QString& text);
    // Hides the banner if its message is of this kind.
    void withdrawKind(Kind kind);
    QString text() const;
    Kind kind() const { return kind_; }
    QWidget* accessory() const { return accessory_; }

signals:
    // The message shown went: closed by the user, withdrawn, or replaced by another.
    void cleared();

private:
    void clear();

    QLabel* label_;
    QHBoxLayout* layout_;
    QPointer<QWidget> accessory_;
    Kind kind_ = Kind::Information;
};
