// Sessions: every parameter and the seed in a versioned JSON file, saved atomically, and
// optionally the trained model and the run's curves in a binary run file beside it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/ViewId.h"
#include "model/training/RunFile.h"

#include <QString>
#include <optional>

// Version 2 added the optional run file; version 1 files are still read.
inline constexpr int sessionFormatVersion = 2;

// The run file of a session: NAME.run beside NAME.json (or beside NAME when it has no .json).
QString runFilePath(const QString& sessionPath);

// The embeddings window open when the session was saved: its files by absolute path and the
// SHA-256 of their bytes as stored (hex), so a file changed since is noticed when it reopens;
// the label column and the samplers' batches and margin. labelsPath empty: the labels were the
// embeddings file's own column.
struct SessionEmbeddings {
    QString path, sha256;
    QString labelsPath, labelsSha256;
    QString labelColumn;
    int batchClasses = 12, batchK = 5;
    double alpha = 0.2, beta = 1.2;
    bool operator==(const SessionEmbeddings&) const = default;
};

// The SHA-256 of a file's bytes as stored, in hex; empty when it cannot be read.
QString fileSha256(const QString& path);

// How the window showed the views, kept in a session's "view" object (sessions saved before it
// have none, and open with the views as they are).
struct SessionViewState {
    std::optional<sme::ViewId> enlarged; // none: every view shown
    bool logDensity = false;             // the density view's logarithmic axis
    bool sampledOverlaid = true;         // the sampled distances overlaid, not side by side
    bool liveSampled = false;            // the sampled distances of the live model
    std::optional<SessionEmbeddings> embeddings; // the embeddings window, when one was open
    bool operator==(const SessionViewState&) const = default;
};

// Writes the session through a temporary file renamed into place; with a run, the run file is
// written first (also atomically) and the session records its size and checksum, so a run file
// that does not belong to the session is noticed. Empty, or a message.
QString saveSession(const QString& path, const sme::ExplorerParameters& parameters,
                    const sme::SavedRun* run = nullptr, const SessionViewState* view = nullptr);

struct SessionLoad {
    std::optional<sme::ExplorerParameters> parameters; // set only when the whole file is good
    std::optional<sme::SavedRun> run;                   // when the session kept its model
    QString error;                                      // why not, naming the file
    std::optional<SessionViewState> view;               // when the session kept it
};

// Refuses, with a message and no parameters, a file that is missing, too large, not JSON
// (truncated), of another kind, of a newer format version, or with any bad field; and a
// session whose run file is missing, changed since, truncated or damaged.
SessionLoad loadSession(const QString& path);

// The same checks on a session's bytes already in memory (the fuzzer's way in); messages start
// with name. A run file the session names is looked for in folder (none: refused).
SessionLoad parseSession(const QByteArray& content, const QString& name, const QString& folder = QString());
