// PLACEHOLDER: being written.
#include <QtTest>
class Placeholder : public QObject { Q_OBJECT };
QTEST_APPLESS_MAIN(Placeholder)
#include "tst_samplers.moc"
