using Microsoft.Data.Sqlite;
using StrategicTech.Fleet.Orders;
using StrategicTech.Sim.Tests.Batch;

namespace StrategicTech.Fleet.Tests;

/// <summary>The shared SQL of the order stores (<see cref="SqlFleetStore"/>) on each dialect: same records in, same records out.</summary>
public class SqlFleetStoreTests
{
    // Whole microseconds, so both engines keep them exactly (PostgreSQL's timestamptz holds microseconds).
    private static readonly DateTimeOffset AcceptedAt = new(2026, 12, 7, 2, 0, 0, 123, 456, TimeSpan.FromHours(2));

    [Fact]
    public async Task Sqlite_and_postgresql_stores_return_the_same_orders_after_insert_retry_progress_updates_and_reopen()
    {
        string db = Path.Combine(Path.GetTempPath(), "fleet-sql-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using PostgresServer postgres = PostgresServer.Start();
            (TransportOrder Retry, IReadOnlyList<TransportOrder> Loaded) sqlite = await RunAsync(() => new SqliteFleetStore(db));
            (TransportOrder Retry, IReadOnlyList<TransportOrder> Loaded) pg = await RunAsync(() => FleetStores.Open(postgres.Url));

            TransportOrder a = Order("a", TransportOrder.ToMicroseconds(AcceptedAt.AddHours(1))) with
            {
                Sequence = 1, Phase = OrderPhase.Completed, Robot = "r2", CompletedAt = AcceptedAt.AddMinutes(3),
            };
            TransportOrder b = Order("b", null) with { Sequence = 2, Phase = OrderPhase.Failed, Robot = "r1", FailureReason = "robot lost" };
            Assert.Equal(Order("a", a.Deadline) with { Sequence = 1 }, sqlite.Retry); // the retry got the first request back, not its own
            Assert.Equal([a, b], sqlite.Loaded);
            Assert.Equal(sqlite.Retry, pg.Retry);
            Assert.Equal(sqlite.Loaded, pg.Loaded);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }

    [Fact]
    public async Task A_sqlite_file_written_with_the_schema_before_the_shared_sql_opens_with_its_orders_and_numbers_new_ones_after_them()
    {
        string db = Path.Combine(Path.GetTempPath(), "fleet-sql-old-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var old = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString()))
            {
                old.Open();
                using SqliteCommand create = old.CreateCommand();
                // The table exactly as the SQLite store created it before its SQL was shared with PostgreSQL.
                create.CommandText = """
                    CREATE TABLE orders (
                      id TEXT PRIMARY KEY, from_node TEXT NOT NULL, to_node TEXT NOT NULL, load TEXT NOT NULL,
                      priority INTEGER NOT NULL, deadline TEXT NULL, sequence INTEGER NOT NULL, phase TEXT NOT NULL,
                      robot TEXT NULL, accepted_at TEXT NOT NULL, completed_at TEXT NULL, failure TEXT NULL);
                    INSERT INTO orders VALUES ('old', 'c1_1', 'c5_5', 'bin', 3, NULL, 7, 'Loaded', 'r9', '2026-12-06T22:00:00.1234567Z', NULL, NULL);
                    """;
                create.ExecuteNonQuery();
            }

            await using (var store = new SqliteFleetStore(db))
            {
                TransportOrder fresh = await store.AcceptAsync(Order("new", null), CancellationToken.None);
                Assert.Equal(8, fresh.Sequence);
            }

            await using var reopened = new SqliteFleetStore(db);
            IReadOnlyList<TransportOrder> loaded = reopened.LoadAll();
            Assert.Equal(["old", "new"], loaded.Select(o => o.Id));
            TransportOrder old0 = loaded[0];
            Assert.Equal(("c1_1", "c5_5", "bin", 3, 7L, OrderPhase.Loaded, "r9"), (old0.From, old0.To, old0.Load, old0.Priority, old0.Sequence, old0.Phase, old0.Robot));
            Assert.Equal(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), old0.AcceptedAt); // 100 ns kept in SQLite text
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }

    private static TransportOrder Order(string id, DateTimeOffset? deadline) =>
        new(id, "c1_1", "c30_16", "tote", 2, deadline, 0, OrderPhase.Pending, null, AcceptedAt, null, null);

    /// <summary>Two orders, a conflicting retry of the first, progress updates of both; then the store reopened and read.</summary>
    private static async Task<(TransportOrder Retry, IReadOnlyList<TransportOrder> Loaded)> RunAsync(Func<QueuedFleetStore> open)
    {
        TransportOrder a = Order("a", TransportOrder.ToMicroseconds(AcceptedAt.AddHours(1)));
        TransportOrder retry;
        await using (QueuedFleetStore store = open())
        {
            TransportOrder storedA = await store.AcceptAsync(a, CancellationToken.None);
            TransportOrder storedB = await store.AcceptAsync(Order("b", null), CancellationToken.None);
            retry = await store.AcceptAsync(a with { To = "c9_9", Priority = 5 }, CancellationToken.None);
            await store.UpdateAsync(storedB with { Phase = OrderPhase.Assigned, Robot = "r1" });
            await store.UpdateAsync(storedA with { Phase = OrderPhase.Completed, Robot = "r2", CompletedAt = AcceptedAt.AddMinutes(3) });
            await store.UpdateAsync(storedB with { Phase = OrderPhase.Failed, Robot = "r1", FailureReason = "robot lost" });
            Assert.Equal(0, store.FailedWrites);
        }

        await using QueuedFleetStore reopened = open();
        return (retry, reopened.LoadAll());
    }
}
