// The pure tensor-by-tensor comparison of two .safetensors files, on files generated here
// with known differences: added, removed, dtype changed, shape changed, bytes changed,
// unchanged (also when the tensor moved inside the file), metadata changes, a missing
// side, and that bytes are hashed only where dtype and shape agree.

#include "diff/SafetensorsDiff.h"
#include "preview/SafetensorsHeader.h"
#include "SafetensorsTestSupport.h"

#include <QCryptographicHash>
#include <QTest>
#include <stdexcept>

using namespace hubvault::app;
using Change = SafetensorsDiff::Change;
using hubvault::test::makeSafetensors;
using hubvault::test::GeneratedTensor;

namespace {

QByteArray bytesOf(int count, int seed)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out.append(char((i * 31 + seed) & 0xff));
    return out;
}

/** Hashes ranges of two in-memory files and records every call. */
struct MemoryHasher {
    QByteArray oldFile;
    QByteArray newFile;
    QList<std::pair<SafetensorsDiff::Side, qint64>> calls;

    SafetensorsDiff::RangeHasher function()
    {
        return [this](SafetensorsDiff::Side side, qint64 offset, qint64 length) {
            calls.append({side, offset});
            const QByteArray &file = side == SafetensorsDiff::Side::Old ? oldFile : newFile;
            return QCryptographicHash::hash(file.mid(offset, length), QCryptographicHash::Sha256);
        };
    }
};

const SafetensorsDiff::TensorChange *find(const SafetensorsDiff &diff, const QString &name)
{
    for (const SafetensorsDiff::TensorChange &t : diff.tensors()) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

SafetensorsHeader parsed(const QByteArray &file)
{
    const SafetensorsHeader header = SafetensorsHeader::parse(file, file.size());
    if (!header.isValid())
        qFatal("generated header is invalid: %s", qPrintable(header.error()));
    return header;
}

} // namespace

class TestSafetensorsDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyKindOfChange();
    void onlyMatchingTensorsAreHashed();
    void movedTensorWithSameBytesIsUnchanged();
    void metadataChanges();
    void missingOldSideMakesEverythingAdded();
    void missingNewSideMakesEverythingRemoved();
    void identicalFilesHaveNoChanges();
    void hasherErrorsPropagate();
    void descriptions();
};

void TestSafetensorsDiff::everyKindOfChange()
{
    MemoryHasher hasher;
    hasher.oldFile = makeSafetensors({
        {"same", "F32", {2, 3}, bytesOf(24, 1)},
        {"retyped", "I64", {3}, bytesOf(24, 2)},
        {"reshaped", "F16", {4}, bytesOf(8, 3)},
        {"retrained", "F32", {2, 2}, bytesOf(16, 4)},
        {"dropped", "U8", {8}, bytesOf(8, 5)},
    });
    hasher.newFile = makeSafetensors({
        {"same", "F32", {2, 3}, bytesOf(24, 1)},
        {"retyped", "I32", {3}, bytesOf(12, 2)},
        {"reshaped", "F16", {2, 2}, bytesOf(8, 3)},
        {"retrained", "F32", {2, 2}, bytesOf(16, 99)},
        {"fresh", "BF16", {4}, bytesOf(8, 6)},
    });
    const SafetensorsDiff diff =
        SafetensorsDiff::compare(parsed(hasher.oldFile), parsed(hasher.newFile), hasher.function());

    QCOMPARE(diff.tensors().size(), 6);
    QCOMPARE(find(diff, "same")->change, Change::Unchanged);
    QCOMPARE(find(diff, "retyped")->change, Change::DtypeChanged);
    QVERIFY(find(diff, "retyped")->dtypeChanged);
    QVERIFY(!find(diff, "retyped")->shapeChanged);
    QCOMPARE(find(diff, "reshaped")->change, Change::ShapeChanged);
    QCOMPARE(find(diff, "retrained")->change, Change::DataChanged);
    QCOMPARE(find(diff, "fresh")->change, Change::Added);
    QVERIFY(!find(diff, "fresh")->oldTensor);
    QCOMPARE(find(diff, "dropped")->change, Change::Removed);
    QVERIFY(!find(diff, "dropped")->newTensor);
    // New tensors in file order first, then the removed ones.
    QCOMPARE(diff.tensors().last().name, QStringLiteral("dropped"));
    QCOMPARE(diff.count(Change::Unchanged), 1);
    QCOMPARE(diff.changedCount(), 5);
}

void TestSafetensorsDiff::onlyMatchingTensorsAreHashed()
{
    MemoryHasher hasher;
    hasher.oldFile = makeSafetensors({{"a", "F32", {4}, bytesOf(16, 1)}, {"b", "F32", {4}, bytesOf(16, 2)}});
    hasher.newFile = makeSafetensors({{"a", "F16", {4}, bytesOf(8, 1)}, {"b", "F32", {4}, bytesOf(16, 3)}});
    const SafetensorsHeader oldHeader = parsed(hasher.oldFile);
    const SafetensorsHeader newHeader = parsed(hasher.newFile);
    const SafetensorsDiff diff = SafetensorsDiff::compare(oldHeader, newHeader, hasher.function());
    // "a" changed dtype, so only "b" is hashed: once per side, at its absolute offsets.
    QCOMPARE(hasher.calls.size(), 2);
    QCOMPARE(hasher.calls[0].first, SafetensorsDiff::Side::Old);
    QCOMPARE(hasher.calls[0].second, SafetensorsDiff::dataStart(oldHeader) + 16);
    QCOMPARE(hasher.calls[1].first, SafetensorsDiff::Side::New);
    QCOMPARE(hasher.calls[1].second, SafetensorsDiff::dataStart(newHeader) + 8);
    QCOMPARE(diff.bytesCompared(), 32);
    QCOMPARE(find(diff, "b")->change, Change::DataChanged);
}

