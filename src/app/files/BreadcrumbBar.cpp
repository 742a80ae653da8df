#include "files/BreadcrumbBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace hubvault::app {

BreadcrumbBar::BreadcrumbBar(QWidget *parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(2, 2, 2, 2);
    m_layout->setSpacing(0);
    setAccessibleName(tr("Current folder"));
    rebuild();
}

void BreadcrumbBar::setPath(const QString &folderPath, const QString &rootLabel)
{
    if (folderPath == m_path && rootLabel == m_rootLabel && m_layout->count() > 0)
        return;
    m_path = folderPath;
    m_rootLabel = rootLabel;
    rebuild();
}

QStringList BreadcrumbBar::segments() const
{
    QStringList out;
    for (const QToolButton *button : findChildren<QToolButton *>(QString(), Qt::FindDirectChildrenOnly))
        out.append(button->text().replace(QLatin1String("&&"), QLatin1String("&")));
    return out;
}

void BreadcrumbBar::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto addSegment = [this](const QString &label, const QString &target, bool current) {
        auto *button = new QToolButton(this);
        QString text = label;
        button->setText(text.replace(QLatin1Char('&'), QLatin1String("&&")));
        button->setAutoRaise(true);
        button->setToolTip(target.isEmpty() ? tr("Repository root") : target);
        if (current) {
            QFont f = button->font();
            f.setBold(true);
            button->setFont(f);
        }
        connect(button, &QToolButton::clicked, this, [this, target] { Q_EMIT pathActivated(target); });
        m_layout->addWidget(button);
    };
    addSegment(m_rootLabel.isEmpty() ? tr("Root") : m_rootLabel, QString(), m_path.isEmpty());
    if (!m_path.isEmpty()) {
        const QStringList parts = m_path.split(QLatin1Char('/'));
        QString sofar;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            sofar = sofar.isEmpty() ? parts[i] : sofar + QLatin1Char('/') + parts[i];
            auto *separator = new QLabel(QStringLiteral("›"), this);
            separator->setForegroundRole(QPalette::PlaceholderText);
            m_layout->addWidget(separator);
            addSegment(parts[i], sofar, i == parts.size() - 1);
        }
    }
    m_layout->addStretch(1);
}

} // namespace hubvault::app
