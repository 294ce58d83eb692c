using System.Net.Sockets;
using NATS.Client.Core;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>Turns a failed connection to NATS, PostgreSQL or a SQLite file into one sentence (exit 2, no stack trace).</summary>
internal static class BatchCommandErrors
{
    public static bool IsConnectionProblem(Exception e) =>
        e is NatsException or SocketException or TimeoutException or FormatException or IOException or UnauthorizedAccessException
            or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or ArgumentException;

    public static string Describe(Exception e, string? queueUrl, string? resultsLocation)
    {
        ArgumentNullException.ThrowIfNull(e);
        string what = e switch
        {
            NatsException or TimeoutException => "cannot use the NATS work queue at " + queueUrl,
            Npgsql.NpgsqlException or SocketException => "cannot use the results database " + resultsLocation,
            Microsoft.Data.Sqlite.SqliteException => "cannot use the SQLite results file " + resultsLocation,
            _ => "bad queue or results location",
        };
        return what + ": " + e.Message;
    }
}
