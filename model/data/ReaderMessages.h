// The messages of the file readers, each pattern named once: the readers throw them as
// Messages, and the window's translations list every one (app/io/ModelMessages.cpp), which
// tst_translation checks through `all`.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Message.h"

#include <array>
#include <string>

namespace sme::readermessages {

// Before a message about a file or a data set: its name (%1), or "data set" for one without.
inline constexpr MessagePattern namePrefix{"%1: "};
inline constexpr MessagePattern dataSetPrefix{"data set: "};

// Reading a file (%1 its path).
inline constexpr MessagePattern cannotOpen{"%1: cannot open: %2"};
inline constexpr MessagePattern cannotRead{"%1: cannot read: %2"};
inline constexpr MessagePattern fileTooLarge{"%1: larger than 2 GiB: too large to load"};

// A text file of points (%1 the prefix above).
inline constexpr MessagePattern gzipAsText{"%1gzip-compressed data where text was expected (compressed twice?)"};
inline constexpr MessagePattern emptyFile{"%1empty file"};
inline constexpr MessagePattern noColumn{"%1no column '%2'; its columns: %3"};
inline constexpr MessagePattern noHeaderForColumn{
    "%1no header row (its first line is numbers), so no column '%2' to take the labels from"};
inline constexpr MessagePattern noDataRowsAfterHeader{"%1no data rows after the header"};
inline constexpr MessagePattern tooManyValues{"%1%2 rows of %3 values: more than %4, too large to load"};
inline constexpr MessagePattern lineIsEmpty{
    "%1line %2 is empty (one point per line; only blank lines at the end are skipped)"};
inline constexpr MessagePattern lineHasValues{"%1line %2 has %3 values, line 1 has %4"};
inline constexpr MessagePattern lineHasColumns{"%1line %2 has %3 columns, line 1 has %4"};
// A field (%1 the prefix, %2 the line, %3 the value's or column's number), and what is wrong
// with it (%1 the field, %2 its text).
inline constexpr MessagePattern atValue{"%1line %2, value %3"};
inline constexpr MessagePattern atColumn{"%1line %2, column %3"};
inline constexpr MessagePattern emptyLabelAt{"%1: empty label"};
inline constexpr MessagePattern fieldEmpty{"%1 is empty"};
inline constexpr MessagePattern fieldNotNumber{"%1 %2 is not a number"};
inline constexpr MessagePattern fieldNaN{"%1 is NaN"};
inline constexpr MessagePattern fieldInfinite{"%1 is infinite (%2)"};
inline constexpr MessagePattern fieldTooLarge{"%1 %2 is too large for a float"};
inline constexpr MessagePattern projectorHasNoHeader{
    "%1 (the Projector's vectors file has no header row: labels go in its metadata file)"};

// A labels file (the Projector's metadata).
inline constexpr MessagePattern noLabelColumn{
    "%1%2 columns (%3) and none named 'label': name the column of the labels (--label-column NAME)"};
inline constexpr MessagePattern oneColumnNamed{
    "%1one column, so no header row (the Projector's rule) and no column '%2': leave the label column out"};
inline constexpr MessagePattern lineHasField{"%1line %2 has %3 field, the header has %4"};
inline constexpr MessagePattern lineHasFields{"%1line %2 has %3 fields, the header has %4"};
inline constexpr MessagePattern lineEmptyLabel{"%1line %2: empty label"};

// Embeddings, once read.
inline constexpr MessagePattern noLabelsBeside{
    "%1no labels: looked for %2 (or .gz) beside it; give the labels file with --labels FILE (the Projector's "
    "metadata TSV, one label per line)"};
inline constexpr MessagePattern noLabelsFile{"%1no labels file"};
inline constexpr MessagePattern dimensionTooSmall{
    "%1dimension %2 (values per point): a point needs at least two to have a direction on a sphere"};
inline constexpr MessagePattern labelCount{"%1 has %2 labels for %3 points"};
inline constexpr MessagePattern allOneClass{"%1all %2 points are of one class '%3': retrieval needs at least two"};
inline constexpr MessagePattern zeroVector{"%1row %2 is the zero vector: it has no direction on the sphere"};

// Any data set (Dataset::validate).
inline constexpr MessagePattern noDataRows{"%1no data rows"};
inline constexpr MessagePattern noFeatureColumns{"%1no feature columns"};
inline constexpr MessagePattern rowsButLabels{"%1%2 rows of features but %3 labels"};
inline constexpr MessagePattern nonFiniteAt{"%1non-finite value at row %2, column %3"};
inline constexpr MessagePattern onlyOneClass{"%1only one class (%2): retrieval needs at least two"};

// A CSV data set (features, then the label in the last column): a cell (%1 the prefix, %2 the
// line, %3 the column, %4 what is wrong with it, %1 of which is the cell's text).
inline constexpr MessagePattern cellAt{"%1line %2, column %3: %4"};
inline constexpr MessagePattern cellEmpty{"empty cell"};
inline constexpr MessagePattern cellNotNumber{"%1 is not a number"};
inline constexpr MessagePattern cellNonFinite{"non-finite value %1"};
inline constexpr MessagePattern cellTooLarge{"%1 is too large for a float"};
inline constexpr MessagePattern labelCellEmpty{"empty cell (the label)"};
inline constexpr MessagePattern labelNotNumber{"label %1 is not a number"};
inline constexpr MessagePattern labelNotFinite{"label %1 is not finite"};
inline constexpr MessagePattern labelNotInteger{"label %1 is not an integer"};
inline constexpr MessagePattern labelOutsideInt{"label %1 is outside the int range"};
inline constexpr MessagePattern csvOneColumn{
    "%1line %2: 1 column; need at least one feature and the label in the last column"};
inline constexpr MessagePattern csvHeaderColumns{"%1line %2: the header has %3 columns but line %4 has %5"};
inline constexpr MessagePattern csvLineColumns{"%1line %2 has %3 columns, expected %4 as on line %5"};
inline constexpr MessagePattern csvTooManyValues{"%1more than %2 values: too large to load"};

// Gzip-compressed files; a size (%1 a number).
inline constexpr MessagePattern sizeGiB{"%1 GiB"};
inline constexpr MessagePattern sizeMiB{"%1 MiB"};
inline constexpr MessagePattern sizeBytes{"%1 bytes"};
inline constexpr MessagePattern zlibCannotStart{"%1cannot start zlib: %2"};
inline constexpr MessagePattern outOfMemory{"out of memory"};
inline constexpr MessagePattern tooLargeDecompressed{"%1more than %2 once decompressed: too large to load"};
inline constexpr MessagePattern byteAfterGzip{"%1%2 byte after the end of the gzip data, not gzip"};
inline constexpr MessagePattern bytesAfterGzip{"%1%2 bytes after the end of the gzip data, not gzip"};
inline constexpr MessagePattern zlibCannotRestart{"%1cannot restart zlib"};
inline constexpr MessagePattern gzipTruncated{
    "%1truncated gzip file: it ends after %2 bytes, before the end of its compressed stream"};
inline constexpr MessagePattern gzipDamaged{"%1damaged gzip data: %2"};
inline constexpr MessagePattern needsDictionary{"needs a dictionary"};
inline constexpr MessagePattern zlibError{"%1cannot decompress: zlib error %2"};
inline constexpr MessagePattern zlibErrorSaying{"%1cannot decompress: zlib error %2: %3"};
inline constexpr MessagePattern fileLargerThan{"%1: larger than %2: too large to load"};

// NumPy .npy files (%1 the prefix): what is refused, what a dtype holds in words.
inline constexpr MessagePattern npyNotNpy{"%1not a NumPy .npy file: it does not start with \\x93NUMPY"};
inline constexpr MessagePattern npyDtype{"%1dtype '%2' (%3): only float32 and float64 are read"};
inline constexpr MessagePattern npyStructured{
    "%1dtype %2 (a structured type, fields of their own): only float32 and float64 are read"};
inline constexpr MessagePattern npyBooleans{"booleans"};
inline constexpr MessagePattern npyIntegers{"%1-bit integers"};
inline constexpr MessagePattern npyUnsigned{"%1-bit unsigned integers"};
inline constexpr MessagePattern npyFloats{"%1-bit floats"};
inline constexpr MessagePattern npyComplex{"%1-bit complex numbers"};
inline constexpr MessagePattern npyUnicode{"Unicode strings"};
inline constexpr MessagePattern npyByteStrings{"byte strings"};
inline constexpr MessagePattern npyObjects{"Python objects"};
inline constexpr MessagePattern npyDates{"dates and times"};
inline constexpr MessagePattern npyTimeSpans{"time spans"};
inline constexpr MessagePattern npyRawBytes{"raw bytes"};
inline constexpr MessagePattern npyNotAType{"not a NumPy type"};
inline constexpr MessagePattern npyNotTwoD{"%1shape %2 is %3-D: need 2-D, a point per row (points, dimensions)"};
inline constexpr MessagePattern npyNoPoints{"%1shape %2: no points"};
inline constexpr MessagePattern npyTooManyValues{"%1shape %2 holds more than %3 values: too large to load"};
inline constexpr MessagePattern npyDataTooShort{
    "%1data too short: shape %2 of %3 needs %4 bytes after the header, the file has %5"};
inline constexpr MessagePattern npyBytesAfter{"%1%2 bytes after the data of shape %3 of %4"};
inline constexpr MessagePattern npyVersion{"%1.npy format version %2.%3: only versions 1.0, 2.0 and 3.0 are read"};
inline constexpr MessagePattern atRowValue{"%1row %2, value %3"};
inline constexpr MessagePattern valueInfinite{"%1 is infinite"};

// The .npy header's syntax: where (%1 the prefix, %2 the character), then what is wrong there.
inline constexpr MessagePattern npyNotDict{
    "%1the header is not a Python dict (it should read {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }) "
    "but starts with %2"};
inline constexpr MessagePattern npyHeaderAt{"%1header, character %2: %3"};
inline constexpr MessagePattern npyExpected{"expected %1"};
inline constexpr MessagePattern npyCommaOrBrace{"',' or '}' after a value"};
inline constexpr MessagePattern npyColonAfterKey{"':' after a key"};
inline constexpr MessagePattern npyInTuple{"',' or ')' in a tuple"};
inline constexpr MessagePattern npyInList{"',' or ']' in a list"};
inline constexpr MessagePattern npyKeyNotString{"a key is not a string"};
inline constexpr MessagePattern npyTextAfterDict{"text after the dict"};
inline constexpr MessagePattern npyNestedTooDeeply{"nested too deeply"};
inline constexpr MessagePattern npyUnclosedString{"a string without its closing quote"};
inline constexpr MessagePattern npyEscapeSequence{"an escape sequence in a string"};
inline constexpr MessagePattern npyExpectedValue{"expected a string, True, False, a number, a tuple or a list"};
inline constexpr MessagePattern npyNumberTooLong{"a number beyond 64 bits"};
// The .npy header's contents and length.
inline constexpr MessagePattern npyShapeNotTuple{"%1'shape' is %2, not a tuple"};
inline constexpr MessagePattern npyShapeHolds{"%1'shape' %2 holds %3, not a size"};
inline constexpr MessagePattern npyCutInVersion{"%1truncated: %2 bytes, cut off in the magic string or the version"};
inline constexpr MessagePattern npyCutInLength{"%1truncated: cut off in the header length"};
inline constexpr MessagePattern npyHeaderCut{"%1truncated: the header should have %2 bytes, the file ends after %3"};
inline constexpr MessagePattern npyUnknownKey{
    "%1the header has an unknown key '%2' (a .npy header has 'descr', 'fortran_order' and 'shape')"};
inline constexpr MessagePattern npyKeyTwice{"%1the header has '%2' twice"};
inline constexpr MessagePattern npyFortranOrder{"%1'fortran_order' is %2, not True or False"};
inline constexpr MessagePattern npyNoKey{"%1the header has no '%2'"};

// IDX files, MNIST's format (%1 the prefix): the header, then what it declares against what
// the file holds (%2 the sizes declared, "60000 x 28 x 28", in bytes or in values of a size).
inline constexpr MessagePattern idxGzipTwice{"%1gzip-compressed data where IDX data was expected (compressed twice?)"};
inline constexpr MessagePattern idxTooShort{"%1truncated: %2 bytes, too short for an IDX header"};
inline constexpr MessagePattern idxMagic{"%1wrong magic number (expected 0x00 0x00 at the start)"};
inline constexpr MessagePattern idxUnknownType{
    "%1unknown element type %2 (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)"};
inline constexpr MessagePattern idxImagesDimensions{
    "%1an images file needs at least 2 dimensions (count x image), this one declares %2"};
inline constexpr MessagePattern idxLabelsDimensions{"%1a labels file needs exactly 1 dimension, this one declares %2"};
inline constexpr MessagePattern idxHeaderCut{
    "%1truncated: the header declares %2 dimensions but the file ends after %3 bytes"};
inline constexpr MessagePattern idxSizeZero{"%1the header declares %2: a size of 0 leaves nothing to read"};
inline constexpr MessagePattern idxTooManyValues{
    "%1the header declares %2 values, more than the %3 this program can hold"};
inline constexpr MessagePattern idxValuesOf{"%1 values of %2 bytes (%3 bytes)"};
inline constexpr MessagePattern idxDataShort{
    "%1truncated: the header declares %2 but the file has %3 after the %4-byte header"};
inline constexpr MessagePattern idxDataLong{
    "%1the header declares %2 but the file has %3 after the %4-byte header: %5 bytes too many"};
inline constexpr MessagePattern idxLabelCount{"%1%2 labels for %3 images"};
inline constexpr MessagePattern idxImageValue{"image %1, value %2"};
inline constexpr MessagePattern idxNonFiniteAt{"%1non-finite value at %2"};
inline constexpr MessagePattern idxTooLargeAt{"%1%2 (%3) is too large for a float"};
inline constexpr MessagePattern idxNonFinite{"%1non-finite value"};
inline constexpr MessagePattern idxLabelNotFinite{"%1label %2 is not finite"};
inline constexpr MessagePattern idxLabelNotInteger{"%1label %2 is %3, not an integer"};
inline constexpr MessagePattern idxLabelOutsideInt{"%1label %2 is %3, outside the int range"};

// A data set split, and embeddings analysed (%1 the prefix).
inline constexpr MessagePattern splitNeedsClasses{
    "%1a training share of %2 splits %3 classes into %4 for training and %5 held out; each part needs at least two "
    "classes"};
inline constexpr MessagePattern noiseNeedsClasses{"%1label noise needs two classes or more"};
inline constexpr MessagePattern batchNeedsClasses{
    "P x K batches with K = %1 need at least 2 classes with %1 points or more; %2 of %3 classes have that many: "
    "choose a smaller K"};
inline constexpr MessagePattern zeroPoint{"%1point %2 is the zero vector: it has no direction on the sphere"};
inline constexpr MessagePattern dimensionOutside{
    "%1embeddings of dimension %2 cannot be analysed: the dimension must be between %3 and %4"};

inline constexpr std::array all{
    namePrefix, dataSetPrefix, cannotOpen, cannotRead, fileTooLarge, gzipAsText, emptyFile, noColumn,
    noHeaderForColumn, noDataRowsAfterHeader, tooManyValues, lineIsEmpty, lineHasValues, lineHasColumns, atValue,
    atColumn, emptyLabelAt, fieldEmpty, fieldNotNumber, fieldNaN, fieldInfinite, fieldTooLarge,
    projectorHasNoHeader, noLabelColumn, oneColumnNamed, lineHasField, lineHasFields, lineEmptyLabel,
    noLabelsBeside, noLabelsFile, dimensionTooSmall, labelCount, allOneClass, zeroVector, noDataRows,
    noFeatureColumns, rowsButLabels, nonFiniteAt, onlyOneClass, cellAt, cellEmpty, cellNotNumber, cellNonFinite,
    cellTooLarge, labelCellEmpty, labelNotNumber, labelNotFinite, labelNotInteger, labelOutsideInt, csvOneColumn,
    csvHeaderColumns, csvLineColumns, csvTooManyValues, sizeGiB, sizeMiB, sizeBytes, zlibCannotStart, outOfMemory,
    tooLargeDecompressed, byteAfterGzip, bytesAfterGzip, zlibCannotRestart, gzipTruncated, gzipDamaged,
    needsDictionary, zlibError, zlibErrorSaying, fileLargerThan, npyNotNpy, npyDtype, npyStructured, npyBooleans,
    npyIntegers, npyUnsigned, npyFloats, npyComplex, npyUnicode, npyByteStrings, npyObjects, npyDates, npyTimeSpans,
    npyRawBytes, npyNotAType, npyNotTwoD, npyNoPoints, npyTooManyValues, npyDataTooShort, npyBytesAfter, npyVersion,
    atRowValue, valueInfinite, npyNotDict, npyHeaderAt, npyExpected, npyCommaOrBrace, npyColonAfterKey, npyInTuple,
    npyInList, npyKeyNotString, npyTextAfterDict, npyNestedTooDeeply, npyUnclosedString, npyEscapeSequence,
    npyExpectedValue, npyNumberTooLong, npyShapeNotTuple, npyShapeHolds, npyCutInVersion, npyCutInLength,
    npyHeaderCut, npyUnknownKey, npyKeyTwice, npyFortranOrder, npyNoKey, idxGzipTwice, idxTooShort, idxMagic,
    idxUnknownType, idxImagesDimensions, idxLabelsDimensions, idxHeaderCut, idxSizeZero, idxTooManyValues,
    idxValuesOf, idxDataShort, idxDataLong, idxLabelCount, idxImageValue, idxNonFiniteAt, idxTooLargeAt,
    idxNonFinite, idxLabelNotFinite, idxLabelNotInteger, idxLabelOutsideInt, splitNeedsClasses, noiseNeedsClasses,
    batchNeedsClasses, zeroPoint, dimensionOutside};

// The prefix for a file's or a data set's name.
inline Message prefixOf(const std::string& name)
{
    return name.empty() ? Message(dataSetPrefix) : Message(namePrefix, {name});
}

} // namespace sme::readermessages
