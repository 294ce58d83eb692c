using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Flight.Geofence;
using StrategicTech.Navigation.Estimation.Amr;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// One vehicle of a scenario run: its <see cref="SitlVehicle"/>, the mission it flies, the phase it is in
/// (waiting for the EKF, flying, finished) and the truth figures the pass criteria judge. <see cref="Step"/> is
/// the per-tick work (no allocation except one log row every 20 ms into a pre-sized list).
/// </summary>
public sealed class VehicleRun
{
    /// <summary>After the mission ends without a landing, the run of this vehicle stops this much later.</summary>
    private const long HoldAfterMissionUs = 5_000_000;

    private readonly MissionItem[] _items;
    private readonly Vector3[] _waypointTargets;
    private readonly int[] _waypointIndices;
    private readonly double[] _closestApproachM;
    private readonly double[] _truthAtReachedM;
    private readonly double[] _acceptanceRadiusM;
    private readonly int _logDivisor;
    private const int InitialLogSeconds = 120;

    private readonly List<TruthEstimateRow> _log;
    private readonly bool[] _reached;
    private readonly IVehicleAttachment? _attachment;
    private readonly Navigation.Missions.Geofence _fence;
    private readonly IReadOnlyList<RallyPoint> _rally;
    private readonly GeofenceArea? _fenceOnTruth;
    private readonly FaultSchedule _faults;
    private readonly long[] _failsafeFirstUs = new long[FailsafeTexts.KindCount];
    private readonly FlightMode[] _failsafeMode = new FlightMode[FailsafeTexts.KindCount];
    private readonly bool[] _failsafeArmedAfter = new bool[FailsafeTexts.KindCount];
    private readonly IReadOnlyList<ScenarioCommand> _commands;
    private readonly CommandOutcome[] _commandOutcomes;
    private int _nextCommand;
    private long _missionEndUs = -1;
    private bool _airborne;
    private int _highestIndex;
    private long _reachedCount;
    private long _fenceBreachTicks;

    public VehicleRun(ScenarioVehicle spec, int index, ulong physicsSeed, ulong sensorSeed, ScenarioWorld world,
        IReadOnlyList<MissionItem> items, int logRateHz, long timeLimitUs, Func<SitlVehicle, IVehicleAttachment?>? attach,
        Navigation.Missions.Geofence? fence = null, IReadOnlyList<RallyPoint>? rallyPoints = null,
        Func<SitlBindingContext, ISitlIoBinding>? binding = null, bool interactive = false,
        IReadOnlyList<ScenarioParameter>? parameters = null, IReadOnlyList<ScenarioCommand>? commands = null, ScenarioRc? rc = null,
        bool matchEkfToSensors = true, bool matchEkfImuNoise = true)
    {
        _commands = commands ?? [];
        _commandOutcomes = new CommandOutcome[_commands.Count];
        Interactive = interactive;
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(items);
        Spec = spec;
        Index = index;
        PhysicsSeed = physicsSeed;
        SensorSeed = sensorSeed;
        var environment = new SimulationEnvironment(spec.Home, 0.0, world.Wind, world.MagneticField, physicsSeed);
        _faults = new FaultSchedule(world.Faults);
        if (rc is not null && binding is null)
        {
            // The pilot's transmitter: a receiver on the plain SITL binding (a HIL binding brings its own I/O).
            binding = context =>
            {
                RcReceiver = new SimulatedRcReceiver(context.Clock, _faults, [.. rc.ChannelsUs], rc.RateHz);
                return new SimulatedIoBinding(context, RcReceiver);
            };
        }

        SensorModels.SensorSuiteParameters sensors = spec.SensorErrors?.ApplyTo(SensorModels.SensorSuiteParameters.Default) ?? SensorModels.SensorSuiteParameters.Default;
        bool compassCalibrated = spec.SensorErrors is null; // a scenario's sensorErrors are errors not yet calibrated
        // The EKF's noise matched to the simulated sensors (SitlEkfTuning) unless a run opts out (ScenarioRunOptions).
        Vehicle = new SitlVehicle(spec.Airframe, environment, sensorSeed, _faults, sensors: sensors,
            ekf: matchEkfToSensors ? Lockstep.SitlEkfTuning.For(sensors, environment, compassCalibrated, matchEkfImuNoise) : null, binding: binding,
            magnetometerCalibrated: compassCalibrated);
        foreach (ScenarioParameter p in parameters ?? [])
        {
            // Validated by the loader; applied at the vehicle's next position update.
            Vehicle.Vehicle.Parameters.TrySet(p.Name, p.Value);
        }

        Array.Fill(_failsafeFirstUs, -1);
        _items = [.. items];

        LocalNedFrame home = Vehicle.Physics.HomeFrame;
        var targets = new List<Vector3>();
        var indices = new List<int>();
        for (int i = 0; i < _items.Length; i++)
        {
            MissionItem item = _items[i];
            if (item.Command == MavCmd.NavWaypoint && item.HasPosition)
            {
                Vector3 ned = home.ToNed(GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, spec.Home.HeightM));
                double downM = item.Frame is MavFrame.Global or MavFrame.GlobalInt ? spec.Home.HeightM - item.AltitudeM : -item.AltitudeM;
                targets.Add(new Vector3(ned.X, ned.Y, downM));
                indices.Add(i);
            }
        }

