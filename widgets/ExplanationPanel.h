// The "What am I seeing?" panel: one view's explanation as rich text, over the view, closable.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/ViewExplanations.h"

#include <QFrame>

class QTextBrowser;

class ExplanationPanel : public QFrame {
    Q_OBJECT
public:
    explicit ExplanationPanel(sme::ViewId view, QWidget* parent = nullptr);

    sme::ViewId explainedView() const { return view_; }
    // The document shown (rich text), and its text without markup, for tests.
    QString html() const;
    QString plainText() const;
    // The height that shows the whole text at this width (then no scroll bar is needed).
    int preferredHeight(int width) const;

signals:
    void closeRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void fill(); // in the current language

    sme::ViewId view_;
    QTextBrowser* browser_;
};
