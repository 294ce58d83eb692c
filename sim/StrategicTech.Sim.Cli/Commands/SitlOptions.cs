using System.CommandLine;
using System.Globalization;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>What <c>sitl run</c> / <c>sitl demo</c> were asked for.</summary>
public sealed record SitlSettings(string? OutputDirectory, int? VehicleCount, double? SpeedFactor, ulong? Seed, bool NoPlots, bool Mavlink);

/// <summary>The options shared by <c>sitl run</c> and <c>sitl demo</c>.</summary>
public sealed class SitlOptions
{
    private readonly Option<string?> _out = new("--out") { Description = "Output directory (default ./sitl-out/<scenario>)." };
    private readonly Option<int?> _vehicles = new("--vehicles") { Description = "Fly N copies of the scenario's first vehicle: system ids 1..N, homes 5 m apart, each its own mission copy (1 to 64)." };
    private readonly Option<string> _speed = new("--speed") { Description = "max (lockstep as fast as possible), or simulated seconds per wall second, e.g. 1 for real time (0.01 to 10000).", DefaultValueFactory = _ => "max" };
    private readonly Option<ulong?> _seed = new("--seed") { Description = "Replace the scenario's seed (vehicle i gets seed + i)." };
    private readonly Option<bool> _noPlots = new("--no-plots") { Description = "Skip the PNG plots." };
    private readonly Option<bool> _mavlink = new("--mavlink") { Description = "Put each vehicle's MAVLink endpoint on UDP like PX4 SITL: vehicle i (0-based) binds 127.0.0.1:14580+i with its system id and streams to 127.0.0.1:14550 (QGroundControl); use with --speed 1. telemetry.tlog is written either way." };

    private SitlOptions()
    {
        _vehicles.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n is < 1 or > 64)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--vehicles must be between 1 and 64, got {n}"));
            }
        });
        _speed.Validators.Add(r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "max";
            if (ParseSpeed(text) is null && text != "max")
            {
                r.AddError("--speed must be 'max' or a factor between 0.01 and 10000, got '" + text + "'");
            }
        });
    }

    public static SitlOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = new SitlOptions();
        command.Options.Add(o._out);
        command.Options.Add(o._vehicles);
        command.Options.Add(o._speed);
        command.Options.Add(o._seed);
        command.Options.Add(o._noPlots);
        command.Options.Add(o._mavlink);
        return o;
    }

    public SitlSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string speed = parse.GetValue(_speed) ?? "max";
        return new SitlSettings(parse.GetValue(_out), parse.GetValue(_vehicles), speed == "max" ? null : ParseSpeed(speed),
            parse.GetValue(_seed), parse.GetValue(_noPlots), parse.GetValue(_mavlink));
    }

    private static double? ParseSpeed(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f >= 0.01 && f <= 10_000 ? f : null;
}
