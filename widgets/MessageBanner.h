// A message shown inside the window (an error, a divergence, a lesson), closable, never modal.
// One at a time; a message with controls of its own (a lesson's) stays under the messages shown
// after it, and comes back with its controls when they go.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QPointer>
#include <optional>

class QHBoxLayout;
class QLabel;

class MessageBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };
    explicit MessageBanner(QWidget* parent = nullptr);

    // accessory: controls that belong to the message (a lesson's), shown beside it; the banner
    // owns them until the message goes. A message without one, shown over a message with one,
    // covers it until it goes itself; a message with one replaces it.
    void showMessage(const QString& text, Kind kind, QWidget* accessory = nullptr);
    // Takes text away if it is still shown (the message covered, if any, comes back) or covered:
    // a message shown since stays.
    void withdraw(const QString& text);
    // Takes the message shown away if it is of this kind (the message covered comes back).
    void withdrawKind(Kind kind);
    QString text() const;
    Kind kind() const { return kind_; }
    QWidget* accessory() const { return accessory_; }

signals:
    // The message shown went: closed by the user, withdrawn, replaced or covered by another.
    void cleared();
    // The message with controls went for good: closed or withdrawn itself, or replaced by another
    // message with controls (not while covered).
    void accessoryGone();

private:
    struct Covered {
        QString text;
        Kind kind;
        QPointer<QWidget> accessory;
    };
    void display(const QString& text, Kind kind, QWidget* accessory);
    void clear();
    void dropCovered();

    std::optional<Covered> covered_;

    QLabel* label_;
    QHBoxLayout* layout_;
    QPointer<QWidget> accessory_;
    Kind kind_ = Kind::Information;
};
