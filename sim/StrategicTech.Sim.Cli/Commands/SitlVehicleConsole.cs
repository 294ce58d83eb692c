using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// The console of <c>sitl vehicle</c>, as a PX4 developer types at <c>pxh&gt;</c>: lines arrive from any thread
/// (<see cref="Submit"/>) and run on the simulation thread between ticks (as an attachment of the vehicle), so a
/// command never races the loop. It also announces what changes by itself: ready to arm, armed/disarmed, mode,
/// landed, and the vehicle's status texts.
/// </summary>
public sealed class SitlVehicleConsole(TextWriter output, Action quit) : IVehicleAttachment
{
    public const string Help = """
        commands:
          arm [force]                 arm (force: skip the arming checks)
          disarm [force]              disarm (force: also in the air; it falls)
          takeoff [alt_m]             take off to alt_m above home (default MIS_TAKEOFF_ALT), arming if needed
          land | rtl | hold           land here, return to launch, hold position
          mode <name>                 stabilized, altitude, position, mission, takeoff, land, rtl, hold, offboard
          mission start               fly the uploaded mission from its first item
          param get <NAME>            one parameter
          param set <NAME> <value>    change one parameter
          param show [pattern]        all parameters, or those matching a pattern (* and ? wildcards)
          status                      one status line
          fault gnss_loss [s]                       GNSS outage (s: duration, default permanent)
          fault gnss_jump <n> <e> <d> [s]           GNSS position offset (m, NED)
          fault mag <x> <y> <z> [s]                 magnetic interference (gauss, body FRD)
          fault motor <index> [fraction] [s]        motor delivers fraction of its command (default 0)
          fault battery <loss_fraction> <drop_v> [s] battery charge loss and voltage drop
          help                        this list
          quit                        stop, write the tlog, summary, CSV and plots
        """;

    private readonly ConcurrentQueue<string> _lines = new();
    private bool _announcedReady;
    private bool _lastArmed;
    private FlightMode _lastMode = (FlightMode)(-1);
    private bool _lastLanded = true;
    private long _lastStatusText;

    /// <summary>Queues one console line (any thread); it runs after the next tick.</summary>
    public void Submit(string line) => _lines.Enqueue(line);

    public void AfterStep(SitlVehicle vehicle, long timeUs)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        while (_lines.TryDequeue(out string? line))
        {
            string reply = Execute(vehicle, line);
            if (reply.Length > 0)
            {
                output.WriteLine(reply);
            }
        }

