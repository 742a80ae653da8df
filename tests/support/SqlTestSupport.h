#pragma once
// Raw SQL access to a repository's metadata.sqlite3 for the suites that inspect or damage
// it: each call opens its own short-lived connection and closes it again.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>

namespace hubvault::test {

inline QString nextSqlConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("sql-test-support-%1").arg(++counter);
}

/**
 * Rows of one statement on `databasePath`. A failure goes to `*error` when given ("query
 * failed" if SQLite names none), else to a warning.
 */
inline QList<QVariantList> sqlQueryRows(const QString &databasePath, const QString &statement, bool readOnly = true,
                                        QString *error = nullptr)
{
    const QString name = nextSqlConnectionName();
    QList<QVariantList> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(statement)) {
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row.append(q.value(i));
                    rows.append(row);
                }
            } else if (error) {
                *error = q.lastError().text();
                if (error->isEmpty())
                    *error = QStringLiteral("query failed");
            } else {
                qWarning("SQL failed: %s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
            }
            q.finish();
        } else if (error) {
            *error = db.lastError().text();
        } else {
            qWarning("cannot open %s: %s", qPrintable(databasePath), qPrintable(db.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

/**
 * Runs `statements` in order on a read-write connection to `repo`'s database; returns ""
 * or the first error. With `requireChange`, a statement other than a SELECT that changes
 * no row is an error too.
 */
inline QString sqlExecStatements(const QString &repo, const QStringList &statements, bool requireChange = true)
{
    const QString name = nextSqlConnectionName();
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(repo + QStringLiteral("/metadata.sqlite3"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            for (const QString &sql : statements) {
                if (!q.exec(sql)) {
                    error = sql + QStringLiteral(": ") + q.lastError().text();
                    break;
                }
                if (requireChange && !q.isSelect() && q.numRowsAffected() < 1) {
                    error = sql + QStringLiteral(": no row changed");
                    break;
                }
            }
            q.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace hubvault::test
