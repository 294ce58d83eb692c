using Npgsql;

namespace StrategicTech.Fleet.Orders;

/// <summary>Opens the store a configuration names: a PostgreSQL URL (<c>postgres://</c> or <c>postgresql://</c>) or else a SQLite file path.</summary>
public static class FleetStores
{
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static QueuedFleetStore Open(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        return IsPostgres(location) ? new PostgresFleetStore(PostgresConnectionString(location).ConnectionString) : new SqliteFleetStore(location);
    }

    /// <summary>The location as it may be printed: a PostgreSQL URL without its password, a file path as given.</summary>
    public static string Describe(string location) => IsPostgres(location) ? PostgresConnectionString(location).Description : location;

    /// <summary>A libpq-style URL as an Npgsql key=value string (Npgsql takes no URLs); the description omits the password.</summary>
    public static (string ConnectionString, string Description) PostgresConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Host.Length == 0)
        {
            throw new ArgumentException("'" + url + "' is not a PostgreSQL URL: postgres://user[:password]@host[:port]/database", nameof(url));
        }

        string[] userInfo = uri.UserInfo.Split(':', 2);
        string database = uri.AbsolutePath.Trim('/');
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "postgres",
            Database = database.Length > 0 ? Uri.UnescapeDataString(database) : "postgres",
        };
        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        return (builder.ConnectionString, $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
    }
}
