using System.Diagnostics;
using System.Globalization;
using StrategicTech.Drivers.Vda5050;

namespace StrategicTech.Sim.Fleet.RawMqtt;

/// <summary>
/// The fleet benchmark's robots on plain sockets (<see cref="RawMqttAgvConnection"/>): a few threads each drive many
/// connections from a timer wheel of <see cref="Slots"/> slots per period, so every robot publishes once per period
/// and the robots' sends are spread evenly over it instead of bursting at one tick. Per state: patch two fields of a
/// pre-encoded PUBLISH and one <c>send</c>; no allocation. Once a second each robot's incoming bytes are drained
/// (and a broken connection noticed); a robot whose connection dropped counts its states as not sent.
/// </summary>
public sealed class RawStateLoad : IStateLoad
{
    /// <summary>Slots of the timer wheel per state period (10 ms each at 10 Hz).</summary>
    public const int Slots = 10;
    private const int DrainEveryPeriods = (int)FleetBenchmark.StateRateHz; // once a second

    // A thread the host did not schedule for a while sends the slots it missed back to back (each state stamped when
    // sent), so the rate offered to the node stays nominal on a busy host; beyond a second behind it gives up.
    private const int MaxBacklogPeriods = (int)FleetBenchmark.StateRateHz;
    private readonly string _brokerHost;
    private readonly int _brokerPort;
    private readonly int _threads;
    private readonly List<RawMqttAgvConnection> _robots = [];
    private long _published;
    private long _notSent;

    /// <param name="threads">Publishing threads; each drives every <paramref name="threads"/>-th robot.</param>
    public RawStateLoad(string brokerHost, int brokerPort, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _brokerHost = brokerHost;
        _brokerPort = brokerPort;
        _threads = threads;
    }

    public int Count => _robots.Count;

    public long Published => Interlocked.Read(ref _published);

    public long NotSent => Interlocked.Read(ref _notSent);

    /// <summary>Robot <paramref name="index"/>'s connection (for tests: its received bytes, dropping it).</summary>
    public RawMqttAgvConnection this[int index] => _robots[index];

    public Task GrowToAsync(int robots, CancellationToken cancellation) => Task.Run(
        () =>
        {
            for (int i = _robots.Count; i < robots; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                _robots.Add(RawMqttAgvConnection.Open(new Vda5050ClientOptions(_brokerHost, _brokerPort, "Bench", string.Create(CultureInfo.InvariantCulture, $"r{i}"), "2.0.0")));
            }
        },
        cancellation);

    public Task PublishAsync(CancellationToken cancellation)
    {
        RawMqttAgvConnection[] all = [.. _robots];
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int running = _threads;
        for (int t = 0; t < _threads; t++)
        {
            RawMqttAgvConnection[][] wheel = Wheel(all, t, _threads);
            var thread = new Thread(() =>
            {
                try
                {
                    Run(wheel, cancellation);
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }

                if (Interlocked.Decrement(ref running) == 0)
                {
                    done.TrySetResult();
                }
            })
            { IsBackground = true, Name = $"raw state load {t}" };
            thread.Start();
        }

        return done.Task;
    }

    public ValueTask DisposeAsync()
    {
        foreach (RawMqttAgvConnection r in _robots)
        {
            r.Dispose();
        }

        _robots.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>The robots of thread <paramref name="thread"/>, by wheel slot.</summary>
    private static RawMqttAgvConnection[][] Wheel(RawMqttAgvConnection[] all, int thread, int threads)
    {
        var slots = new List<RawMqttAgvConnection>[Slots];
        for (int s = 0; s < Slots; s++)
        {
            slots[s] = [];
        }

        for (int i = thread, k = 0; i < all.Length; i += threads, k++)
        {
            slots[k % Slots].Add(all[i]);
        }

        return [.. slots.Select(s => s.ToArray())];
    }

    private void Run(RawMqttAgvConnection[][] wheel, CancellationToken cancellation)
    {
        long periodTicks = (long)(Stopwatch.Frequency / FleetBenchmark.StateRateHz);
        long slotTicks = periodTicks / Slots;
        long keepAliveHalfTicks = Stopwatch.Frequency * RawMqttAgvConnection.KeepAliveS / 2;
        Span<byte> timestamp = stackalloc byte[StatePublishTemplate.TimestampLength];
        var scratch = new byte[4096];
        long deadline = Stopwatch.GetTimestamp();
        for (long visit = 0; !cancellation.IsCancellationRequested; visit++)
        {
            long now = Stopwatch.GetTimestamp();
            if (deadline > now)
            {
                Thread.Sleep((int)Math.Ceiling((deadline - now) * 1000.0 / Stopwatch.Frequency));
                now = Stopwatch.GetTimestamp();
            }
            else if (now - deadline > MaxBacklogPeriods * periodTicks)
            {
                deadline = now; // starved for longer than the backlog allows: resume the rate, those states are not sent
            }

            StatePublishTemplate.FormatTimestamp(DateTime.UtcNow, timestamp);
            RawMqttAgvConnection[] slot = wheel[(int)(visit % Slots)];
            int sent = 0;
            foreach (RawMqttAgvConnection r in slot)
            {
                sent += r.SendState(timestamp, now) ? 1 : 0;
            }

            Interlocked.Add(ref _published, sent);
            Interlocked.Add(ref _notSent, slot.Length - sent);
            if (visit / Slots % DrainEveryPeriods == 0)
            {
                foreach (RawMqttAgvConnection r in slot)
                {
                    r.Drain(scratch, now, keepAliveHalfTicks);
                }
            }

            deadline += slotTicks;
        }
    }
}
