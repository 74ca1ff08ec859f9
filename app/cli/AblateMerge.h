// `ablate merge`: the CSV files of an ablation's shards read back and put together into the
// full grid's table.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"

#include <QByteArray>
#include <QString>
#include <vector>

struct AblationShardFile {
    QString path;       // names the file in messages
    QByteArray content; // as ablate wrote it
};

// The rows of every file in the full grid's order (sampler, then loss), as one run of the whole
// grid would have written them: numbers are read back exactly, so the merged CSV is byte for
// byte that run's. Strict: throws sme::Error naming the file (and line) for a header that is not
// ablate's, a row that does not read (unknown sampler or loss, a cell that is not a number, the
// wrong number of cells), a cell found twice (naming both files), or cells no file holds.
sme::Table mergeAblationShards(const std::vector<AblationShardFile>& files);
