// `sampling-explorer analyse`: embeddings from a model of one's own, as sampling sees them.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Needs a QApplication when it renders figures (--figures; the offscreen platform is enough).
// Exit codes: 0 done, 1 a file could not be written, 2 bad arguments or data.
int runAnalyseCommand(const QStringList& arguments);
