// What the training commands tell on standard error before and around a run: the data set's
// split, which held-out points the evaluations score, and the progress of long work.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/io/DataSource.h"
#include "model/base/Progress.h"
#include "model/data/Dataset.h"
#include "model/training/Trainer.h"

#include <QString>

// A count with thousands separators, as in the notes: 30000 -> "30,000".
QString countText(long long count);

// The data set's name in the notes: "Fashion-MNIST", "digits", "synthetic data" or the file name.
QString dataName(const DataChoice& choice);

// Which classes train and which are held out, with their counts:
// "NAME: training on classes 0-4 (T-shirt/top, ...; 30,000 images), held out 5-9 (...)".
// Labels in runs are written a-b; class names only for Fashion-MNIST (the others' labels are
// their names, or mean nothing).
QString splitDescription(const DataChoice& choice, const sme::DataSplit& split);

// The held-out points the live evaluations of settings score on split: the size of the
// class-stratified sample (every held-out point when it is not smaller).
long evaluationSampleSize(const sme::TrainerSettings& settings, const sme::DataSplit& split);

// When the live evaluations score a sample, says so on standard error:
// "COMMAND: WHEN on a class-stratified sample of 2,000 of the 30,000 held-out points; AFTER"
// (AFTER left out when empty). Says nothing when the sample is every held-out point.
void reportEvaluationSample(const char* command, const QString& when, long sample, long heldOut,
                            const QString& after);

// A progress callback for long work: "COMMAND: WHAT ... 40%" on standard error at each new tenth,
// once quietMilliseconds have passed since it was made (0: from the start), so quick work says
// nothing. Never asks to stop.
sme::Progress tenthsProgressPrinter(const char* command, const QString& what, int quietMilliseconds);
