using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy demo</c>: the README's first command. Flies the bundled SITL demo scenario exactly as
/// <c>autonomy sitl demo</c> does (same options and outputs), then runs the foundation self-check (geodesy,
/// quaternion kernel, lockstep scheduler), printing measured figures.
/// </summary>
public static class DemoCommand
{
    // Geoscience Australia's worked example (Vincenty 1975): Flinders Peak → Buninyong.
    private const double FlindersBuninyongM = 54_972.271;

    public static Command Create()
    {
        var samples = new Option<int>("--samples")
        {
            Description = "Random rotations and positions to check in the self-check (1 to 10 000 000).",
            DefaultValueFactory = _ => 100_000,
        };
        OptionChecks.AddIntRange(samples, 1, 10_000_000);
        var command = new Command("demo", "Run the main demo: the bundled SITL scenario (same as 'sitl demo': a quad flies a survey-like mission in 8 m/s wind with gusts, returns and lands, autopilot and EKF in lockstep; log, plots and summary in ./sitl-out/demo), then a self-check of geodesy, the quaternion kernel and the scheduler.")
        {
            samples,
        };
        SitlOptions sitl = SitlOptions.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(samples), sitl.Read(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(int samples, SitlSettings settings, TextWriter output, TextWriter error)
    {
        output.WriteLine("StrategicTech.Autonomy demo");
        int flight = SitlCommand.Run("demo", settings, output, error, printResult: false);
        if (flight == ExitCodes.BadInput)
        {
            return flight;
        }

        var random = new Random(unchecked((int)(settings.Seed ?? 1)));
        output.WriteLine("self-check of the foundation (navigation kernel, geodesy, scheduler)");
        bool geodesyOk = CheckGeodesy(samples, random, output);
        bool quaternionOk = CheckQuaternions(samples, random, output);
        bool schedulerOk = CheckScheduler(output);
        bool ok = flight == ExitCodes.Success && geodesyOk && quaternionOk && schedulerOk;
        output.WriteLine(ok ? "result: PASS" : "result: FAIL");
        return ok ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static bool CheckGeodesy(int samples, Random random, TextWriter output)
    {
        double worstLatRad = 0, worstHeightM = 0, worstNedM = 0;
        for (int i = 0; i < samples; i++)
        {
            var p = new GeodeticPosition((random.NextDouble() - 0.5) * Math.PI, (random.NextDouble() - 0.5) * 2 * Math.PI, -10_000 + (random.NextDouble() * 110_000));
            GeodeticPosition back = Ecef.ToGeodetic(Ecef.FromGeodetic(p));
            worstLatRad = Math.Max(worstLatRad, Math.Abs(back.LatitudeRad - p.LatitudeRad));
            worstHeightM = Math.Max(worstHeightM, Math.Abs(back.HeightM - p.HeightM));
            var frame = new LocalNedFrame(p);
            var ned = new Vector3((random.NextDouble() - 0.5) * 40_000, (random.NextDouble() - 0.5) * 40_000, (random.NextDouble() - 0.5) * 10_000);
            worstNedM = Math.Max(worstNedM, (frame.ToNed(frame.FromNed(ned)) - ned).Length);
        }

        var flinders = GeodeticPosition.FromDegrees(-(37 + (57 / 60.0) + (3.72030 / 3600)), 144 + (25 / 60.0) + (29.52440 / 3600), 0);
        var buninyong = GeodeticPosition.FromDegrees(-(37 + (39 / 60.0) + (10.15610 / 3600)), 143 + (55 / 60.0) + (35.38390 / 3600), 0);
        GeodesicInverse fb = Geodesic.Inverse(flinders, buninyong);
        GeodesicInverse antipodal = Geodesic.InverseDeg(56.320923501171, 0, -56.320923501171, 179.664747671772880215);
        double azimuthDeg = (fb.InitialBearingRad * 180 / Math.PI) + 360;

        output.WriteLine("geodesy (WGS84)");
        output.WriteLine(Invariant($"  positions checked:                     {samples}"));
        output.WriteLine(Invariant($"  geodetic→ECEF→geodetic worst:          {worstLatRad:E2} rad latitude, {worstHeightM:E2} m height"));
        output.WriteLine(Invariant($"  NED→geodetic→NED worst (±20 km):       {worstNedM:E2} m"));
        output.WriteLine(Invariant($"  Flinders Peak → Buninyong:             {fb.DistanceM:F4} m (published {FlindersBuninyongM:F3} m), azimuth {azimuthDeg:F6}°"));
        output.WriteLine(Invariant($"  nearly antipodal (GeodSolve9):         {antipodal.DistanceM:F4} m (published 19993558.287 m)"));
        output.WriteLine(Invariant($"  normal gravity at 45°, 0 m / 10 km:    {NormalGravity.AtMps2(Math.PI / 4, 0):F7} / {NormalGravity.AtMps2(Math.PI / 4, 10_000):F7} m/s²"));
        return worstLatRad < 1e-12 && worstHeightM < 1e-8 && worstNedM < 1e-8
            && Math.Abs(fb.DistanceM - FlindersBuninyongM) < 0.001 && Math.Abs(antipodal.DistanceM - 19_993_558.287) < 0.001;
    }

    private static bool CheckQuaternions(int samples, Random random, TextWriter output)
    {
        double worstRoundTripRad = 0, worstMatrixErr = 0;
        for (int i = 0; i < samples; i++)
        {
            var q = new Quaternion(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5).Normalized();
            Quaternion back = Quaternion.FromRotationVector(q.ToRotationVector());
            worstRoundTripRad = Math.Max(worstRoundTripRad, Quaternion.AngleBetween(q, back));
            var v = new Vector3(random.NextDouble(), random.NextDouble(), random.NextDouble());
            worstMatrixErr = Math.Max(worstMatrixErr, (q.Rotate(v) - (q.ToRotationMatrix() * v)).Length);
        }

        output.WriteLine("quaternion kernel");
        output.WriteLine(Invariant($"  rotations checked:                     {samples}"));
        output.WriteLine(Invariant($"  exp/log round trip, worst:             {worstRoundTripRad:E2} rad"));
        output.WriteLine(Invariant($"  quaternion vs matrix rotation, worst:  {worstMatrixErr:E2}"));
        return worstRoundTripRad < 1e-9 && worstMatrixErr < 1e-12;
    }

    private static bool CheckScheduler(TextWriter output)
    {
        // 10 s of simulated time at 1 kHz in lockstep: exact call counts, no allocation per tick.
        var clock = new ManualClock();
        var scheduler = new FixedRateScheduler(clock, 1000);
        int[] ratesHz = [1000, 500, 250, 50, 10];
        var tasks = new CountingTask[ratesHz.Length];
        for (int i = 0; i < ratesHz.Length; i++)
        {
            tasks[i] = new CountingTask();
            scheduler.Register(Invariant($"task-{ratesHz[i]}Hz"), tasks[i], ratesHz[i], priority: i);
        }

        scheduler.Step(); // tick 0 (warm-up of the JIT counts too: it is part of the 10 s)
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long startTicks = Stopwatch.GetTimestamp();
        for (int i = 1; i < 10_000; i++)
        {
            scheduler.Step();
        }

        double elapsedS = Stopwatch.GetElapsedTime(startTicks).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        output.WriteLine("scheduler (lockstep on the sim clock, base 1000 Hz, 10 s simulated)");
        bool countsOk = true;
        for (int i = 0; i < ratesHz.Length; i++)
        {
            TaskStatistics s = scheduler.GetStatistics(i);
            long expected = 10L * ratesHz[i];
            countsOk &= s.Runs == expected;
            output.WriteLine(Invariant($"  {s.Name,-12} runs {s.Runs,6} (expected {expected,6}), start jitter max {s.JitterMaxUs} µs, overruns {s.Overruns}"));
        }

        output.WriteLine(Invariant($"  simulated time {clock.TimeUs / 1e6:F3} s in {elapsedS * 1e3:F1} ms wall ({elapsedS * 1e9 / 9_999:F0} ns per tick), bytes allocated {allocated}"));
        return countsOk && allocated == 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class CountingTask : IPeriodicTask
    {
        public long Runs { get; private set; }

        public void Run(long timeUs) => Runs++;
    }
}
