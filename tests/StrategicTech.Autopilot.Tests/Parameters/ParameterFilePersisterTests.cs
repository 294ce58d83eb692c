using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Parameters;

public class ParameterFilePersisterTests
{
    [Fact]
    public void Hundreds_of_requests_end_in_a_file_holding_the_last_values_written_fewer_times_than_requested()
    {
        string path = Path.Combine(Path.GetTempPath(), $"params-{Guid.NewGuid():N}.txt");
        try
        {
            ParameterStore store = FlightParameterDefinitions.CreateStore();
            long writes;
            using (var persister = new ParameterFilePersister(store, path))
            {
                for (int i = 0; i < 300; i++)
                {
                    Assert.Equal(ParameterSetResult.Accepted, store.TrySet("BAT_LOW_THR", 0.10 + (i * 0.0001)));
                    persister.Request(store);
                }

                persister.Dispose();
                writes = persister.Writes;
                Assert.Equal(300, persister.Requests);
                Assert.Equal(0, persister.WriteErrors);
            }

            Assert.InRange(writes, 1, 299);
            ParameterStore reloaded = FlightParameterDefinitions.CreateStore();
            reloaded.LoadFile(path);
            Assert.Equal(store.Get("BAT_LOW_THR"), reloaded.Get("BAT_LOW_THR"));
            using var expected = new StringWriter();
            store.Save(expected);
            Assert.Equal(expected.ToString().ReplaceLineEndings("\n"), File.ReadAllText(path).ReplaceLineEndings("\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Request_on_the_loop_allocates_nothing()
    {
        string path = Path.Combine(Path.GetTempPath(), $"params-{Guid.NewGuid():N}.txt");
        try
        {
            ParameterStore store = FlightParameterDefinitions.CreateStore();
            using var persister = new ParameterFilePersister(store, path);
            Allocations.AssertZero(() => persister.Request(store), 200);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Request_refuses_a_store_other_than_its_own()
    {
        string path = Path.Combine(Path.GetTempPath(), $"params-{Guid.NewGuid():N}.txt");
        using var persister = new ParameterFilePersister(FlightParameterDefinitions.CreateStore(), path);
        Assert.Throws<ArgumentException>(() => persister.Request(FlightParameterDefinitions.CreateStore()));
    }
}
