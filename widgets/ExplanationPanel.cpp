// The "What am I seeing?" panel: a rich-text browser and a close button.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ExplanationPanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <cmath>
#include <memory>

ExplanationPanel::ExplanationPanel(sme::ViewId view, QWidget* parent)
    : QFrame(parent)
    , view_(view)
    , browser_(new QTextBrowser)
{
    setObjectName(QStringLiteral("ExplanationPanel"));
    setFrameShape(QFrame::Box);
    setAutoFillBackground(true);
    QPalette paper = palette();
    paper.setColor(QPalette::Window, paper.color(QPalette::Base)); // one sheet with the text
    setPalette(paper);
    browser_->setFrameShape(QFrame::NoFrame);
    browser_->setOpenLinks(false);
    browser_->document()->setDocumentMargin(8);
    auto* close = new QToolButton;
    close->setText(QStringLiteral("\u00D7"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close the explanation"));
    connect(close, &QToolButton::clicked, this, &ExplanationPanel::closeRequested);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(0);
    layout->addWidget(browser_, 0, 0);
    layout->addWidget(close, 0, 1, Qt::AlignTop);
    fill();
}

QString ExplanationPanel::html() const
{
    return browser_->toHtml();
}

QString ExplanationPanel::plainText() const
{
    return browser_->toPlainText();
}

int ExplanationPanel::preferredHeight(int width) const
{
    // A copy: the browser sets its own document's width to its viewport.
    const std::unique_ptr<QTextDocument> document(browser_->document()->clone());
    const int margins = 2 * (frameWidth() + 1);
    const int closeWidth = layout()->itemAt(1)->sizeHint().width();
    document->setTextWidth(width - margins - closeWidth);
    return int(std::ceil(document->size().height())) + margins + 2;
}

void ExplanationPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        fill();
    QFrame::changeEvent(event);
}

void ExplanationPanel::fill()
{
    browser_->setHtml(explanationHtml(viewExplanation(view_)));
}
