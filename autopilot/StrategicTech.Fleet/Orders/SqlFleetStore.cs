using System.Data.Common;

namespace StrategicTech.Fleet.Orders;

/// <summary>
/// The order table on any SQL engine: schema, the three statements (insert-or-keep, read back, update progress),
/// parameter binding and row mapping, written once; the engine's differences come from its <see cref="SqlDialect"/>.
/// Writes go through the batching queue of <see cref="QueuedFleetStore"/> on one writer connection; reads open
/// their own connection (start-up only).
/// </summary>
public abstract class SqlFleetStore : QueuedFleetStore
{
    /// <summary>Columns of every SELECT, in the order <see cref="Map"/> reads them.</summary>
    private const string Columns = "id, from_node, to_node, load, priority, deadline, sequence, phase, robot, accepted_at, completed_at, failure";

    private readonly SqlDialect _dialect;
    private readonly DbConnection _writer;
    private readonly string _select;
    private readonly string _insert;
    private readonly string _readOne;
    private readonly string _update;

    protected SqlFleetStore(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
        string table = dialect.Table;
        string time = dialect.TimeType;
        _select = $"SELECT {Columns} FROM {table}";
        string sequenceColumn = dialect.NextSequence is null ? string.Empty : "sequence, ";
        string sequenceValue = dialect.NextSequence is { } next ? next + ", " : string.Empty;
        _insert = $"""
            INSERT INTO {table} (id, from_node, to_node, load, priority, deadline, {sequenceColumn}phase, robot, accepted_at, completed_at, failure)
            VALUES ({P("id")}, {P("from")}, {P("to")}, {P("load")}, {P("priority")}, {P("deadline")}, {sequenceValue}{P("phase")}, {P("robot")}, {P("accepted")}, {P("completed")}, {P("failure")})
            ON CONFLICT (id) DO NOTHING
            """;
        _readOne = $"{_select} WHERE id = {P("id")}";
        _update = $"UPDATE {table} SET phase = {P("phase")}, robot = {P("robot")}, completed_at = {P("completed")}, failure = {P("failure")} WHERE id = {P("id")}";

        _writer = dialect.Open();
        try
        {
            if (dialect.WriterSetup is { } setup)
            {
                Execute(setup);
            }

            Execute($"""
                CREATE TABLE IF NOT EXISTS {table} (
                  id TEXT PRIMARY KEY, from_node TEXT NOT NULL, to_node TEXT NOT NULL, load TEXT NOT NULL,
                  priority INTEGER NOT NULL, deadline {time} NULL, {dialect.SequenceColumn},
                  phase TEXT NOT NULL, robot TEXT NULL, accepted_at {time} NOT NULL, completed_at {time} NULL, failure TEXT NULL);
                """);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }

        StartWriter();

        string P(string name) => dialect.Parameter(name);
    }

    protected override DbConnection Writer => _writer;

    public override IReadOnlyList<TransportOrder> LoadAll()
    {
        using DbConnection connection = _dialect.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = _select + " ORDER BY sequence";
        using DbDataReader reader = command.ExecuteReader();
        var result = new List<TransportOrder>();
        while (reader.Read())
        {
            result.Add(Map(reader));
        }

        return result;
    }

    protected override TransportOrder Insert(DbTransaction tx, TransportOrder order)
    {
        using (DbCommand insert = Command(tx, _insert))
        {
            Add(insert, "id", order.Id);
            Add(insert, "from", order.From);
            Add(insert, "to", order.To);
            Add(insert, "load", order.Load);
            Add(insert, "priority", order.Priority);
            Add(insert, "deadline", _dialect.TimeValue(order.Deadline));
            Add(insert, "accepted", _dialect.TimeValue(order.AcceptedAt));
            AddProgress(insert, order);
            insert.ExecuteNonQuery();
        }

        // The stored row: this order, or the one already there under its id (a retried request keeps the first).
        using DbCommand read = Command(tx, _readOne);
        Add(read, "id", order.Id);
        using DbDataReader row = read.ExecuteReader();
        if (!row.Read())
        {
            throw new InvalidOperationException($"order '{order.Id}' not found right after its insert into {_dialect.Table}");
        }

        return Map(row);
    }

    protected override void Update(DbTransaction tx, TransportOrder order)
    {
        using DbCommand update = Command(tx, _update);
        Add(update, "id", order.Id);
        AddProgress(update, order);
        update.ExecuteNonQuery();
    }

    private DbCommand Command(DbTransaction tx, string sql)
    {
        DbCommand command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The columns an order's progress changes: phase, robot, completion, failure.</summary>
    private void AddProgress(DbCommand command, TransportOrder order)
    {
        Add(command, "phase", order.Phase.ToString());
        Add(command, "robot", order.Robot);
        Add(command, "completed", _dialect.TimeValue(order.CompletedAt));
        Add(command, "failure", order.FailureReason);
    }

    private void Add(DbCommand command, string name, object? value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = _dialect.Parameter(name);
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private TransportOrder Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
        r.IsDBNull(5) ? null : _dialect.ReadTime(r, 5), r.GetInt64(6), Enum.Parse<OrderPhase>(r.GetString(7)),
        r.IsDBNull(8) ? null : r.GetString(8), _dialect.ReadTime(r, 9),
        r.IsDBNull(10) ? null : _dialect.ReadTime(r, 10), r.IsDBNull(11) ? null : r.GetString(11));

    private void Execute(string sql)
    {
        using DbCommand command = _writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
