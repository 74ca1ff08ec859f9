// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/ModelMessages.h"

#include "model/base/Error.h"

#include <QCoreApplication>
#include <string>
#include <vector>

namespace {

// Every pattern of model/data/ReaderMessages.h, for lupdate to find (the patterns are the core's,
// which has no Qt). tst_translation checks through readermessages::all that each is translated.
[[maybe_unused]] const char* const readerPatterns[] = {
    QT_TRANSLATE_NOOP("sme::Message", "%1: "), // namePrefix
    QT_TRANSLATE_NOOP("sme::Message", "data set: "), // dataSetPrefix
    QT_TRANSLATE_NOOP("sme::Message", "%1: cannot open: %2"), // cannotOpen
    QT_TRANSLATE_NOOP("sme::Message", "%1: cannot read: %2"), // cannotRead
    QT_TRANSLATE_NOOP("sme::Message", "%1: larger than 2 GiB: too large to load"), // fileTooLarge
    QT_TRANSLATE_NOOP("sme::Message", "%1gzip-compressed data where text was expected (compressed twice?)"), // gzipAsText
    QT_TRANSLATE_NOOP("sme::Message", "%1empty file"), // emptyFile
    QT_TRANSLATE_NOOP("sme::Message", "%1no column '%2'; its columns: %3"), // noColumn
    QT_TRANSLATE_NOOP("sme::Message", "%1no header row (its first line is numbers), so no column '%2' to take the labels from"), // noHeaderForColumn
    QT_TRANSLATE_NOOP("sme::Message", "%1no data rows after the header"), // noDataRowsAfterHeader
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 rows of %3 values: more than %4, too large to load"), // tooManyValues
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2 is empty (one point per line; only blank lines at the end are skipped)"), // lineIsEmpty
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2 has %3 values, line 1 has %4"), // lineHasValues
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2 has %3 columns, line 1 has %4"), // lineHasColumns
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2, value %3"), // atValue
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2, column %3"), // atColumn
    QT_TRANSLATE_NOOP("sme::Message", "%1: empty label"), // emptyLabelAt
    QT_TRANSLATE_NOOP("sme::Message", "%1 is empty"), // fieldEmpty
    QT_TRANSLATE_NOOP("sme::Message", "%1 %2 is not a number"), // fieldNotNumber
    QT_TRANSLATE_NOOP("sme::Message", "%1 is NaN"), // fieldNaN
    QT_TRANSLATE_NOOP("sme::Message", "%1 is infinite (%2)"), // fieldInfinite
    QT_TRANSLATE_NOOP("sme::Message", "%1 %2 is too large for a float"), // fieldTooLarge
    QT_TRANSLATE_NOOP("sme::Message", "%1 (the Projector's vectors file has no header row: labels go in its metadata file)"), // projectorHasNoHeader
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 columns (%3) and none named 'label': name the column of the labels (--label-column NAME)"), // noLabelColumn
    QT_TRANSLATE_NOOP("sme::Message", "%1one column, so no header row (the Projector's rule) and no column '%2': leave the label column out"), // oneColumnNamed
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2 has %3 field, the header has %4"), // lineHasField
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2 has %3 fields, the header has %4"), // lineHasFields
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2: empty label"), // lineEmptyLabel
    QT_TRANSLATE_NOOP("sme::Message", "%1no labels: looked for %2 (or .gz) beside it; give the labels file with --labels FILE (the Projector's metadata TSV, one label per line)"), // noLabelsBeside
    QT_TRANSLATE_NOOP("sme::Message", "%1no labels file"), // noLabelsFile
    QT_TRANSLATE_NOOP("sme::Message", "%1dimension %2 (values per point): a point needs at least two to have a direction on a sphere"), // dimensionTooSmall
    QT_TRANSLATE_NOOP("sme::Message", "%1 has %2 labels for %3 points"), // labelCount
    QT_TRANSLATE_NOOP("sme::Message", "%1all %2 points are of one class '%3': retrieval needs at least two"), // allOneClass
    QT_TRANSLATE_NOOP("sme::Message", "%1row %2 is the zero vector: it has no direction on the sphere"), // zeroVector
    QT_TRANSLATE_NOOP("sme::Message", "%1no data rows"), // noDataRows
    QT_TRANSLATE_NOOP("sme::Message", "%1no feature columns"), // noFeatureColumns
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 rows of features but %3 labels"), // rowsButLabels
    QT_TRANSLATE_NOOP("sme::Message", "%1non-finite value at row %2, column %3"), // nonFiniteAt
    QT_TRANSLATE_NOOP("sme::Message", "%1only one class (%2): retrieval needs at least two"), // onlyOneClass
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2, column %3: %4"), // cellAt
    QT_TRANSLATE_NOOP("sme::Message", "empty cell"), // cellEmpty
    QT_TRANSLATE_NOOP("sme::Message", "%1 is not a number"), // cellNotNumber
    QT_TRANSLATE_NOOP("sme::Message", "non-finite value %1"), // cellNonFinite
    QT_TRANSLATE_NOOP("sme::Message", "%1 is too large for a float"), // cellTooLarge
    QT_TRANSLATE_NOOP("sme::Message", "empty cell (the label)"), // labelCellEmpty
    QT_TRANSLATE_NOOP("sme::Message", "label %1 is not a number"), // labelNotNumber
    QT_TRANSLATE_NOOP("sme::Message", "label %1 is not finite"), // labelNotFinite
    QT_TRANSLATE_NOOP("sme::Message", "label %1 is not an integer"), // labelNotInteger
    QT_TRANSLATE_NOOP("sme::Message", "label %1 is outside the int range"), // labelOutsideInt
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2: 1 column; need at least one feature and the label in the last column"), // csvOneColumn
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2: the header has %3 columns but line %4 has %5"), // csvHeaderColumns
    QT_TRANSLATE_NOOP("sme::Message", "%1line %2 has %3 columns, expected %4 as on line %5"), // csvLineColumns
    QT_TRANSLATE_NOOP("sme::Message", "%1more than %2 values: too large to load"), // csvTooManyValues
    QT_TRANSLATE_NOOP("sme::Message", "%1 GiB"), // sizeGiB
    QT_TRANSLATE_NOOP("sme::Message", "%1 MiB"), // sizeMiB
    QT_TRANSLATE_NOOP("sme::Message", "%1 bytes"), // sizeBytes
    QT_TRANSLATE_NOOP("sme::Message", "%1cannot start zlib: %2"), // zlibCannotStart
    QT_TRANSLATE_NOOP("sme::Message", "out of memory"), // outOfMemory
    QT_TRANSLATE_NOOP("sme::Message", "%1more than %2 once decompressed: too large to load"), // tooLargeDecompressed
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 byte after the end of the gzip data, not gzip"), // byteAfterGzip
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 bytes after the end of the gzip data, not gzip"), // bytesAfterGzip
    QT_TRANSLATE_NOOP("sme::Message", "%1cannot restart zlib"), // zlibCannotRestart
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated gzip file: it ends after %2 bytes, before the end of its compressed stream"), // gzipTruncated
    QT_TRANSLATE_NOOP("sme::Message", "%1damaged gzip data: %2"), // gzipDamaged
    QT_TRANSLATE_NOOP("sme::Message", "needs a dictionary"), // needsDictionary
    QT_TRANSLATE_NOOP("sme::Message", "%1cannot decompress: zlib error %2"), // zlibError
    QT_TRANSLATE_NOOP("sme::Message", "%1cannot decompress: zlib error %2: %3"), // zlibErrorSaying
    QT_TRANSLATE_NOOP("sme::Message", "%1: larger than %2: too large to load"), // fileLargerThan
    QT_TRANSLATE_NOOP("sme::Message", "%1not a NumPy .npy file: it does not start with \\x93NUMPY"), // npyNotNpy
    QT_TRANSLATE_NOOP("sme::Message", "%1dtype '%2' (%3): only float32 and float64 are read"), // npyDtype
    QT_TRANSLATE_NOOP("sme::Message", "%1dtype %2 (a structured type, fields of their own): only float32 and float64 are read"), // npyStructured
    QT_TRANSLATE_NOOP("sme::Message", "booleans"), // npyBooleans
    QT_TRANSLATE_NOOP("sme::Message", "%1-bit integers"), // npyIntegers
    QT_TRANSLATE_NOOP("sme::Message", "%1-bit unsigned integers"), // npyUnsigned
    QT_TRANSLATE_NOOP("sme::Message", "%1-bit floats"), // npyFloats
    QT_TRANSLATE_NOOP("sme::Message", "%1-bit complex numbers"), // npyComplex
    QT_TRANSLATE_NOOP("sme::Message", "Unicode strings"), // npyUnicode
    QT_TRANSLATE_NOOP("sme::Message", "byte strings"), // npyByteStrings
    QT_TRANSLATE_NOOP("sme::Message", "Python objects"), // npyObjects
    QT_TRANSLATE_NOOP("sme::Message", "dates and times"), // npyDates
    QT_TRANSLATE_NOOP("sme::Message", "time spans"), // npyTimeSpans
    QT_TRANSLATE_NOOP("sme::Message", "raw bytes"), // npyRawBytes
    QT_TRANSLATE_NOOP("sme::Message", "not a NumPy type"), // npyNotAType
    QT_TRANSLATE_NOOP("sme::Message", "%1shape %2 is %3-D: need 2-D, a point per row (points, dimensions)"), // npyNotTwoD
    QT_TRANSLATE_NOOP("sme::Message", "%1shape %2: no points"), // npyNoPoints
    QT_TRANSLATE_NOOP("sme::Message", "%1shape %2 holds more than %3 values: too large to load"), // npyTooManyValues
    QT_TRANSLATE_NOOP("sme::Message", "%1data too short: shape %2 of %3 needs %4 bytes after the header, the file has %5"), // npyDataTooShort
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 bytes after the data of shape %3 of %4"), // npyBytesAfter
    QT_TRANSLATE_NOOP("sme::Message", "%1.npy format version %2.%3: only versions 1.0, 2.0 and 3.0 are read"), // npyVersion
    QT_TRANSLATE_NOOP("sme::Message", "%1row %2, value %3"), // atRowValue
    QT_TRANSLATE_NOOP("sme::Message", "%1 is infinite"), // valueInfinite
    QT_TRANSLATE_NOOP("sme::Message", "%1the header is not a Python dict (it should read {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }) but starts with %2"), // npyNotDict
    QT_TRANSLATE_NOOP("sme::Message", "%1header, character %2: %3"), // npyHeaderAt
    QT_TRANSLATE_NOOP("sme::Message", "expected %1"), // npyExpected
    QT_TRANSLATE_NOOP("sme::Message", "',' or '}' after a value"), // npyCommaOrBrace
    QT_TRANSLATE_NOOP("sme::Message", "':' after a key"), // npyColonAfterKey
    QT_TRANSLATE_NOOP("sme::Message", "',' or ')' in a tuple"), // npyInTuple
    QT_TRANSLATE_NOOP("sme::Message", "',' or ']' in a list"), // npyInList
    QT_TRANSLATE_NOOP("sme::Message", "a key is not a string"), // npyKeyNotString
    QT_TRANSLATE_NOOP("sme::Message", "text after the dict"), // npyTextAfterDict
    QT_TRANSLATE_NOOP("sme::Message", "nested too deeply"), // npyNestedTooDeeply
    QT_TRANSLATE_NOOP("sme::Message", "a string without its closing quote"), // npyUnclosedString
    QT_TRANSLATE_NOOP("sme::Message", "an escape sequence in a string"), // npyEscapeSequence
    QT_TRANSLATE_NOOP("sme::Message", "expected a string, True, False, a number, a tuple or a list"), // npyExpectedValue
    QT_TRANSLATE_NOOP("sme::Message", "a number beyond 64 bits"), // npyNumberTooLong
    QT_TRANSLATE_NOOP("sme::Message", "%1'shape' is %2, not a tuple"), // npyShapeNotTuple
    QT_TRANSLATE_NOOP("sme::Message", "%1'shape' %2 holds %3, not a size"), // npyShapeHolds
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated: %2 bytes, cut off in the magic string or the version"), // npyCutInVersion
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated: cut off in the header length"), // npyCutInLength
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated: the header should have %2 bytes, the file ends after %3"), // npyHeaderCut
    QT_TRANSLATE_NOOP("sme::Message", "%1the header has an unknown key '%2' (a .npy header has 'descr', 'fortran_order' and 'shape')"), // npyUnknownKey
    QT_TRANSLATE_NOOP("sme::Message", "%1the header has '%2' twice"), // npyKeyTwice
    QT_TRANSLATE_NOOP("sme::Message", "%1'fortran_order' is %2, not True or False"), // npyFortranOrder
    QT_TRANSLATE_NOOP("sme::Message", "%1the header has no '%2'"), // npyNoKey
    QT_TRANSLATE_NOOP("sme::Message", "%1gzip-compressed data where IDX data was expected (compressed twice?)"), // idxGzipTwice
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated: %2 bytes, too short for an IDX header"), // idxTooShort
    QT_TRANSLATE_NOOP("sme::Message", "%1wrong magic number (expected 0x00 0x00 at the start)"), // idxMagic
    QT_TRANSLATE_NOOP("sme::Message", "%1unknown element type %2 (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)"), // idxUnknownType
    QT_TRANSLATE_NOOP("sme::Message", "%1an images file needs at least 2 dimensions (count x image), this one declares %2"), // idxImagesDimensions
    QT_TRANSLATE_NOOP("sme::Message", "%1a labels file needs exactly 1 dimension, this one declares %2"), // idxLabelsDimensions
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated: the header declares %2 dimensions but the file ends after %3 bytes"), // idxHeaderCut
    QT_TRANSLATE_NOOP("sme::Message", "%1the header declares %2: a size of 0 leaves nothing to read"), // idxSizeZero
    QT_TRANSLATE_NOOP("sme::Message", "%1the header declares %2 values, more than the %3 this program can hold"), // idxTooManyValues
    QT_TRANSLATE_NOOP("sme::Message", "%1 values of %2 bytes (%3 bytes)"), // idxValuesOf
    QT_TRANSLATE_NOOP("sme::Message", "%1truncated: the header declares %2 but the file has %3 after the %4-byte header"), // idxDataShort
    QT_TRANSLATE_NOOP("sme::Message", "%1the header declares %2 but the file has %3 after the %4-byte header: %5 bytes too many"), // idxDataLong
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 labels for %3 images"), // idxLabelCount
    QT_TRANSLATE_NOOP("sme::Message", "image %1, value %2"), // idxImageValue
    QT_TRANSLATE_NOOP("sme::Message", "%1non-finite value at %2"), // idxNonFiniteAt
    QT_TRANSLATE_NOOP("sme::Message", "%1%2 (%3) is too large for a float"), // idxTooLargeAt
    QT_TRANSLATE_NOOP("sme::Message", "%1non-finite value"), // idxNonFinite
    QT_TRANSLATE_NOOP("sme::Message", "%1label %2 is not finite"), // idxLabelNotFinite
    QT_TRANSLATE_NOOP("sme::Message", "%1label %2 is %3, not an integer"), // idxLabelNotInteger
    QT_TRANSLATE_NOOP("sme::Message", "%1label %2 is %3, outside the int range"), // idxLabelOutsideInt
    QT_TRANSLATE_NOOP("sme::Message", "%1a training share of %2 splits %3 classes into %4 for training and %5 held out; each part needs at least two classes"), // splitNeedsClasses
    QT_TRANSLATE_NOOP("sme::Message", "%1label noise needs two classes or more"), // noiseNeedsClasses
    QT_TRANSLATE_NOOP("sme::Message", "P x K batches with K = %1 need at least 2 classes with %1 points or more; %2 of %3 classes have that many: choose a smaller K"), // batchNeedsClasses
    QT_TRANSLATE_NOOP("sme::Message", "%1point %2 is the zero vector: it has no direction on the sphere"), // zeroPoint
    QT_TRANSLATE_NOOP("sme::Message", "%1embeddings of dimension %2 cannot be analysed: the dimension must be between %3 and %4"), // dimensionOutside
};

} // namespace

QString translatedMessage(const sme::Message& message)
{
    const QString pattern = QCoreApplication::translate("sme::Message", message.pattern().english);
    std::vector<std::string> texts;
    for (const sme::Message::Part& part : message.parts())
        texts.push_back(part.message() ? translatedMessage(*part.message()).toStdString() : part.plainText());
    // In UTF-8, where no byte of a multi-byte character is '%' or a digit.
    return QString::fromStdString(sme::fillPlaces(pattern.toStdString(), texts));
}

QString errorText(const std::exception& error)
{
    if (const auto* core = dynamic_cast<const sme::Error*>(&error); core && core->message())
        return translatedMessage(*core->message());
    return QString::fromStdString(error.what());
}