        Announce(vehicle, timeUs);
    }

    public void Dispose()
    {
    }

    /// <summary>Runs one command line on the vehicle and returns what to print (simulation thread only).</summary>
    public string Execute(SitlVehicle vehicle, string line)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(line);
        string[] words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return string.Empty;
        }

        IVehicleCommands c = vehicle.Commands;
        bool force = words.Length > 1 && words[1].Equals("force", StringComparison.OrdinalIgnoreCase);
        switch (words[0].ToLowerInvariant())
        {
            case "help":
                return Help;
            case "quit":
            case "exit":
                quit();
                return "stopping: writing the outputs";
            case "arm":
                return Outcome("arm", c.Arm(force), c);
            case "disarm":
                return Outcome("disarm", c.Disarm(force), c);
            case "takeoff":
                if (words.Length > 1 && !TryNumber(words[1], out _))
                {
                    return "takeoff: the altitude must be a number of metres, got '" + words[1] + "'";
                }

                return Outcome("takeoff", c.Takeoff(words.Length > 1 ? Number(words[1]) : double.NaN), c);
            case "land":
                return Outcome("land", c.Land(), c);
            case "rtl":
                return Outcome("rtl", c.ReturnToLaunch(), c);
            case "hold":
                return Outcome("hold", c.Hold(), c);
            case "mode":
                return words.Length < 2 ? "mode: give a mode name (" + ModeNames + ")"
                    : ParseMode(words[1]) is { } mode ? Outcome("mode " + mode, c.SetMode(mode), c)
                    : "mode: unknown mode '" + words[1] + "' (" + ModeNames + ")";
            case "mission":
                return words.Length > 1 && words[1].Equals("start", StringComparison.OrdinalIgnoreCase)
                    ? Outcome("mission start", c.StartMission(), c)
                    : "mission: the command is 'mission start'";
            case "param":
                return Param(vehicle.Parameters, words);
            case "status":
                return StatusLine(vehicle);
            case "fault":
                return Fault(vehicle, words);
            default:
                return "unknown command '" + words[0] + "'; type 'help' for the list";
        }
    }

    /// <summary>One readable line: time, mode, armed, altitude, position, speed, battery, EKF, mission.</summary>
    public static string StatusLine(SitlVehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        VehicleStatus s = vehicle.Commands.Status;
        ref readonly Physics.VehicleTruth truth = ref vehicle.Truth;
        Vector3 p = truth.PositionNedM;
        Vector3 v = truth.VelocityNedMps;
        double battery = vehicle.Vehicle.Battery.RemainingFraction;
        string ekf = !vehicle.Vehicle.HasOrigin ? "aligning" : vehicle.ReadyToArm || s.Armed ? "ok" : "settling";
        return string.Create(CultureInfo.InvariantCulture,
            $"t {vehicle.Clock.TimeUs / 1e6:F1} s | {s.Mode} | {(s.Armed ? "armed" : "disarmed")} | {(truth.Landed ? "landed" : "flying")} | alt {-p.Z:F1} m | N {p.X:F1} E {p.Y:F1} m | speed {v.Length:F1} m/s | battery {(double.IsFinite(battery) ? (battery * 100).ToString("F0", CultureInfo.InvariantCulture) + "%" : "n/a")} | EKF {ekf} | mission {Math.Min(s.MissionCurrentIndex, s.MissionItemCount)}/{s.MissionItemCount}");
    }

    private static string ModeNames => "stabilized, altitude, position, mission, takeoff, land, rtl, hold, offboard";

    private static FlightMode? ParseMode(string name) => name.ToLowerInvariant() switch
    {
        "rtl" or "return" => FlightMode.ReturnToLaunch,
        "posctl" => FlightMode.Position,
        "altctl" => FlightMode.Altitude,
        "manual" => FlightMode.Stabilized,
        "loiter" => FlightMode.Hold,
        _ => Enum.TryParse(name, ignoreCase: true, out FlightMode m) && Enum.IsDefined(m) && !int.TryParse(name, out _) ? m : null,
    };

    private static string Outcome(string what, CommandOutcome outcome, IVehicleCommands c) => outcome switch
    {
        CommandOutcome.Accepted => what + ": accepted",
        CommandOutcome.Denied when what.StartsWith("arm", StringComparison.Ordinal) || what.StartsWith("takeoff", StringComparison.Ordinal) =>
            what + ": denied (" + c.Status.LastArmingDenial + ")",
        _ => what + ": " + outcome.ToString().ToLowerInvariant(),
    };

    private static string Param(ParameterStore store, string[] words)
    {
        string sub = words.Length > 1 ? words[1].ToLowerInvariant() : string.Empty;
        switch (sub)
        {
            case "get" when words.Length == 3:
                int index = store.IndexOf(words[2].ToUpperInvariant());
                return index < 0 ? "param: no parameter named " + words[2]
                    : store.Definition(index).Name + " = " + store.Get(index).ToString("G", CultureInfo.InvariantCulture);
            case "set" when words.Length == 4:
                if (!TryNumber(words[3], out double value))
                {
                    return "param set: the value must be a number, got '" + words[3] + "'";
                }

                string name = words[2].ToUpperInvariant();
                ParameterSetResult result = store.TrySet(name, value);
                return result is ParameterSetResult.Accepted or ParameterSetResult.Unchanged
                    ? name + " = " + store.Get(name).ToString("G", CultureInfo.InvariantCulture)
                    : "param set " + name + ": " + result + (result == ParameterSetResult.InvalidCombination ? " (" + store.LastCombinationProblem + ")" : string.Empty);
            case "show":
                Regex? filter = words.Length > 2 ? new Regex("^" + Regex.Escape(words[2].ToUpperInvariant()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$") : null;
                var lines = new List<string>();
                for (int i = 0; i < store.Count; i++)
                {
                    string n = store.Definition(i).Name;
                    if (filter is null || filter.IsMatch(n))
                    {
                        lines.Add(n + " = " + store.Get(i).ToString("G", CultureInfo.InvariantCulture));
                    }
                }

                return lines.Count == 0 ? "param show: nothing matches" : string.Join(Environment.NewLine, lines);
            default:
                return "param: use 'param get NAME', 'param set NAME VALUE' or 'param show [pattern]'";
        }
    }

    private static string Fault(SitlVehicle vehicle, string[] words)
    {
        long nowUs = vehicle.Clock.TimeUs;
        double[] args = new double[Math.Max(0, words.Length - 2)];
        for (int i = 0; i < args.Length; i++)
        {
            if (!TryNumber(words[i + 2], out args[i]))
            {
                return "fault: '" + words[i + 2] + "' is not a number";
            }
        }

        long Duration(int at) => args.Length > at ? (long)(args[at] * 1e6) : Faults.Fault.Permanent;
        Faults.Fault? fault = (words.Length > 1 ? words[1].ToLowerInvariant() : string.Empty) switch
        {
            "gnss_loss" => Faults.Fault.GnssLoss(nowUs, Duration(0)),
            "gnss_jump" when args.Length >= 3 => Faults.Fault.GnssPositionJump(nowUs, Duration(3), new Vector3(args[0], args[1], args[2])),
            "mag" when args.Length >= 3 => Faults.Fault.MagInterference(nowUs, Duration(3), new Vector3(args[0], args[1], args[2])),
            "motor" when args.Length >= 1 => Faults.Fault.MotorFailure(nowUs, Duration(2), (int)args[0], args.Length > 1 ? args[1] : 0),
            "battery" when args.Length >= 2 => Faults.Fault.BatteryDrop(nowUs, Duration(2), args[0], args[1]),
            _ => null,
        };
        if (fault is not { } f)
        {
            return "fault: use one of gnss_loss [s], gnss_jump n e d [s], mag x y z [s], motor index [fraction] [s], battery loss_fraction drop_v [s]";
        }

        try
        {
            vehicle.Faults.Inject(f);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return "fault: " + e.Message;
        }

        return string.Create(CultureInfo.InvariantCulture, $"fault {f.Kind} injected at t {nowUs / 1e6:F1} s{(f.DurationUs >= Faults.Fault.Permanent ? ", permanent" : $" for {f.DurationUs / 1e6:G} s")}");
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private void Announce(SitlVehicle vehicle, long timeUs)
    {
        VehicleStatus s = vehicle.Commands.Status;
        string at = string.Create(CultureInfo.InvariantCulture, $"[t {timeUs / 1e6:F1} s] ");
        if (!_announcedReady && vehicle.ReadyToArm)
        {
            _announcedReady = true;
            output.WriteLine(at + "ready to arm");
        }

        if (s.Armed != _lastArmed || s.Mode != _lastMode)
        {
            _lastArmed = s.Armed;
            _lastMode = s.Mode;
            output.WriteLine(at + "mode " + s.Mode + ", " + (s.Armed ? "armed" : "disarmed"));
        }

        bool landed = vehicle.Truth.Landed;
        if (landed != _lastLanded)
        {
            _lastLanded = landed;
            output.WriteLine(at + (landed ? "landed" : "airborne"));
        }

        StatusTextLog texts = vehicle.Commander.StatusTexts;
        if (s.StatusTextCount != _lastStatusText)
        {
            for (long seq = _lastStatusText + 1; seq <= s.StatusTextCount; seq++)
            {
                if (texts.TryGet(seq, out StatusText text))
                {
                    output.WriteLine(at + text.Severity.ToString().ToLowerInvariant() + ": " + text.Text);
                }
            }

            _lastStatusText = s.StatusTextCount;
        }
    }
}
