using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.GroundStation.Telemetry;
using StrategicTech.Navigation.Time;

namespace StrategicTech.GroundStation.Link;

/// <summary>
/// The ground station's MAVLink side, entirely off the render thread: the transport's I/O thread parses and decodes
/// frames into <see cref="Queue"/>; a service thread sends our HEARTBEAT at 1 Hz (so vehicles that answer only known
/// peers learn us) and ticks the command client's retries. We are system 255, component 190 (MAV_COMP_ID_MISSIONPLANNER),
/// as QGroundControl is.
/// </summary>
public sealed class GroundLink : App.ICommandSender, IDisposable
{
    public const byte OwnSystemId = 255;
    public const byte OwnComponentId = 190;

    private readonly IMavlinkTransport _transport;
    private readonly MavlinkLink _link;
    private readonly CommandClient _commands;
    private readonly Thread _service;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<byte, Drivers.Mavlink.Microservices.Mission.Client.MissionClient> _missionClients = [];
    private readonly Lock _sticksLock = new();
    private ManualControl _sticks;
    private bool _sticksActive;
    private long _manualPeriodUs = 25_000;
    private long _manualControlSent;

    public GroundLink(IMavlinkTransport transport, MavlinkSigningKey? signingKey = null, int queueCapacity = 8192)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        MavlinkSigner? signer = null;
        MavlinkSignatureVerifier? verifier = null;
        if (signingKey is not null)
        {
            var unixTime = new SystemUnixTimeSource();
            signer = new MavlinkSigner(signingKey, 0, unixTime);
            verifier = new MavlinkSignatureVerifier(signingKey, MavlinkSigningPolicy.Require, unixTime);
        }

