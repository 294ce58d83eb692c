using System.CommandLine;
using System.Globalization;
using StrategicTech.Autopilot.Companion;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy companion --fc &lt;url&gt;</c>: a companion computer driving an external PX4 or ArduCopter flight
/// controller (<see cref="CompanionController"/>): takeoff, a route planned here (a mission's positions routed around
/// its fence, or a survey), landing; prints each state change and the progress. Exit 0 completed, 1 failed, a
/// failsafe, no flight controller within --wait or stopped; 2 bad input.
/// </summary>
public static class CompanionCommand
{
    public static Command Create()
    {
        var fc = new Option<string>("--fc") { Description = "Flight controller link: udpin://0.0.0.0:14540 (PX4 SITL's offboard port), udpout://host:port, tcpout://host:port, serial:///dev/ttyACM0:921600.", Required = true };
        var mission = new Option<string?>("--mission") { Description = "Mission to fly (QGC .plan or QGC WPL waypoints): its positions in order, each leg routed around the plan's exclusion fences." };
        var survey = new Option<string?>("--survey") { Description = "Survey polygon file ('lat,lon' per line, # comments): a lawnmower over it at --takeoff-alt." };
        var spacing = new Option<double>("--spacing") { Description = "Survey line spacing (m).", DefaultValueFactory = _ => 10 };
        var takeoffAlt = new Option<double>("--takeoff-alt") { Description = "Takeoff height above home (m), also the survey height.", DefaultValueFactory = _ => 5 };
        var speed = new Option<double>("--speed") { Description = "Route speed (m/s).", DefaultValueFactory = _ => 5 };
        var rate = new Option<int>("--rate") { Description = "Setpoint rate (Hz, 20..200).", DefaultValueFactory = _ => 50 };
        var wait = new Option<double>("--wait") { Description = "Give up when no flight controller heartbeat came within this many seconds (0: wait forever).", DefaultValueFactory = _ => 30 };
        var streamTimeout = new Option<int>("--stream-timeout-ms") { Description = "The companion's own failsafe when its setpoint loop stalls this long (ms, 100..450: below PX4's 500 ms offboard-loss timeout, so the companion acts first).", DefaultValueFactory = _ => 250 };
        var noLand = new Option<bool>("--no-land") { Description = "Hover at the route's end instead of landing (the FC's offboard-loss failsafe takes over when the companion exits)." };
        var command = new Command("companion", "Drive an external PX4 (OFFBOARD) or ArduCopter (GUIDED) flight controller over MAVLink: heartbeat, mode and arming handshakes, takeoff, a route planned here streamed as setpoints, landing, and a failsafe of its own (link lost, position stale, stream degraded, FC left OFFBOARD/GUIDED).")
        {
            fc, mission, survey, spacing, takeoffAlt, speed, rate, wait, streamTimeout, noLand,
        };
        command.SetAction(parse => Run(new Settings(parse.GetValue(fc)!, parse.GetValue(mission), parse.GetValue(survey), parse.GetValue(spacing), parse.GetValue(takeoffAlt),
            parse.GetValue(speed), parse.GetValue(rate), parse.GetValue(wait), parse.GetValue(noLand), parse.GetValue(streamTimeout)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, CancellationToken.None));
        return command;
    }

    public sealed record Settings(string Fc, string? Mission, string? Survey, double SpacingM, double TakeoffAltM, double SpeedMps, int RateHz, double WaitS, bool NoLand, int StreamTimeoutMs = 250);

    public static int Run(Settings s, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        CompanionOptions options;
        Func<HomeReference, CompanionRoute>? plan;
        try
        {
            if (s.Mission is not null && s.Survey is not null)
            {
                throw new ArgumentException("give --mission or --survey, not both");
            }

            if (!(s.WaitS >= 0))
            {
                throw new ArgumentException("--wait must be ≥ 0 s");
            }

            if (!(s.SpacingM is > 0.5 and <= 500))
            {
                throw new ArgumentException("--spacing must be in (0.5, 500] m");
            }

            if (s.StreamTimeoutMs is < 100 or > 450)
            {
                throw new ArgumentException("--stream-timeout-ms must be 100..450 ms");
            }

            options = new CompanionOptions { StreamTimeoutUs = s.StreamTimeoutMs * 1000L, TakeoffHeightM = s.TakeoffAltM, CruiseSpeedMps = s.SpeedMps, RateHz = s.RateHz <= 200 ? s.RateHz : throw new ArgumentException("--rate must be 20..200 Hz"), LandAtEnd = !s.NoLand };
            plan = Planner(s, options);
        }
        catch (Exception e) when (e is ArgumentException or MissionFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        var clock = new WallClock();
        CompanionLink link;
        try
        {
            link = new CompanionLink(s.Fc, clock, options, plan);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            error.WriteLine("error: cannot open '" + s.Fc + "': " + e.Message);
            return ExitCodes.BadInput;
        }

        using (link)
        using (var stop = new StopSignals())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancellation))
        {
            CompanionController c = link.Controller;
            c.Transitioned += t => output.WriteLine(t.ToString());
            c.FlightControllerText += text => output.WriteLine("  FC: " + text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"companion on {link.TransportName}: system {options.SystemId} component {options.ComponentId}, {options.RateHz} Hz setpoints; waiting for a flight controller"));
            long periodUs = options.PeriodUs;
            long startUs = clock.TimeUs;
            long nextUs = startUs;
            long nextProgressUs = startUs;
            while (!c.Finished && !linked.IsCancellationRequested)
            {
                link.Tick();
                long nowUs = clock.TimeUs;
                if (c.State == CompanionState.WaitingForFlightController && s.WaitS > 0 && nowUs - startUs > (long)(s.WaitS * 1e6))
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: no flight controller heartbeat on {s.Fc} within {s.WaitS:G} s"));
                    return ExitCodes.CheckFailed;
                }

                if (c.State == CompanionState.FlyingRoute && nowUs >= nextProgressUs)
                {
                    nextProgressUs = nowUs + 5_000_000;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  progress {c.RouteProgress * 100:F0} %, {c.RouteRemainingM:F0} m to go, at {c.PositionNedM.X:F1} m N {c.PositionNedM.Y:F1} m E {-c.PositionNedM.Z:F1} m up"));
                }

                if (c.State == CompanionState.Failsafe && c.LastFailsafe != CompanionFailsafeReason.LinkLost)
                {
                    break; // only a lost link is resumed; every other failsafe leaves the vehicle to the FC
                }

                nextUs += periodUs;
                long sleepUs = nextUs - clock.TimeUs;
                if (sleepUs > 0)
                {
                    Thread.Sleep(TimeSpan.FromTicks(sleepUs * 10));
                }
                else
                {
                    nextUs = clock.TimeUs; // late: keep the cadence from now, never burst
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"companion: {c.State}{(c.LastFailsafe != CompanionFailsafeReason.None ? ", last failsafe " + c.LastFailsafe : string.Empty)}; {c.SetpointsSent} setpoints, longest gap {c.MaxSetpointGapUs / 1000} ms"));
            return c.State == CompanionState.Completed ? ExitCodes.Success : ExitCodes.CheckFailed;
        }
    }

    private static Func<HomeReference, CompanionRoute>? Planner(Settings s, CompanionOptions options)
    {
        if (s.Mission is not null)
        {
            LoadedMission mission = MissionFile.Read(s.Mission);
            return home => CompanionRoutePlanner.FromMission(mission, mission.Geofence, home, options.TakeoffHeightM);
        }

        if (s.Survey is not null)
        {
            IReadOnlyList<LatLonDeg> polygon = SurveyPolygonFile.Read(s.Survey);
            return home => CompanionRoutePlanner.FromSurvey(polygon, home, options.TakeoffHeightM, s.SpacingM, options.LandAtEnd);
        }

        return null;
    }
}
