namespace StrategicTech.Fleet.Orders;

/// <summary>Orders in a SQLite file (see <see cref="SqliteDialect"/>), the embedded default.</summary>
public sealed class SqliteFleetStore(string databasePath) : SqlFleetStore(new SqliteDialect(Checked(databasePath)))
{
    private static string Checked(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        return databasePath;
    }
}
