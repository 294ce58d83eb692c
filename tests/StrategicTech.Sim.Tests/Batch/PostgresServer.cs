using System.Globalization;

namespace StrategicTech.Sim.Tests.Batch;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (Debian package postgresql): <c>initdb</c> into a temporary directory (as the
/// <c>postgres</c> user when the tests run as root: PostgreSQL refuses root), <c>pg_ctl start</c> listening on
/// 127.0.0.1 and a free port, unix socket in the temporary directory, trust authentication. Dispose stops it
/// (immediate) and removes the directory.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;
    private readonly bool _asPostgresUser;

    private PostgresServer(string directory, bool asPostgresUser, int port)
    {
        _directory = directory;
        _asPostgresUser = asPostgresUser;
        Url = "postgres://postgres@127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/postgres";
    }

    public string Url { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public static PostgresServer Start()
    {
        bool root = Environment.UserName == "root";
        string directory = Directory.CreateTempSubdirectory("batch-pg-").FullName;
        if (root)
        {
            LocalServices.Run("chown", "postgres:postgres", directory);
        }

        int port = LocalServices.FreePort();
        var server = new PostgresServer(directory, root, port);
        try
        {
            server.Tool("initdb", "-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
            server.Tool("pg_ctl", "-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "120",
                "-o", string.Create(CultureInfo.InvariantCulture, $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off"), "start");
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Tool("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Tool(string name, params string[] args)
    {
        string binary = Path.Combine(BinDirectory, name);
        if (_asPostgresUser)
        {
            LocalServices.Run("runuser", ["-u", "postgres", "--", binary, .. args]);
        }
        else
        {
            LocalServices.Run(binary, args);
        }
    }
}
