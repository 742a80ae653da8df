#pragma once
// A repository for the diff dialog's tests and screenshots: three commits on "main".
//   1 "Baseline"           config/train.yaml, README.md, images/sample.png, model.safetensors,
//                          data/blob.bin (12 MiB, chunked), notes/old.txt
//   2 "Fix README typo"    README.md only
//   3 "Retrain with a larger learning rate"
//                          train.yaml: two lines changed, one added; sample.png: redrawn;
//                          model.safetensors: dtype, shape and bytes of tensors changed, one
//                          added, one removed, metadata changed; blob.bin: 4 KiB rewritten in the
//                          middle; notes/old.txt deleted; notes/changelog.md added.
// Everything is generated deterministically, so screenshots compare between runs.

#include <hubvault/LocalRepository.h>
#include "SafetensorsTestSupport.h"

#include <QBuffer>
#include <QColor>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QStringList>

namespace hubvault::test::diffdemo {

using Tensor = GeneratedTensor;


inline QByteArray bytes(int count, quint32 seed)
{
    QByteArray out(count, Qt::Uninitialized);
    QRandomGenerator random(seed);
    random.fillRange(reinterpret_cast<quint32 *>(out.data()), count / 4);
    return out;
}

inline QByteArray png(bool after)
{
    QImage image(320, 200, QImage::Format_ARGB32);
    image.fill(QColor(235, 240, 250));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(60, 110, 200));
    p.drawEllipse(after ? QRect(150, 40, 120, 120) : QRect(40, 40, 120, 120));
    p.setBrush(after ? QColor(230, 120, 40) : QColor(90, 170, 90));
    p.drawRect(after ? QRect(30, 120, 100, 50) : QRect(190, 110, 100, 60));
    p.end();
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

inline QByteArray trainYaml(bool after)
{
    QStringList lines{
        "# Fine-tuning run for the demo model",
        "model:",
        "  name: tiny-transformer",
        "  layers: 4",
        "  hidden_size: 256",
        "  dropout: 0.1",
        "optimizer:",
        "  type: adamw",
        after ? "  learning_rate: 0.0005" : "  learning_rate: 0.0001",
        "  weight_decay: 0.01",
        "  betas: [0.9, 0.999]",
        "schedule:",
        "  warmup_steps: 500",
        after ? "  total_steps: 20000" : "  total_steps: 10000",
        "data:",
        "  train: data/train.jsonl",
        "  eval: data/eval.jsonl",
        "  max_length: 512",
    };
    if (after)
        lines.insert(14, "  min_lr: 0.00001");
    return lines.join('\n').toUtf8() + '\n';
}

inline QByteArray model(bool after)
{
    QList<Tensor> tensors{
        {"embed.weight", "F32", {64, 32}, bytes(64 * 32 * 4, 1)},
        {"layer.0.attn.weight", "F32", {32, 32}, bytes(32 * 32 * 4, 2)},
        {"layer.0.attn.bias", "F32", {32}, bytes(32 * 4, 3)},
        {"layer.0.mlp.weight", "F32", {32, 64}, bytes(32 * 64 * 4, 4)},
        {"layer.0.norm.weight", "F32", {32}, bytes(32 * 4, 5)},
        {"lm_head.weight", "F32", {64, 32}, bytes(64 * 32 * 4, 6)},
    };
    if (after) {
        tensors[1].data = bytes(32 * 32 * 4, 22);                        // retrained
        tensors[3] = {"layer.0.mlp.weight", "F32", {64, 32}, bytes(32 * 64 * 4, 4)}; // reshaped
        tensors[5] = {"lm_head.weight", "F16", {64, 32}, bytes(64 * 32 * 2, 6)};     // half precision
        tensors.removeAt(4);                                                          // norm dropped
        tensors.append({"layer.0.norm.scale", "F32", {32}, bytes(32 * 4, 7)});       // renamed
    }
    return makeSafetensors(tensors, {{"format", "pt"}, {"epoch", after ? "3" : "1"}});
}

inline QByteArray blob(bool after)
{
    QByteArray data = bytes(12 << 20, 99);
    if (after)
        data.replace(6 << 20, 4096, bytes(4096, 100));
    return data;
}

/** Creates the repository at `path` and returns the three commit ids, oldest first. */
inline QStringList create(const QString &path)
{
    CreateRepoOptions options;
    options.largeFileThreshold = 1 << 20; // blob.bin is stored in content-defined chunks
    LocalRepository repo = LocalRepository::create(path, options);
    const auto commit = [&repo](const QString &message, const QList<CommitOperation> &operations) {
        CommitOptions o;
        o.commitMessage = message;
        return repo.createCommit(operations, o).oid;
    };
    QStringList ids;
    ids << commit(QStringLiteral("Baseline"),
                  {CommitOperation::addBytes("config/train.yaml", trainYaml(false)),
                   CommitOperation::addBytes("README.md", "# Demo model\n\nA tiny model for the diff dialgo.\n"),
                   CommitOperation::addBytes("images/sample.png", png(false)),
                   CommitOperation::addBytes("model.safetensors", model(false)),
                   CommitOperation::addBytes("data/blob.bin", blob(false)),
                   CommitOperation::addBytes("notes/old.txt", "Scratch notes, to be removed.\n")});
    ids << commit(QStringLiteral("Fix README typo"),
                  {CommitOperation::addBytes("README.md", "# Demo model\n\nA tiny model for the diff dialog.\n")});
    ids << commit(QStringLiteral("Retrain with a larger learning rate"),
                  {CommitOperation::addBytes("config/train.yaml", trainYaml(true)),
                   CommitOperation::addBytes("images/sample.png", png(true)),
                   CommitOperation::addBytes("model.safetensors", model(true)),
                   CommitOperation::addBytes("data/blob.bin", blob(true)),
                   CommitOperation::remove("notes/old.txt"),
                   CommitOperation::addBytes("notes/changelog.md", "# Changes\n\n- Larger learning rate\n")});
    return ids;
}

} // namespace hubvault::test::diffdemo
