using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ScottPlot;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy ekf replay</c>: runs our UAV EKF on logged sensor data, compares it with the logged PX4 EKF2 output
/// and plots ours against theirs, so a user can tune the filter. Input formats plug in through
/// <see cref="IReplayInput"/>: PX4's replay CSV (with a change_indication reference) or a PX4 ULog flight log of any
/// generation (whose own EKF2 states are the reference; missing topics and fields are warned about, an IMU below
/// 100 Hz is refused unless --force). The comparison removes the reference's datum steps and aligns our
/// delayed-horizon trajectory on its timestamps with an estimated skew, and says both.
/// </summary>
public static class EkfCommand
{
    // Validation bounds of the PX4 replay test (issue 4): attitude 2 deg, velocity 0.2 m/s, position 0.5 m RMS.
    private const double AttitudeBoundDeg = 2.0;
    private const double VelocityBoundMps = 0.2;
    private const double PositionBoundM = 0.5;

    /// <summary>A source of sensor samples for a replay run.</summary>
    private interface IReplayInput
    {
        string Description { get; }

        /// <summary>Last sensor time, µs.</summary>
        long EndUs { get; }

        /// <summary>Take-off and landing times if the log says so.</summary>
        (long FromUs, long ToUs)? FlightWindowUs { get; }

        /// <summary>Sensor records in time order.</summary>
        IReadOnlyList<ReplayRecord> Records { get; }

        /// <summary>The embedded reference in the run's frame (after <see cref="Run"/>), or null.</summary>
        List<ChangeIndicationRow>? EmbeddedReference(UavEkf filter);

        /// <summary>Median IMU rate, Hz.</summary>
        double ImuRateHz { get; }

        /// <summary>What the input lacked or what was skipped or assumed while reading it.</summary>
        IReadOnlyList<string> Warnings { get; }

        /// <summary>Divisor that turns the embedded reference's bias states into per-second values.</summary>
        double EmbeddedReferenceFilterPeriodS { get; }
    }

    public static Command Create()
    {
        var input = new Argument<FileInfo>("replay_data") { Description = "Sensor log: PX4 replay CSV (time_us,kind,values...) or a PX4 ULog (.ulg)." };
        var reference = new Option<FileInfo?>("--reference") { Description = "PX4 change_indication CSV with EKF2's states to compare against (a ULog carries its own EKF2 states)." };
        var plots = new Option<DirectoryInfo?>("--plots") { Description = "Directory for PNG plots of ours vs theirs (attitude, velocity, position)." };
        var param = new Option<string[]>("--param")
        {
            Description = "Override a filter parameter, e.g. --param GyroNoiseRadps=0.02 --param MagFusion=Auto (names and ranges: UavEkfParameters; vectors as x,y,z).",
        };
        var force = new Option<bool>("--force")
        {
            Description = $"Replay even when the log's IMU rate is below {ULogReplaySource.MinimumImuRateHz:F0} Hz (rates integrated over long intervals corrupt the attitude; the result is then not a measure of the filter).",
        };
        var replay = new Command("replay", "Run the UAV EKF on a sensor log and compare with the logged PX4 EKF2 estimate.")
        {
            input,
            reference,
            plots,
            param,
            force,
        };
        replay.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(reference), parse.GetValue(plots), parse.GetValue(param) ?? [], parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return new Command("ekf", "UAV estimator tools.") { replay };
    }

    private static int Run(FileInfo inputFile, FileInfo? referenceFile, DirectoryInfo? plotDir, string[] overrides, bool force, TextWriter output, TextWriter error)
    {
        UavEkfParameters parameters;
        try
        {
            parameters = ApplyOverrides(overrides);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine("error: --param: " + ex.Message);
            return ExitCodes.BadInput;
        }

        IReplayInput source;
        List<ChangeIndicationRow>? reference = null;
        try
        {
            source = OpenInput(inputFile);
            if (referenceFile != null)
            {
                if (!referenceFile.Exists)
                {
                    error.WriteLine($"error: reference file '{referenceFile.FullName}' does not exist.");
                    return ExitCodes.BadInput;
                }

                reference = ChangeIndicationCsvReader.ReadFile(referenceFile.FullName);
            }
        }
        catch (Exception ex) when (ex is ReplayFormatException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + ex.Message);
            return ExitCodes.BadInput;
        }

        foreach (string warning in source.Warnings)
        {
            error.WriteLine("warning: " + warning);
        }

