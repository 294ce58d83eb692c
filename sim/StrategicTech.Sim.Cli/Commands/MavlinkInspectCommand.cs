using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Spectre.Console;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Inspection;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy mavlink inspect &lt;url&gt;</c>: live per system/component/message rates and link statistics, like
/// QGroundControl's MAVLink inspector. Unless <c>--passive</c>, it sends a GCS HEARTBEAT every second (as a ground
/// station does) so that vehicles on udpin/tcpin links learn about it and start streaming.
/// </summary>
public static class MavlinkInspectCommand
{
    private const byte GcsSystemId = 255;
    private const byte GcsComponentId = 190;

    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "Connection URL: udpin://[host]:port, udpout://host:port, tcpin://[host]:port, tcpout://host:port, serial:///dev/ttyUSB0[:baud]." };
        var duration = new Option<double>("--duration") { Description = "Stop after this many seconds (0: until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var refresh = new Option<double>("--refresh") { Description = "Seconds between screen updates.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print only a final JSON snapshot (for machines)." };
        var passive = new Option<bool>("--passive") { Description = "Only listen: send no GCS HEARTBEAT." };
        var key = new Option<FileInfo?>("--key") { Description = "MAVLink 2 signing key file (32 bytes): signed frames are verified and bad signatures counted." };
        var dialect = new Option<string>("--dialect") { Description = "Message set to check CRCs with.", DefaultValueFactory = _ => "all" };
        dialect.AcceptOnlyFromAmong([.. MavlinkDialects.Names]);
        var inspect = new Command("inspect", "Live MAVLink link statistics: per system/component/message counts and rates, bytes, bad CRC, bad signatures, sequence-gap drops.")
        {
            url,
            duration,
            refresh,
            json,
            passive,
            key,
            dialect,
        };
        inspect.SetAction(parse => Run(
            new Settings(
                parse.GetValue(url)!,
                parse.GetValue(duration),
                parse.GetValue(refresh),
                parse.GetValue(json),
                parse.GetValue(passive),
                parse.GetValue(key),
                MavlinkDialects.ByName(parse.GetValue(dialect)!)!),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return inspect;
    }

    private sealed record Settings(string Url, double DurationS, double RefreshS, bool Json, bool Passive, FileInfo? Key, MavlinkDialect Dialect);

    private static int Run(Settings settings, TextWriter output, TextWriter error)
    {
        if (!double.IsFinite(settings.DurationS) || settings.DurationS < 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --duration must be ≥ 0 s, got {settings.DurationS}"));
            return ExitCodes.BadInput;
        }

        if (!double.IsFinite(settings.RefreshS) || settings.RefreshS < 0.05)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --refresh must be ≥ 0.05 s, got {settings.RefreshS}"));
            return ExitCodes.BadInput;
        }

        MavlinkSignatureVerifier? verifier = null;
        if (settings.Key is not null)
        {
            try
            {
                verifier = new MavlinkSignatureVerifier(MavlinkSigningKey.Load(settings.Key.FullName), MavlinkSigningPolicy.Accept, new SystemUnixTimeSource());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                error.WriteLine($"error: --key '{settings.Key.FullName}': {ex.Message}");
                return ExitCodes.BadInput;
            }
        }

        IMavlinkTransport transport;
        try
        {
            transport = MavlinkTransports.Open(settings.Url);
        }
        catch (FormatException ex)
        {
            error.WriteLine($"error: bad connection URL '{settings.Url}': {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"error: cannot open '{settings.Url}': {ex.Message}");
            return ExitCodes.BadInput;
        }

        using (transport)
        {
            return Inspect(transport, settings, verifier, output);
        }
    }

    private static int Inspect(IMavlinkTransport transport, Settings settings, MavlinkSignatureVerifier? verifier, TextWriter output)
    {
        var clock = new WallClock();
        var inspector = new LinkInspector(settings.Dialect, clock, verifier);
        transport.Start((source, channel, bytes) => inspector.Receive(bytes, channel, source.PreservesFrameBoundaries));
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            long endUs = settings.DurationS > 0 ? (long)(settings.DurationS * 1e6) : long.MaxValue;
            long refreshUs = (long)(settings.RefreshS * 1e6);
            var heartbeat = new HeartbeatSender(transport, settings.Passive);
            bool live = !settings.Json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            if (live)
            {
                AnsiConsole.Live(MavlinkInspectView.ToTable(inspector.TakeSnapshot(), settings.Url)).Start(context =>
                    Loop(clock, endUs, refreshUs, heartbeat, stop.Token, () =>
                    {
                        context.UpdateTarget(MavlinkInspectView.ToTable(inspector.TakeSnapshot(), settings.Url));
                        context.Refresh();
                    }));
            }
            else
            {
                Loop(clock, endUs, refreshUs, heartbeat, stop.Token, () =>
                {
                    if (!settings.Json)
                    {
                        MavlinkInspectView.WriteText(inspector.TakeSnapshot(), settings.Url, output);
                    }
                });
            }

            LinkSnapshot final = inspector.TakeSnapshot();
            if (settings.Json)
            {
                MavlinkInspectView.WriteJson(final, settings.Url, output);
            }
            else if (!live)
            {
                output.WriteLine("final:");
                MavlinkInspectView.WriteText(final, settings.Url, output);
            }

            return ExitCodes.Success;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs until the end time or cancellation, refreshing every <paramref name="refreshUs"/> and sending heartbeats.</summary>
    private static void Loop(WallClock clock, long endUs, long refreshUs, HeartbeatSender heartbeat, CancellationToken stop, Action refresh)
    {
        long nextRefreshUs = refreshUs;
        while (!stop.IsCancellationRequested)
        {
            long nowUs = clock.TimeUs;
            if (nowUs >= endUs)
            {
                return;
            }

            heartbeat.Tick(nowUs);
            if (nowUs >= nextRefreshUs)
            {
                nextRefreshUs = nowUs + refreshUs;
                refresh();
            }

            long sleepUs = Math.Min(Math.Min(endUs, nextRefreshUs) - nowUs, 100_000);
            stop.WaitHandle.WaitOne(TimeSpan.FromTicks(Math.Max(sleepUs, 1) * 10));
        }
    }

    /// <summary>A GCS HEARTBEAT once per second, retried every loop pass until a peer is known (udpin learns peers from traffic).</summary>
    private sealed class HeartbeatSender(IMavlinkTransport transport, bool passive)
    {
        private readonly MavlinkFrameWriter _writer = new(GcsSystemId, GcsComponentId);
        private readonly byte[] _buffer = new byte[64];
        private long _nextUs;

        public void Tick(long nowUs)
        {
            if (passive || nowUs < _nextUs)
            {
                return;
            }

            int length = _writer.WriteV2(
                new Heartbeat { Type = MavType.Gcs, Autopilot = MavAutopilot.Invalid, SystemStatus = MavState.Active, MavlinkVersion = 3 },
                _buffer);
            if (transport.Send(_buffer.AsSpan(0, length)))
            {
                _nextUs = nowUs + 1_000_000;
            }
        }
    }
}
