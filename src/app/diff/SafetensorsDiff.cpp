#include "diff/SafetensorsDiff.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace hubvault::app {

namespace {

QHash<QString, SafetensorsTensor> byName(const SafetensorsHeader &header)
{
    QHash<QString, SafetensorsTensor> out;
    for (const SafetensorsTensor &t : header.tensors())
        out.insert(t.name, t);
    return out;
}

QList<SafetensorsDiff::MetadataChange> compareMetadata(const QMap<QString, QString> &before,
                                                       const QMap<QString, QString> &after)
{
    QList<SafetensorsDiff::MetadataChange> out;
    QSet<QString> keys;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        keys.insert(it.key());
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        keys.insert(it.key());
    QStringList sorted(keys.cbegin(), keys.cend());
    sorted.sort();
    for (const QString &key : sorted) {
        SafetensorsDiff::MetadataChange change{key, {}, {}};
        if (before.contains(key))
            change.oldValue = before.value(key);
        if (after.contains(key))
            change.newValue = after.value(key);
        if (change.oldValue != change.newValue)
            out.append(change);
    }
    return out;
}

} // namespace

QString SafetensorsDiff::changeName(Change change)
{
    switch (change) {
    case Change::Unchanged:
        return tr("unchanged");
    case Change::Added:
        return tr("added");
    case Change::Removed:
        return tr("removed");
    case Change::DtypeChanged:
        return tr("dtype changed");
    case Change::ShapeChanged:
        return tr("shape changed");
    case Change::DataChanged:
        return tr("bytes changed");
    }
    return {};
}

QString SafetensorsDiff::TensorChange::description() const
{
    const QString arrow = QStringLiteral(" → ");
    QStringList parts;
    if (dtypeChanged)
        parts.append(oldTensor->dtype + arrow + newTensor->dtype);
    if (shapeChanged)
        parts.append(oldTensor->shapeText() + arrow + newTensor->shapeText());
    if (change == Change::DataChanged)
        parts.append(tr("same dtype and shape, different bytes"));
    if (change == Change::Added)
        parts.append(tr("new tensor"));
    if (change == Change::Removed)
        parts.append(tr("tensor removed"));
    return parts.join(QStringLiteral("; "));
}

SafetensorsDiff SafetensorsDiff::compare(const SafetensorsHeader &oldHeader, const SafetensorsHeader &newHeader,
                                         const RangeHasher &hash)
{
    SafetensorsDiff out;
    const QHash<QString, SafetensorsTensor> oldTensors = byName(oldHeader);
    const QHash<QString, SafetensorsTensor> newTensors = byName(newHeader);
    for (const SafetensorsTensor &now : newHeader.tensors()) {
        TensorChange change;
        change.name = now.name;
        change.newTensor = now;
        const auto before = oldTensors.constFind(now.name);
        if (before == oldTensors.constEnd()) {
            change.change = Change::Added;
            out.m_tensors.append(change);
            continue;
        }
        change.oldTensor = *before;
        change.dtypeChanged = before->dtype != now.dtype;
        change.shapeChanged = before->shape != now.shape;
        if (change.dtypeChanged) {
            change.change = Change::DtypeChanged;
        } else if (change.shapeChanged) {
            change.change = Change::ShapeChanged;
        } else if (before->byteSize() != now.byteSize()) {
            change.change = Change::DataChanged;
        } else {
            const QByteArray a = hash(Side::Old, dataStart(oldHeader) + before->begin, before->byteSize());
            const QByteArray b = hash(Side::New, dataStart(newHeader) + now.begin, now.byteSize());
            out.m_bytesCompared += 2 * now.byteSize();
            change.change = a == b ? Change::Unchanged : Change::DataChanged;
        }
        out.m_tensors.append(change);
    }
    for (const SafetensorsTensor &gone : oldHeader.tensors()) {
        if (newTensors.contains(gone.name))
            continue;
        TensorChange change;
        change.name = gone.name;
        change.change = Change::Removed;
        change.oldTensor = gone;
        out.m_tensors.append(change);
    }
    out.m_metadata = compareMetadata(oldHeader.metadata(), newHeader.metadata());
    return out;
}

int SafetensorsDiff::count(Change change) const
{
    return int(std::count_if(m_tensors.cbegin(), m_tensors.cend(),
                             [change](const TensorChange &t) { return t.change == change; }));
}

} // namespace hubvault::app
