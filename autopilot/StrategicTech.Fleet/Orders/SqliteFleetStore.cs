using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StrategicTech.Fleet.Orders;

/// <summary>
/// Orders in SQLite (WAL, synchronous=FULL so a commit survives a process kill and a power cut), written through
/// the batching queue of <see cref="QueuedFleetStore"/>. The embedded default.
/// </summary>
public sealed class SqliteFleetStore : QueuedFleetStore
{
    private const string Columns = "SELECT id, from_node, to_node, load, priority, deadline, sequence, phase, robot, accepted_at, completed_at, failure FROM orders";
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;

    public SqliteFleetStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(_writer, """
            CREATE TABLE IF NOT EXISTS orders (
              id TEXT PRIMARY KEY, from_node TEXT NOT NULL, to_node TEXT NOT NULL, load TEXT NOT NULL,
              priority INTEGER NOT NULL, deadline TEXT NULL, sequence INTEGER NOT NULL, phase TEXT NOT NULL,
              robot TEXT NULL, accepted_at TEXT NOT NULL, completed_at TEXT NULL, failure TEXT NULL);
            """);
        StartWriter();
    }

    protected override DbConnection Writer => _writer;

    public override IReadOnlyList<TransportOrder> LoadAll()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Columns + " ORDER BY sequence";
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<TransportOrder>();
        while (reader.Read())
        {
            result.Add(Map(reader));
        }

        return result;
    }

    protected override TransportOrder Insert(DbTransaction tx, TransportOrder order)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = (SqliteTransaction)tx;
        command.CommandText = """
            INSERT INTO orders (id, from_node, to_node, load, priority, deadline, sequence, phase, robot, accepted_at, completed_at, failure)
            VALUES ($id, $from, $to, $load, $priority, $deadline, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM orders), $phase, $robot, $accepted, $completed, $failure)
            ON CONFLICT(id) DO NOTHING
            """;
        Bind(command, order);
        command.ExecuteNonQuery();
        return Read((SqliteTransaction)tx, order.Id);
    }

    protected override void Update(DbTransaction tx, TransportOrder order)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = (SqliteTransaction)tx;
        command.CommandText = "UPDATE orders SET phase = $phase, robot = $robot, completed_at = $completed, failure = $failure WHERE id = $id";
        Bind(command, order);
        command.ExecuteNonQuery();
    }

    private TransportOrder Read(SqliteTransaction tx, string id)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Columns + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader r = command.ExecuteReader();
        r.Read();
        return Map(r);
    }

    private static TransportOrder Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
        r.IsDBNull(5) ? null : ParseTime(r.GetString(5)), r.GetInt64(6), Enum.Parse<OrderPhase>(r.GetString(7)),
        r.IsDBNull(8) ? null : r.GetString(8), ParseTime(r.GetString(9)),
        r.IsDBNull(10) ? null : ParseTime(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11));

    private static void Bind(SqliteCommand command, TransportOrder o)
    {
        command.Parameters.AddWithValue("$id", o.Id);
        command.Parameters.AddWithValue("$from", o.From);
        command.Parameters.AddWithValue("$to", o.To);
        command.Parameters.AddWithValue("$load", o.Load);
        command.Parameters.AddWithValue("$priority", o.Priority);
        command.Parameters.AddWithValue("$deadline", (object?)FormatTime(o.Deadline) ?? DBNull.Value);
        command.Parameters.AddWithValue("$phase", o.Phase.ToString());
        command.Parameters.AddWithValue("$robot", (object?)o.Robot ?? DBNull.Value);
        command.Parameters.AddWithValue("$accepted", FormatTime(o.AcceptedAt)!);
        command.Parameters.AddWithValue("$completed", (object?)FormatTime(o.CompletedAt) ?? DBNull.Value);
        command.Parameters.AddWithValue("$failure", (object?)o.FailureReason ?? DBNull.Value);
    }

    private static string? FormatTime(DateTimeOffset? t) => t?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