        if (source.ImuRateHz < ULogReplaySource.MinimumImuRateHz)
        {
            string rate = string.Create(CultureInfo.InvariantCulture, $"the IMU rate of '{inputFile.Name}' is {source.ImuRateHz:F1} Hz, below the {ULogReplaySource.MinimumImuRateHz:F0} Hz a replay needs (the logger decimated it): attitude and velocity errors would measure the log, not the filter");
            if (!force)
            {
                error.WriteLine($"error: {rate}; pass --force to replay anyway.");
                return ExitCodes.BadInput;
            }

            error.WriteLine($"warning: {rate} (--force given).");
        }

        double referencePeriodS = referenceFile != null ? ReplayComparison.Ekf2FilterPeriodS : source.EmbeddedReferenceFilterPeriodS;
        var filter = new UavEkf(parameters);
        var watch = Stopwatch.StartNew();
        List<ReplaySnapshot> ours = Px4ReplayRunner.RunTrajectory(filter, source.Records);
        watch.Stop();
        reference = reference?.FindAll(r => r.TimeUs <= source.EndUs) ?? source.EmbeddedReference(filter)?.FindAll(r => r.TimeUs <= source.EndUs);
        if (reference is { Count: 0 })
        {
            reference = null;
        }

        output.WriteLine($"autonomy ekf replay — {source.Description}");
        output.WriteLine($"  filter: 24-state error-state EKF at the IMU rate, horizon {filter.Parameters.HorizonUs / 1000.0:F0} ms, mag {filter.Parameters.MagFusion}");
        foreach (string o in overrides)
        {
            output.WriteLine($"  parameter: {o}");
        }

        output.WriteLine($"  run time: {watch.Elapsed.TotalMilliseconds:F1} ms (including JIT)");
        output.WriteLine($"  final flags: {filter.Flags}");
        output.WriteLine($"  rejected samples: non-finite {filter.RejectedNonFiniteCount}, out-of-order {filter.RejectedOutOfOrderCount}, dropped {filter.DroppedObservationCount}");
        output.WriteLine($"  innovation rejections: gnss {filter.Gnss.RejectedCount}, baro {filter.Baro.RejectedCount}, mag {filter.MagHeading.RejectedCount + filter.Mag3Axis.RejectedCount}, range {filter.Range.RejectedCount}; yaw resets {filter.YawResetCount}, gnss resets {filter.Gnss.ResetCount} (position alone {filter.Gnss.PositionResetCount}, velocity alone {filter.Gnss.VelocityResetCount}), height resets to baro {filter.Baro.ResetCount}");
        UavState last = filter.DelayedState;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  final: pos NED {Fmt(last.PositionNedM)} m, vel {Fmt(last.VelocityNedMps)} m/s, gyro bias {Fmt(last.GyroBiasRadps * (180 / Math.PI))} deg/s, accel bias {Fmt(last.AccelBiasMps2)} m/s^2"));

        int exit = ExitCodes.Success;
        if (reference != null)
        {
            (long from, long to) = source.FlightWindowUs ?? (reference[0].TimeUs, source.EndUs);

            // Measure the filter, not the harness: remove the reference's own datum changes, then put our estimate on its timestamps.
            List<ReferenceDatumStep> steps = ReferenceDatumSteps.Detect(reference);
            foreach (ReferenceDatumStep step in steps)
            {
                output.WriteLine("  " + step.Describe());
            }

            reference = ReferenceDatumSteps.Rereference(reference, steps);
            long skewUs = ReplayAlignment.EstimateSkewUs(ours, reference, from, to);
            output.WriteLine("  " + ReplayAlignment.Describe(skewUs));
            ours = ReplayAlignment.At(ours, reference.ConvertAll(r => r.TimeUs), skewUs);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  difference to reference over the flight ({from / 1e6:F1} s to {to / 1e6:F1} s):"));
            List<StateGroupError> flight = ReplayComparison.Compare(ours, reference, from, to, referencePeriodS);
            PrintTable(output, flight);
            output.WriteLine("  difference to reference over the whole log:");
            PrintTable(output, ReplayComparison.Compare(ours, reference, 0, source.EndUs, referencePeriodS));
            bool ok = flight[0].Rms <= AttitudeBoundDeg && flight[2].Rms <= VelocityBoundMps && flight[3].Rms <= PositionBoundM;
            output.WriteLine(ok
                ? $"  within validation bounds (attitude {AttitudeBoundDeg} deg, velocity {VelocityBoundMps} m/s, position {PositionBoundM} m RMS): yes"
                : $"  within validation bounds (attitude {AttitudeBoundDeg} deg, velocity {VelocityBoundMps} m/s, position {PositionBoundM} m RMS): NO");
            exit = ok ? ExitCodes.Success : ExitCodes.CheckFailed;
        }

