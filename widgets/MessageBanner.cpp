// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/MessageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent)
    , label_(new QLabel)
    , layout_(new QHBoxLayout(this))
{
    setFrameShape(QFrame::StyledPanel);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton;
    close->setText(QStringLiteral("\u2715"));
    close->setToolTip(tr("Dismiss this message"));
    close->setAutoRaise(true);
    layout_->setContentsMargins(8, 4, 4, 4);
    layout_->addWidget(label_, 1);
    layout_->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &MessageBanner::clear);
    hide();
}

void MessageBanner::showMessage(const QString& text, Kind kind, QWidget* accessory)
{
    if (!isHidden()) {
        if (accessory_ && !accessory) { // the lesson stays under this message
            accessory_->hide();
            layout_->removeWidget(accessory_);
            covered_ = Covered{label_->text(), kind_, accessory_};
            accessory_ = nullptr;
            emit cleared();
        } else if (accessory_) {
            clear(); // a lesson replaced by another
        } else {
            emit cleared(); // a message replaced: the lesson under it, if any, stays there
        }
    }
    if (accessory)
        dropCovered(); // a new lesson: the old one goes for good
    display(text, kind, accessory);
}

void MessageBanner::display(const QString& text, Kind kind, QWidget* accessory)
{
    kind_ = kind;
    label_->setText(text);
    const char* colors[] = {"#e8f1fb", "#fff4d6", "#fde2e1"};
    const char* borders[] = {"#7aa7d9", "#e0b000", "#d9534f"};
    setStyleSheet(QStringLiteral("MessageBanner { background: %1; border: 1px solid %2; border-radius: 4px; }")
                      .arg(QLatin1String(colors[int(kind)]), QLatin1String(borders[int(kind)])));
    if (accessory) {
        accessory_ = accessory;
        layout_->insertWidget(1, accessory, 0, Qt::AlignVCenter);
        accessory->show();
    }
    show();
}

QString MessageBanner::text() const
{
    return label_->text();
}

void MessageBanner::withdraw(const QString& text)
{
    if (text.isEmpty())
        return;
    if (!isHidden() && label_->text() == text)
        clear();
    else if (covered_ && covered_->text == text)
        dropCovered();
}

void MessageBanner::withdrawKind(Kind kind)
{
    if (!isHidden() && kind_ == kind)
        clear();
}

void MessageBanner::clear()
{
    hide();
    const bool hadAccessory = accessory_;
    if (accessory_) {
        accessory_->hide();
        accessory_->deleteLater();
        accessory_ = nullptr;
    }
    emit cleared();
    if (hadAccessory)
        emit accessoryGone();
    else if (covered_ && covered_->accessory) { // the message this one covered comes back
        const Covered back = *covered_;
        covered_.reset();
        display(back.text, back.kind, back.accessory);
    } else {
        covered_.reset();
    }
}

void MessageBanner::dropCovered()
{
    if (!covered_)
        return;
    const QPointer<QWidget> accessory = covered_->accessory;
    covered_.reset();
    if (accessory)
        accessory->deleteLater();
    emit accessoryGone();
}
