// "What am I seeing?": the one place holding each view's explanation (what is drawn, its
// formula, what the controls change), translatable under the context "ViewExplanations".
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ViewId.h"

#include <QString>

// Every field is translated when asked for (the current language, not the one at start).
struct ViewExplanation {
    QString title;    // plain text
    QString text;     // two or three sentences, plain text
    QString formula;  // rich text (HTML with Unicode maths, <sub>, <sup>), never TeX
    QString controls; // what moving the controls changes, plain text
};

ViewExplanation viewExplanation(sme::ViewId view);

// The whole explanation as one rich-text document: title, text, formula, controls.
QString explanationHtml(const ViewExplanation& explanation);