        if (plotDir != null)
        {
            plotDir.Create();
            int count = WritePlots(plotDir.FullName, ours, reference);
            output.WriteLine($"  wrote {count} plots to {plotDir.FullName}");
        }

        return exit;
    }

    /// <summary>Builds parameters from NAME=VALUE overrides; the parameters' own range checks apply.</summary>
    private static UavEkfParameters ApplyOverrides(string[] overrides)
    {
        var parameters = new UavEkfParameters();
        foreach (string o in overrides)
        {
            int eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"expected NAME=VALUE, got '{o}'.");
            }

            string name = o[..eq].Trim(), text = o[(eq + 1)..].Trim();
            System.Reflection.PropertyInfo? property = typeof(UavEkfParameters).GetProperty(name);
            if (property == null || !property.CanWrite)
            {
                throw new ArgumentException($"unknown parameter '{name}'.");
            }

            object value;
            try
            {
                value = ParseValue(property.PropertyType, text);
            }
            catch (FormatException)
            {
                throw new ArgumentException($"{name}: cannot read '{text}' as {property.PropertyType.Name}.");
            }

            try
            {
                property.SetValue(parameters, value);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is ArgumentOutOfRangeException range)
            {
                throw new ArgumentException(range.Message, range);
            }
        }

        return parameters;
    }

    private static object ParseValue(Type type, string text)
    {
        if (type == typeof(double))
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (type == typeof(int))
        {
            return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return bool.Parse(text);
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out object? e) && Enum.IsDefined(type, e!) ? e! : throw new FormatException();
        }

        if (type == typeof(Vector3))
        {
            string[] parts = text.Split(',');
            return parts.Length == 3
                ? new Vector3(ParseD(parts[0]), ParseD(parts[1]), ParseD(parts[2]))
                : throw new FormatException();
        }

        throw new FormatException();
    }

    private static double ParseD(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IReplayInput OpenInput(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new IOException($"input file '{file.FullName}' does not exist.");
        }

        string ext = file.Extension.ToLowerInvariant();
        return ext switch
        {
            ".csv" => new Px4CsvInput(file.FullName),
            ".ulg" => new ULogInput(file.FullName),
            _ => throw new NotSupportedException($"'{file.Name}': unsupported input format '{ext}' (supported: PX4 replay CSV '.csv', PX4 ULog '.ulg').")
        };
    }

    private static void PrintTable(TextWriter output, List<StateGroupError> errors)
    {
        output.WriteLine("    group        unit       RMS        max   rows");
        foreach (StateGroupError e in errors)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {e.Name,-12} {e.Unit,-6} {e.Rms,9:F4} {e.Max,10:F4} {e.Count,6}"));
        }
    }

    private static string Fmt(Vector3 v) => string.Create(CultureInfo.InvariantCulture, $"({v.X:F3}, {v.Y:F3}, {v.Z:F3})");

    private static int WritePlots(string dir, List<ReplaySnapshot> ours, List<ChangeIndicationRow>? reference)
    {
        string[] names = ["attitude_roll", "attitude_pitch", "attitude_yaw", "velocity_north", "velocity_east", "velocity_down", "position_north", "position_east", "position_down"];
        string[] units = ["deg", "deg", "deg", "m/s", "m/s", "m/s", "m", "m", "m"];
        for (int c = 0; c < names.Length; c++)
        {
            var plot = new Plot();
            List<ReplaySnapshot> aligned = ours.FindAll(s => s.Aligned);
            double[] xs = aligned.ConvertAll(s => s.TimeUs * 1e-6).ToArray();
            double[] ys = aligned.ConvertAll(s => Component(s.State.Attitude, s.State.VelocityNedMps, s.State.PositionNedM, c)).ToArray();
            var mine = plot.Add.ScatterLine(xs, ys);
            mine.LegendText = "ours";
            mine.LineWidth = 2;
            if (reference != null)
            {
                List<ChangeIndicationRow> rows = reference.FindAll(r => r.State[0] != 0 || r.State[1] != 0);
                double[] rx = rows.ConvertAll(r => r.TimeUs * 1e-6).ToArray();
                double[] ry = rows.ConvertAll(r => Component(new Quaternion(r.State[0], r.State[1], r.State[2], r.State[3]),
                    new Vector3(r.State[4], r.State[5], r.State[6]), new Vector3(r.State[7], r.State[8], r.State[9]), c)).ToArray();
                var theirs = plot.Add.ScatterLine(rx, ry);
                theirs.LegendText = "PX4 EKF2";
                theirs.LinePattern = LinePattern.Dashed;
                theirs.LineWidth = 2;
            }

            plot.Title(names[c].Replace('_', ' '));
            plot.XLabel("time (s)");
            plot.YLabel(units[c]);
            plot.ShowLegend();
            plot.SavePng(Path.Combine(dir, names[c] + ".png"), 1000, 450);
        }

        return names.Length;
    }

    private static double Component(Quaternion q, Vector3 v, Vector3 p, int c)
    {
        if (c < 3)
        {
            Vector3 euler = q.ToEuler() * (180 / Math.PI);
            return euler[c];
        }

        return c < 6 ? v[c - 3] : p[c - 6];
    }

    /// <summary>From the first not-landed record to the next landed one (or the end of the log).</summary>
    private static (long FromUs, long ToUs)? FlightWindow(IReadOnlyList<ReplayRecord> records, long endUs)
    {
        long? takeOff = null, landing = null;
        foreach (ReplayRecord r in records)
        {
            if (r.Kind != ReplayRecordKind.Landed)
            {
                continue;
            }

            if (r.V0 < 0.5 && takeOff == null)
            {
                takeOff = r.TimeUs;
            }
            else if (r.V0 >= 0.5 && takeOff != null && landing == null)
            {
                landing = r.TimeUs;
            }
        }

        return takeOff.HasValue ? (takeOff.Value, landing ?? endUs) : null;
    }

    /// <summary>PX4-ECL replay CSV (sensor lines only; airspeed unused).</summary>
    private sealed class Px4CsvInput : IReplayInput
    {
        private readonly List<ReplayRecord> _records;

        public Px4CsvInput(string path)
        {
            _records = Px4ReplayCsvReader.ReadFile(path);
            if (_records.Count == 0)
            {
                throw new ReplayFormatException(path, 0, "no sensor lines");
            }

            Description = $"{Path.GetFileName(path)}: {_records.Count} sensor lines, {_records.Count(r => r.Kind == ReplayRecordKind.Imu)} IMU samples, {_records[^1].TimeUs / 1e6:F1} s";
            EndUs = _records[^1].TimeUs;
            FlightWindowUs = FlightWindow(_records, EndUs);
            ImuRateHz = ReplayImuRate.MedianHz(_records);
        }

        public double ImuRateHz { get; }

        public IReadOnlyList<string> Warnings => [];

        public double EmbeddedReferenceFilterPeriodS => ReplayComparison.Ekf2FilterPeriodS;

        public string Description { get; }

        public long EndUs { get; }

        public (long FromUs, long ToUs)? FlightWindowUs { get; }

        public IReadOnlyList<ReplayRecord> Records => _records;

        public List<ChangeIndicationRow>? EmbeddedReference(UavEkf filter) => null;
    }

    /// <summary>PX4 ULog: logged sensors in, the log's own EKF2 states (estimator_status) as the reference.</summary>
    private sealed class ULogInput : IReplayInput
    {
        private readonly ULogReplaySource _source;

        public ULogInput(string path)
        {
            _source = ULogReplaySource.ReadFile(path);
            IReadOnlyList<ReplayRecord> records = _source.Records;
            int imu = records.Count(r => r.Kind == ReplayRecordKind.Imu);
            double spanS = (records[^1].TimeUs - records[0].TimeUs) / 1e6;
            Description = $"{Path.GetFileName(path)}: ULog, {records.Count} sensor samples, {imu} IMU samples ({imu / Math.Max(spanS, 1e-9):F0} Hz), {spanS:F1} s; reference: {_source.Reference.Count} EKF2 states\n  layout: {_source.Layout.Describe()}";
            EndUs = records[^1].TimeUs;
            FlightWindowUs = FlightWindow(records, EndUs);
        }

        public string Description { get; }

        public long EndUs { get; }

        public (long FromUs, long ToUs)? FlightWindowUs { get; }

        public IReadOnlyList<ReplayRecord> Records => _source.Records;

        public double ImuRateHz => _source.ImuRateHz;

        public IReadOnlyList<string> Warnings => _source.Warnings;

        public double EmbeddedReferenceFilterPeriodS => _source.ReferenceFilterPeriodS;


        public List<ChangeIndicationRow>? EmbeddedReference(UavEkf filter) =>
            filter.Gnss.HasOrigin ? _source.ReferenceAbout(filter.Gnss.Origin) : [.. _source.Reference];
    }
}