        Queue = new TelemetryQueue(queueCapacity);
        Node = new MavlinkNode(OwnSystemId, OwnComponentId, new TransportFrameSink(transport), Clock, CommonDialect.Instance, signer);
        _ = new TelemetryDecoder(Node.Messages, Queue);
        _commands = Node.Add(new CommandClient(Node));
        Parameters = Node.Add(new ParameterHub(Node));
        Plans = new PlanTransfer(MissionsFor);
        _link = new MavlinkLink(transport, CommonDialect.Instance, verifier);
        _service = new Thread(ServiceLoop) { IsBackground = true, Name = "gcs-mavlink" };
    }

    public IClock Clock { get; } = new WallClock();

    public MavlinkNode Node { get; }

    /// <summary>Decoded telemetry for the render thread.</summary>
    public TelemetryQueue Queue { get; }

    public MavlinkParserStats Stats => _link.Stats;

    public string Name => _transport.Name;

    /// <summary>The parameter protocol for every vehicle on the link.</summary>
    public ParameterHub Parameters { get; }

    /// <summary>Mission, fence and rally upload/download for the plan view.</summary>
    public PlanTransfer Plans { get; }

    /// <summary>The mission-protocol client towards <paramref name="systemId"/>'s autopilot (component 1), made on first use.</summary>
    public Drivers.Mavlink.Microservices.Mission.Client.MissionClient MissionsFor(byte systemId)
    {
        lock (_missionClients)
        {
            if (!_missionClients.TryGetValue(systemId, out var client))
            {
                client = Node.Add(new Drivers.Mavlink.Microservices.Mission.Client.MissionClient(Node, systemId, 1));
                _missionClients.Add(systemId, client);
            }

            return client;
        }
    }

    /// <summary>Per-message counts, rates and last payloads for the inspector view.</summary>
    public Inspection.MessageInspector Inspector { get; } = new();

    /// <summary>The parser's counters and the frames the signing filter refused.</summary>
    public Inspection.LinkCounters Counters
    {
        get
        {
            MavlinkParserStats s = _link.Stats;
            return new Inspection.LinkCounters(s.Frames, s.BadCrc, s.SignatureFailures, s.UnknownIds, s.LengthErrors, s.GarbageBytes, Node.FilteredFrames);
        }
    }

    /// <summary>MANUAL_CONTROL frames sent (the gamepad's stream).</summary>
    public long ManualControlSent => Interlocked.Read(ref _manualControlSent);

    /// <summary>
    /// The gamepad's latest sticks, sent by the service thread every <paramref name="periodUs"/> (so the stream keeps
    /// its rate whatever the frame rate); null stops the stream, as an unplugged pad would, and the vehicle's own
    /// stick-loss failsafe takes over.
    /// </summary>
    public void SetManualControl(ManualControl? sticks, long periodUs = 25_000)
    {
        lock (_sticksLock)
        {
            _sticksActive = sticks.HasValue;
            _sticks = sticks.GetValueOrDefault();
            _manualPeriodUs = Math.Clamp(periodUs, 20_000, 40_000);
        }
    }

    public void Start()
    {
        _link.Start((_, frame) =>
        {
            Inspector.Record(frame, Clock.TimeUs);
            Node.Receive(frame);
        });
        _service.Start();
    }

    /// <summary>Sends a COMMAND_LONG to (system, component 1) and fills <paramref name="outcome"/> with its result.</summary>
    public CommandOutcome Send(string name, byte targetSystem, MavCmd command, float p1 = 0, float p2 = 0, float p3 = 0, float p4 = 0, float p5 = 0, float p6 = 0, float p7 = 0)
    {
        var outcome = new CommandOutcome(name, Clock.TimeUs);
        var message = new CommandLong
        {
            TargetSystem = targetSystem,
            TargetComponent = 1,
            Command = command,
            Param1 = p1,
            Param2 = p2,
            Param3 = p3,
            Param4 = p4,
            Param5 = p5,
            Param6 = p6,
            Param7 = p7,
        };
        Track(outcome, _commands.SendAsync(message));
        return outcome;
    }

    /// <summary>DO_REPOSITION as COMMAND_INT (global, altitude relative to home; NaN altitude keeps the current height).</summary>
    public CommandOutcome GoTo(byte targetSystem, double latDeg, double lonDeg, float heightAboveHomeM)
    {
        var outcome = new CommandOutcome("GO HERE", Clock.TimeUs);
        var message = new CommandInt
        {
            TargetSystem = targetSystem,
            TargetComponent = 1,
            Frame = MavFrame.GlobalRelativeAltInt,
            Command = MavCmd.DoReposition,
            Param1 = -1, // default ground speed
            Param2 = 1, // MAV_DO_REPOSITION_FLAGS_CHANGE_MODE
            Param4 = float.NaN, // keep yaw
            X = (int)Math.Round(latDeg * 1e7),
            Y = (int)Math.Round(lonDeg * 1e7),
            Z = heightAboveHomeM,
        };
        Track(outcome, _commands.SendAsync(message));
        return outcome;
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_service.IsAlive)
        {
            _service.Join(2000);
        }

        _link.Dispose();
        _stop.Dispose();
    }

    private static void Track(CommandOutcome outcome, Task<MavResult> task) =>
        task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    MavResult result = t.Result;
                    if (result == MavResult.Accepted)
                    {
                        outcome.Complete(CommandState.Accepted, string.Empty);
                    }
                    else
                    {
                        outcome.Complete(CommandState.Denied, "(" + result + ")");
                    }
                }
                else if (t.Exception?.InnerException is TimeoutException)
                {
                    outcome.Complete(CommandState.TimedOut, string.Empty);
                }
                else
                {
                    outcome.Complete(CommandState.Failed, t.Exception?.InnerException?.Message ?? "cancelled");
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void ServiceLoop()
    {
        var heartbeat = new Heartbeat
        {
            Type = MavType.Gcs,
            Autopilot = MavAutopilot.Invalid,
            SystemStatus = MavState.Active,
            MavlinkVersion = 3,
        };
        long nextHeartbeatUs = 0;
        long nextManualUs = 0;
        while (!_stop.IsCancellationRequested)
        {
            long nowUs = Clock.TimeUs;
            if (nowUs >= nextHeartbeatUs)
            {
                Node.Send(heartbeat);
                nextHeartbeatUs = nowUs + 1_000_000;
            }

            if (nowUs >= nextManualUs)
            {
                ManualControl sticks;
                bool active;
                long periodUs;
                lock (_sticksLock)
                {
                    (sticks, active, periodUs) = (_sticks, _sticksActive, _manualPeriodUs);
                }

                if (active)
                {
                    Node.Send(sticks);
                    Interlocked.Increment(ref _manualControlSent);
                }

                // A late wake-up skips ahead instead of sending a burst.
                nextManualUs += periodUs;
                if (nextManualUs <= nowUs)
                {
                    nextManualUs = nowUs + periodUs;
                }
            }

            Node.Tick();
            _stop.Token.WaitHandle.WaitOne(5);
        }
    }
}
