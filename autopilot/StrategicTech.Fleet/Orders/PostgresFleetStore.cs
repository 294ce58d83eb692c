namespace StrategicTech.Fleet.Orders;

/// <summary>
/// Orders in PostgreSQL (see <see cref="PostgresDialect"/>): an order answered 201 is durable on the database server
/// whatever happens to this process, and several fleet-manager nodes may insert into the same table.
/// </summary>
/// <param name="connectionString">Npgsql key=value connection string (see <see cref="FleetStores.PostgresConnectionString"/> for URLs).</param>
public sealed class PostgresFleetStore(string connectionString) : SqlFleetStore(new PostgresDialect(Checked(connectionString)))
{
    private static string Checked(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return connectionString;
    }
}
