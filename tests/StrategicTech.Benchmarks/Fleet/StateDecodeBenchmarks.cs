using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Hosting;

namespace StrategicTech.Benchmarks.Fleet;

/// <summary>
/// The fleet intake's decode of one robot's idle VDA 5050 2.0 state (no order, no position, empty lists), as the
/// fleet benchmark's robots send it: through the general codec (System.Text.Json, a new object graph per state) and
/// in place into the robot's reused state (<see cref="ReusedStateDecoder"/>). 64 states that differ in header id and
/// timestamp (100 ms apart) are decoded in turn, so the in-place path pays for each new timestamp string.
/// </summary>
[MemoryDiagnoser]
public class StateDecodeBenchmarks
{
    private const int States = 64;
    private readonly byte[][] _json = new byte[States][];
    private readonly ReusedStateDecoder _decoder = new("2.0.0");
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < States; i++)
        {
            _json[i] = Vda5050Codec.Encode(new State
            {
                HeaderId = (uint)i, Timestamp = Vda5050Codec.FormatTimestamp(start.AddMilliseconds(100 * i)), Version = "2.0.0",
                Manufacturer = "Bench", SerialNumber = "r17", OrderId = string.Empty, OrderUpdateId = 0, LastNodeId = string.Empty,
                LastNodeSequenceId = 0, Driving = false, Paused = false, OperatingMode = OperatingMode.Automatic, NodeStates = [], EdgeStates = [],
                ActionStates = [], BatteryState = new BatteryState { BatteryChargePercent = 80, Charging = false }, Errors = [],
                SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
            });
        }
    }

    [Benchmark(Baseline = true)]
    public uint Codec()
    {
        Vda5050Codec.TryDecodeState(_json[_next++ % States], Vda5050Topics.State, "2.0.0", out State? s, out _);
        return s!.HeaderId;
    }

    [Benchmark]
    public uint InPlace()
    {
        _decoder.TryDecode(_json[_next++ % States], out State s);
        return s.HeaderId;
    }
}
