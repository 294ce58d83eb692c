using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace StrategicTech.Fleet.Orders;

/// <summary>
/// Orders in SQLite (WAL, synchronous=FULL so a commit survives a process kill and a power cut). One background
/// writer drains a queue and commits what is waiting in one transaction, so many concurrent HTTP requests cost one
/// fsync; each request's task completes after the commit that holds it. Reads at start-up only: the fleet manager
/// keeps the live state in memory.
/// </summary>
public sealed class SqliteFleetStore : IFleetStore
{
    private const string Columns = "SELECT id, from_node, to_node, load, priority, deadline, sequence, phase, robot, accepted_at, completed_at, failure FROM orders";
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writerTask;
    private long _failedWrites;

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
        _writerTask = Task.Run(WriteLoopAsync);
    }

    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public IReadOnlyList<TransportOrder> LoadAll()
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

    public async Task<TransportOrder> AcceptAsync(TransportOrder order, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(order);
        var write = new Write(order, Insert: true);
        await _queue.Writer.WriteAsync(write, cancellation).ConfigureAwait(false);
        return await write.Done.Task.ConfigureAwait(false);
    }

    public Task UpdateAsync(TransportOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var write = new Write(order, Insert: false);
        if (!_queue.Writer.TryWrite(write))
        {
            return Task.FromException(new ObjectDisposedException(nameof(SqliteFleetStore)));
        }

        return write.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerTask.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 512 && _queue.Reader.TryRead(out Write? w))
            {
                batch.Add(w);
            }

            var results = new TransportOrder[batch.Count];
            try
            {
                using SqliteTransaction tx = _writer.BeginTransaction();
                for (int i = 0; i < batch.Count; i++)
                {
                    results[i] = batch[i].Insert ? Insert(tx, batch[i].Order) : Update(tx, batch[i].Order);
                }

                tx.Commit();
            }
            catch (SqliteException e)
            {
                Interlocked.Add(ref _failedWrites, batch.Count);
                foreach (Write w in batch)
                {
                    w.Done.TrySetException(e);
                }

                continue;
            }

            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
    }

    private TransportOrder Insert(SqliteTransaction tx, TransportOrder o)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO orders (id, from_node, to_node, load, priority, deadline, sequence, phase, robot, accepted_at, completed_at, failure)
            VALUES ($id, $from, $to, $load, $priority, $deadline, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM orders), $phase, $robot, $accepted, $completed, $failure)
            ON CONFLICT(id) DO NOTHING
            """;
        Bind(command, o);
        command.ExecuteNonQuery();
        return Read(tx, o.Id);
    }

    private TransportOrder Update(SqliteTransaction tx, TransportOrder o)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE orders SET phase = $phase, robot = $robot, completed_at = $completed, failure = $failure WHERE id = $id";
        Bind(command, o);
        command.ExecuteNonQuery();
        return o;
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

    private sealed record Write(TransportOrder Order, bool Insert)
    {
        public TaskCompletionSource<TransportOrder> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