        _waypointTargets = [.. targets];
        _waypointIndices = [.. indices];
        _closestApproachM = new double[_waypointTargets.Length];
        _reached = new bool[_items.Length];
        Array.Fill(_closestApproachM, double.PositiveInfinity);
        _truthAtReachedM = new double[_waypointTargets.Length];
        _acceptanceRadiusM = new double[_waypointTargets.Length];
        Array.Fill(_truthAtReachedM, double.NaN);
        Array.Fill(_acceptanceRadiusM, double.NaN);
        _logDivisor = SitlVehicle.BaseRateHz / logRateHz;
        // Sized for the first two minutes, not from the file's time limit (a day-long limit reserved ~0.9 GB per
        // vehicle up front); the list grows with the rows a run really records, in the harness, not the vehicle loop.
        _log = new List<TruthEstimateRow>((int)Math.Clamp((Math.Max(timeLimitUs, 0) / 1_000_000 + 1) * logRateHz, 1, InitialLogSeconds * logRateHz));
        _attachment = attach?.Invoke(Vehicle);
        _fence = fence ?? Navigation.Missions.Geofence.Empty;
        _rally = rallyPoints ?? [];

        // The fence judged on truth, in the simulator's home frame (truth positions are relative to the take-off point).
        _fenceOnTruth = _fence.IsEmpty ? null : new GeofenceArea(_fence, home);
    }

    public ScenarioVehicle Spec { get; }

    /// <summary>
    /// Driven from outside (console, ground station): nothing is uploaded, armed or started by the run, and the
    /// vehicle never finishes by itself; it flies until the run is stopped.
    /// </summary>
    public bool Interactive { get; }

    public int Index { get; }

    public ulong PhysicsSeed { get; }

    public ulong SensorSeed { get; }

    public SitlVehicle Vehicle { get; }

    /// <summary>The simulated RC receiver when the scenario has a transmitter (<c>"rc"</c>), else null.</summary>
    public SimulatedRcReceiver? RcReceiver { get; private set; }

    public VehiclePhase Phase { get; private set; } = VehiclePhase.WaitingForEstimator;

    public bool Done => Phase is VehiclePhase.Finished or VehiclePhase.Refused;

    public IReadOnlyList<TruthEstimateRow> Log => _log;

    public IReadOnlyList<MissionItem> Items => _items;

    public double MaxTiltRad { get; private set; }

    /// <summary>Largest |EKF − truth| position error while armed (m).</summary>
    public double MaxEkfErrorArmedM { get; private set; }

    /// <summary>
    /// Largest |EKF − truth| position error while armed at an instant whose error the filter's stated absolute
    /// covariance did not cover (position NEES above <see cref="CoveredPositionNees"/>), m; 0 when it covered every one.
    /// </summary>
    public double MaxEkfErrorUncoveredM { get; private set; }

    /// <summary>χ²₃ at 99.9 %: a position NEES (3 DOF) at or below it is an error the stated covariance covers.</summary>
    public static double CoveredPositionNees { get; } = ChiSquare.Quantile(0.999, 3);

    public long ArmedAtUs { get; private set; } = -1;

    public long FinishedAtUs { get; private set; } = -1;

    /// <summary>Largest truth descent speed while armed and off the ground (m/s).</summary>
    public double MaxDescentSpeedMps { get; private set; }

    /// <summary>First time the failsafe <paramref name="kind"/> was taken (µs; −1 never), the mode it entered, and whether the vehicle was still armed.</summary>
    public (long TimeUs, FlightMode Mode, bool Armed) FailsafeTaken(FailsafeKind kind) =>
        (_failsafeFirstUs[(int)kind], _failsafeMode[(int)kind], _failsafeArmedAfter[(int)kind]);

    /// <summary>Mission items the vehicle moved past (index of the highest current item).</summary>
    public int ItemsCompleted => Math.Min(_highestIndex, _items.Length);

    public int SkippedItems => Vehicle.Commands.Status.MissionSkippedCount;

    /// <summary>Simulated time truth spent inside an exclusion or outside the inclusion fence (s, 1 ms ticks).</summary>
    public double FenceBreachS => _fenceBreachTicks / (double)SitlVehicle.BaseRateHz;


    /// <summary>The skipped items with the executor's reasons (after the run; allocates).</summary>
    public IReadOnlyList<SkippedItem> SkippedItemList()
    {
        var list = new List<SkippedItem>();
        for (int i = 0; i < _items.Length; i++)
        {
            if (Vehicle.Mission.SkipReason(i) is { } why)
            {
                list.Add(new SkippedItem(i, _items[i].Seq, _items[i].Command, why));
            }
        }

        return list;
    }

    /// <summary>The run was stopped from outside (Ctrl+C, SIGTERM) while this vehicle had not finished.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>Marks the vehicle as stopped from outside (its figures cover what ran).</summary>
    public void Interrupt()
    {
        if (!Done)
        {
            Interrupted = true;
        }
    }
    /// <summary>Why the vehicle did not fly (a refused upload, arm or start), empty otherwise.</summary>
    public string RefusalReason { get; private set; } = string.Empty;

    /// <summary>One lockstep tick of this vehicle plus its bookkeeping.</summary>
    public void Step()
    {
        SitlVehicle v = Vehicle;
        v.Step();
        long timeUs = v.Clock.TimeUs;
        ref readonly VehicleTruth truth = ref v.Truth;

        double cosTilt = 1 - (2 * ((truth.Attitude.X * truth.Attitude.X) + (truth.Attitude.Y * truth.Attitude.Y)));
        double tilt = Math.Acos(Math.Clamp(cosTilt, -1, 1));
        if (tilt > MaxTiltRad)
        {
            MaxTiltRad = tilt;
        }

        if (v.Commander.Armed && double.IsFinite(v.EkfPositionErrorM) && v.EkfPositionErrorM > MaxEkfErrorArmedM)
        {
            MaxEkfErrorArmedM = v.EkfPositionErrorM;
        }

        if (v.Commander.Armed && double.IsFinite(v.EkfPositionErrorM) && v.EkfPositionErrorM > MaxEkfErrorUncoveredM
            && !(EstimateConsistency.Of(v).PositionNees <= CoveredPositionNees))
        {
            MaxEkfErrorUncoveredM = v.EkfPositionErrorM;
        }

        if (_fenceOnTruth is not null && _fenceOnTruth.CheckShapes(new(truth.PositionNedM.X, truth.PositionNedM.Y)) != FenceViolation.None)
        {
            _fenceBreachTicks++;
        }

        if (v.Commander.Armed && !truth.Landed && truth.VelocityNedMps.Z > MaxDescentSpeedMps)
        {
            MaxDescentSpeedMps = truth.VelocityNedMps.Z;
        }

        // The run plays the ground station: a HEARTBEAT each second unless a dataLinkLoss fault cuts the link.
        if (!Interactive && timeUs % 1_000_000 == 0 && !_faults.IsActive(FaultKind.DataLinkLoss, timeUs))
        {
            v.Commands.NoteGroundStationHeartbeat();
        }

        FailsafeKind last = v.Commander.Status.LastFailsafe;
        if (last != FailsafeKind.None && _failsafeFirstUs[(int)last] < 0)
        {
            _failsafeFirstUs[(int)last] = timeUs;
            _failsafeMode[(int)last] = v.Commander.Mode;
            _failsafeArmedAfter[(int)last] = v.Commander.Armed;
        }

        switch (Phase)
        {
            case VehiclePhase.WaitingForEstimator:
                if (v.ReadyToArm)
                {
                    if (Interactive)
                    {
                        Phase = VehiclePhase.Flying; // in service: waits on the pad for commands
                    }
                    else
                    {
                        StartFlying(timeUs);
                    }
                }

                break;
            case VehiclePhase.Flying:
                TrackMission(timeUs);
                SendCommands(timeUs);
                break;
        }

        if (v.Scheduler.TickCount % _logDivisor == 0)
        {
            Record(timeUs);
        }

        _attachment?.AfterStep(v, timeUs);
    }

    /// <summary>Per-waypoint truth figures (after the run).</summary>
    public IReadOnlyList<WaypointResult> Waypoints(double radiusM)
    {
        var results = new WaypointResult[_waypointTargets.Length];
        for (int k = 0; k < results.Length; k++)
        {
            int index = _waypointIndices[k];
            bool reached = _reached[index] || _highestIndex > index;
            double closest = _closestApproachM[k];
            Vector3 t = _waypointTargets[k];
            results[k] = new WaypointResult(_items[index].Seq, index, t.X, t.Y, t.Z, reached, closest, reached && closest <= radiusM)
            {
                TruthAtReachedM = _truthAtReachedM[k],
                AcceptanceRadiusM = _acceptanceRadiusM[k],
            };
        }

        return results;
    }

    public void DisposeAttachment() => _attachment?.Dispose();

    /// <summary>What a ground station does: upload the mission, arm, start it (start-up work: the upload allocates).</summary>
    private void StartFlying(long timeUs)
    {
        IVehicleCommands commands = Vehicle.Commands;

        // As QGroundControl: fence and rally points, then the mission (which the vehicle checks against the fence).
        CommandOutcome fence = commands.ReplaceFence(_fence);
        CommandOutcome rally = fence == CommandOutcome.Accepted ? commands.ReplaceRallyPoints(_rally) : CommandOutcome.Denied;
        CommandOutcome upload = rally == CommandOutcome.Accepted ? commands.ReplaceMission(_items) : CommandOutcome.Denied;
        CommandOutcome arm = upload == CommandOutcome.Accepted ? commands.Arm() : CommandOutcome.Denied;
        CommandOutcome start = arm == CommandOutcome.Accepted ? commands.StartMission() : CommandOutcome.Denied;
        if (start == CommandOutcome.Accepted)
        {
            ArmedAtUs = timeUs;
            Phase = VehiclePhase.Flying;
            return;
        }

        RefusalReason = fence != CommandOutcome.Accepted ? "fence upload " + fence
            : rally != CommandOutcome.Accepted ? "rally upload " + rally
            : upload != CommandOutcome.Accepted ? "mission upload " + upload + ": " + commands.Status.StatusTexts?.Latest.Text
            : arm != CommandOutcome.Accepted ? "arming " + arm + " (" + commands.Status.LastArmingDenial + ")"
            : "mission start " + start;
        Phase = VehiclePhase.Refused;
        FinishedAtUs = timeUs;
    }

    private void TrackMission(long timeUs)
    {
        SitlVehicle v = Vehicle;
        VehicleStatus status = v.Commands.Status;
        int current = status.MissionCurrentIndex;
        if (current > _highestIndex)
        {
            _highestIndex = current;
        }

        // MISSION_ITEM_REACHED as a ground station sees it (polled every tick, so none is missed in practice).
        if (status.ReachedCount != _reachedCount)
        {
            _reachedCount = status.ReachedCount;
            if ((uint)status.LastReachedIndex < (uint)_reached.Length)
            {
                _reached[status.LastReachedIndex] = true;
                NoteReachedOnTruth(status.LastReachedIndex);
            }
        }

        // A ground station's RTL or LAND (or a failsafe) that ends on the ground also finishes the vehicle: it flew,
        // then landed and disarmed before the mission's end.
        if (!v.Truth.Landed)
        {
            _airborne = true;
        }
        else if (_airborne && !status.Armed && !Interactive)
        {
            Phase = VehiclePhase.Finished;
            FinishedAtUs = timeUs;
            return;
        }

        Vector3 p = v.Truth.PositionNedM;
        for (int k = 0; k < _waypointTargets.Length; k++)
        {
            int index = _waypointIndices[k];
            if (current == index || current == index + 1)
            {
                double d = (p - _waypointTargets[k]).Length;
                if (d < _closestApproachM[k])
                {
                    _closestApproachM[k] = d;
                }
            }
        }

        if (!Interactive && !status.Armed && !status.MissionFinished && (v.Truth.Landed || v.Truth.Crashed))
        {
            // Landed (and disarmed) or stopped by a failsafe before the mission's end, and on the ground.
            Phase = VehiclePhase.Finished;
            FinishedAtUs = timeUs;
            return;
        }

        if (!status.MissionFinished || Interactive)
        {
            return;
        }

        if (_missionEndUs < 0)
        {
            _missionEndUs = timeUs;
        }

        if (!status.Armed || timeUs - _missionEndUs >= HoldAfterMissionUs)
        {
            Phase = VehiclePhase.Finished;
            FinishedAtUs = timeUs;
        }
    }

    /// <summary>How the vehicle answered each scenario command (in order; only those already sent are meaningful).</summary>
    public IReadOnlyList<CommandOutcome> CommandOutcomes => _commandOutcomes;

    /// <summary>Commands sent so far.</summary>
    public int CommandsSent => _nextCommand;

    /// <summary>Sends the scenario's operator commands whose time has come, as a ground station would.</summary>
    private void SendCommands(long timeUs)
    {
        while (!Interactive && Phase == VehiclePhase.Flying && _nextCommand < _commands.Count && timeUs >= _commands[_nextCommand].AtUs)
        {
            ScenarioCommand c = _commands[_nextCommand];
            IVehicleCommands commands = Vehicle.Commands;
            _commandOutcomes[_nextCommand++] = c.Kind switch
            {
                ScenarioCommandKind.GoTo => commands.GoTo(c.LatitudeDeg, c.LongitudeDeg, c.HeightAboveHomeM, c.SpeedMps),
                ScenarioCommandKind.RcChannel => MoveRcChannel(c.RcChannel, c.RcPulseUs),
                _ => commands.ReturnToLaunch(),
            };
        }
    }

    /// <summary>The pilot moves a stick or switch; the vehicle reads it with the receiver's next frame.</summary>
    private CommandOutcome MoveRcChannel(int channel, ushort pulseUs)
    {
        if (RcReceiver is null || channel > RcReceiver.ChannelCount)
        {
            return CommandOutcome.Unsupported;
        }

        RcReceiver.SetChannel(channel, pulseUs);
        return CommandOutcome.Accepted;
    }

    /// <summary>Truth's distance from waypoint item <paramref name="index"/> at the tick it was reported reached (first report only).</summary>
    private void NoteReachedOnTruth(int index)
    {
        for (int k = 0; k < _waypointIndices.Length; k++)
        {
            if (_waypointIndices[k] != index || !double.IsNaN(_truthAtReachedM[k]))
            {
                continue;
            }

            _truthAtReachedM[k] = (Vehicle.Truth.PositionNedM - _waypointTargets[k]).Length;
            double param2 = _items[index].Param2;
            _acceptanceRadiusM[k] = param2 > 0 ? param2 : Vehicle.Vehicle.Parameters.Get("NAV_ACC_RAD");
        }
    }

    private void Record(long timeUs)
    {
        SitlVehicle v = Vehicle;
        ref readonly VehicleTruth truth = ref v.Truth;
        bool hasEstimate = double.IsFinite(v.EkfPositionErrorM);
        Vector3 nan = new(double.NaN, double.NaN, double.NaN);
        Vector3 estimatePosition = hasEstimate ? v.EstimatedPositionHomeNedM : nan;
        Vector3 estimateVelocity = hasEstimate ? v.Estimate.VelocityNedMps : nan;
        Vector3 estimateEuler = hasEstimate ? v.Estimate.AttitudeNed.ToEuler() : nan;
        _log.Add(new TruthEstimateRow(
            timeUs,
            v.Commander.Mode,
            v.Commander.Armed,
            v.Commands.Status.MissionCurrentIndex,
            truth.PositionNedM,
            estimatePosition,
            truth.VelocityNedMps,
            estimateVelocity,
            truth.Attitude.ToEuler(),
            estimateEuler,
            hasEstimate ? v.EkfPositionErrorM : double.NaN,
            hasEstimate ? (estimateVelocity - truth.VelocityNedMps).Length : double.NaN,
            hasEstimate ? Quaternion.AngleBetween(truth.Attitude, v.Estimate.AttitudeNed) : double.NaN,
            truth.WindNedMps,
            EstimateConsistency.Of(v)));
    }
}

/// <summary>Where one vehicle of a scenario run is.</summary>
public enum VehiclePhase
{
    WaitingForEstimator,
    Flying,
    Finished,

    /// <summary>Arming or the mission start was refused; the vehicle stays on the ground.</summary>
    Refused,
}