void TestSafetensorsDiff::movedTensorWithSameBytesIsUnchanged()
{
    MemoryHasher hasher;
    hasher.oldFile = makeSafetensors({{"first", "U8", {4}, bytesOf(4, 1)}, {"second", "U8", {6}, bytesOf(6, 2)}});
    hasher.newFile = makeSafetensors({{"second", "U8", {6}, bytesOf(6, 2)}, {"first", "U8", {4}, bytesOf(4, 1)}});
    const SafetensorsDiff diff =
        SafetensorsDiff::compare(parsed(hasher.oldFile), parsed(hasher.newFile), hasher.function());
    QCOMPARE(diff.changedCount(), 0);
    QCOMPARE(diff.count(Change::Unchanged), 2);
}

void TestSafetensorsDiff::metadataChanges()
{
    MemoryHasher hasher;
    const QList<GeneratedTensor> tensors{{"w", "F32", {1}, bytesOf(4, 1)}};
    hasher.oldFile = makeSafetensors(tensors, {{"format", "pt"}, {"epoch", "1"}, {"old", "x"}});
    hasher.newFile = makeSafetensors(tensors, {{"format", "pt"}, {"epoch", "2"}, {"new", "y"}});
    const SafetensorsDiff diff =
        SafetensorsDiff::compare(parsed(hasher.oldFile), parsed(hasher.newFile), hasher.function());
    QCOMPARE(diff.changedCount(), 0);
    const QList<SafetensorsDiff::MetadataChange> &m = diff.metadataChanges();
    QCOMPARE(m.size(), 3);
    QCOMPARE(m[0].key, QStringLiteral("epoch"));
    QCOMPARE(m[0].oldValue, QStringLiteral("1"));
    QCOMPARE(m[0].newValue, QStringLiteral("2"));
    QCOMPARE(m[1].key, QStringLiteral("new"));
    QVERIFY(!m[1].oldValue);
    QCOMPARE(m[2].key, QStringLiteral("old"));
    QVERIFY(!m[2].newValue);
}

void TestSafetensorsDiff::missingOldSideMakesEverythingAdded()
{
    MemoryHasher hasher;
    hasher.newFile = makeSafetensors({{"a", "F32", {2}, bytesOf(8, 1)}, {"b", "I8", {3}, bytesOf(3, 2)}});
    const SafetensorsDiff diff = SafetensorsDiff::compare(SafetensorsHeader(), parsed(hasher.newFile), hasher.function());
    QCOMPARE(diff.count(Change::Added), 2);
    QVERIFY(hasher.calls.isEmpty());
}

void TestSafetensorsDiff::missingNewSideMakesEverythingRemoved()
{
    MemoryHasher hasher;
    hasher.oldFile = makeSafetensors({{"a", "F32", {2}, bytesOf(8, 1)}});
    const SafetensorsDiff diff = SafetensorsDiff::compare(parsed(hasher.oldFile), SafetensorsHeader(), hasher.function());
    QCOMPARE(diff.count(Change::Removed), 1);
    QVERIFY(hasher.calls.isEmpty());
}

void TestSafetensorsDiff::identicalFilesHaveNoChanges()
{
    MemoryHasher hasher;
    hasher.oldFile = hasher.newFile = makeSafetensors({{"a", "F64", {3, 3}, bytesOf(72, 1)}}, {{"k", "v"}});
    const SafetensorsDiff diff =
        SafetensorsDiff::compare(parsed(hasher.oldFile), parsed(hasher.newFile), hasher.function());
    QCOMPARE(diff.changedCount(), 0);
    QVERIFY(diff.metadataChanges().isEmpty());
}

void TestSafetensorsDiff::hasherErrorsPropagate()
{
    const QByteArray file = makeSafetensors({{"a", "F32", {1}, bytesOf(4, 1)}});
    auto failing = [](SafetensorsDiff::Side, qint64, qint64) -> QByteArray { throw std::runtime_error("stop"); };
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, SafetensorsDiff::compare(parsed(file), parsed(file), failing));
}

void TestSafetensorsDiff::descriptions()
{
    MemoryHasher hasher;
    hasher.oldFile = makeSafetensors({{"t", "F32", {2, 3}, bytesOf(24, 1)}});
    hasher.newFile = makeSafetensors({{"t", "F16", {3, 2}, bytesOf(12, 1)}});
    const SafetensorsDiff diff =
        SafetensorsDiff::compare(parsed(hasher.oldFile), parsed(hasher.newFile), hasher.function());
    const SafetensorsDiff::TensorChange *t = find(diff, "t");
    QCOMPARE(t->change, Change::DtypeChanged);
    QVERIFY(t->shapeChanged);
    QCOMPARE(t->description(), QStringLiteral("F32 → F16; [2, 3] → [3, 2]"));
}

QTEST_GUILESS_MAIN(TestSafetensorsDiff)
#include "tst_safetensors_diff.moc"
