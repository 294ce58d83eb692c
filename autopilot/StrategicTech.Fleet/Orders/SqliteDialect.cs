using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StrategicTech.Fleet.Orders;

/// <summary>
/// SQLite: times as ISO 8601 text (UTC, 100 ns), the sequence as MAX + 1 inside the inserting transaction (one
/// writer per file), WAL with synchronous=FULL on the writer so a commit survives a process kill and a power cut.
/// </summary>
public sealed class SqliteDialect(string databasePath) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();

    public override string Table => "orders";

    public override string TimeType => "TEXT";

    public override string SequenceColumn => "sequence INTEGER NOT NULL";

    public override string? NextSequence => "(SELECT COALESCE(MAX(sequence), 0) + 1 FROM orders)";

    public override string? WriterSetup => "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public override string Parameter(string name) => "$" + name;

    public override object TimeValue(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;

    public override DateTimeOffset ReadTime(DbDataReader row, int ordinal) =>
        DateTimeOffset.Parse(row.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
