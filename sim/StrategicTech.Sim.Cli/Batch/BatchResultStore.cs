using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using StrategicTech.Fleet.Orders;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// Campaign results in SQL: SQLite for one machine, PostgreSQL for many. The table's primary key is (campaign,
/// scenario, seed) and a result is inserted with <c>ON CONFLICT DO NOTHING</c>, so a job delivered twice (its first
/// worker killed after storing, before acknowledging) is stored once. The same SQL runs on both engines.
/// </summary>
public sealed class BatchResultStore : IDisposable
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS batch_results (" +
        "campaign text NOT NULL, scenario text NOT NULL, seed bigint NOT NULL, status text NOT NULL, passed integer NOT NULL, " +
        "simulated_s double precision NOT NULL, wall_s double precision NOT NULL, worker text NOT NULL, deliveries integer NOT NULL, " +
        "output_dir text NOT NULL, message text NOT NULL, summary_json text NOT NULL, PRIMARY KEY (campaign, scenario, seed))";

    private const string Insert =
        "INSERT INTO batch_results (campaign, scenario, seed, status, passed, simulated_s, wall_s, worker, deliveries, output_dir, message, summary_json) " +
        "VALUES (@campaign, @scenario, @seed, @status, @passed, @simulated, @wall, @worker, @deliveries, @dir, @message, @summary) " +
        "ON CONFLICT (campaign, scenario, seed) DO NOTHING";

    private const string Columns = "campaign, scenario, seed, status, passed, simulated_s, wall_s, worker, deliveries, output_dir, message, summary_json";

    private readonly DbConnection _connection;

    private BatchResultStore(DbConnection connection, string description)
    {
        _connection = connection;
        Description = description;
    }

    /// <summary>The store for people: a file path or a PostgreSQL host/database (no password).</summary>
    public string Description { get; }

    /// <summary>
    /// Opens <paramref name="location"/>: <c>postgres://user[:password]@host[:port]/database</c>, or a SQLite file path
    /// (created if absent). Creates the results table if needed.
    /// </summary>
    public static BatchResultStore Open(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        BatchResultStore store;
        if (FleetStores.IsPostgres(location))
        {
            // One URL parser for every PostgreSQL location the project takes (fleet store and batch results).
            (string connectionString, string description) = FleetStores.PostgresConnectionString(location);
            store = new BatchResultStore(new NpgsqlConnection(connectionString), description);
        }
        else
        {
            string full = Path.GetFullPath(location);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            store = new BatchResultStore(new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString()), full);
        }

        try
        {
            store._connection.Open();
            store.Execute(CreateTable);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    /// <summary>Stores <paramref name="result"/> unless its key is already there; true when this call stored it.</summary>
    public bool TryStore(BatchJobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = Insert;
        Add(command, "campaign", result.Campaign);
        Add(command, "scenario", result.ScenarioName);
        Add(command, "seed", checked((long)result.Seed));
        Add(command, "status", result.Status);
        Add(command, "passed", result.Passed ? 1 : 0);
        Add(command, "simulated", result.SimulatedS);
        Add(command, "wall", result.WallS);
        Add(command, "worker", result.Worker);
        Add(command, "deliveries", result.Deliveries);
        Add(command, "dir", result.OutputDirectory);
        Add(command, "message", result.Message);
        Add(command, "summary", result.SummaryJson);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Whether a result for (campaign, scenario, seed) is stored.</summary>
    public bool Contains(string campaign, string scenarioName, ulong seed)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM batch_results WHERE campaign = @campaign AND scenario = @scenario AND seed = @seed";
        Add(command, "campaign", campaign);
        Add(command, "scenario", scenarioName);
        Add(command, "seed", checked((long)seed));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>How many results campaign <paramref name="campaign"/> has.</summary>
    public int Count(string campaign)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM batch_results WHERE campaign = @campaign";
        Add(command, "campaign", campaign);
        return checked((int)Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every result of a campaign, by scenario then seed.</summary>
    public IReadOnlyList<BatchJobResult> Read(string campaign)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT " + Columns + " FROM batch_results WHERE campaign = @campaign ORDER BY scenario, seed";
        Add(command, "campaign", campaign);
        var results = new List<BatchJobResult>();
        using DbDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            results.Add(new BatchJobResult(r.GetString(0), r.GetString(1), (ulong)r.GetInt64(2), r.GetString(3), r.GetInt32(4) != 0,
                r.GetDouble(5), r.GetDouble(6), r.GetString(7), r.GetInt32(8), r.GetString(9), r.GetString(10), r.GetString(11)));
        }

        return results;
    }

    /// <summary>A campaign's results without their summaries (cheap enough to poll for progress).</summary>
    public IReadOnlyList<BatchJobResult> ReadHeadlines(string campaign)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT campaign, scenario, seed, status, passed, simulated_s, wall_s, worker, deliveries FROM batch_results WHERE campaign = @campaign";
        Add(command, "campaign", campaign);
        var results = new List<BatchJobResult>();
        using DbDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            results.Add(new BatchJobResult(r.GetString(0), r.GetString(1), (ulong)r.GetInt64(2), r.GetString(3), r.GetInt32(4) != 0,
                r.GetDouble(5), r.GetDouble(6), r.GetString(7), r.GetInt32(8), string.Empty, string.Empty, string.Empty));
        }

        return results;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        DbParameter p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
